"""Casualty reconciliation as ACLED and UCDP do it: superseded figures, scopes, each claimant's latest figure.

On the seeds, seed 003 line 13 says the Almaty police commander's office "has put the total number of
officers killed in the clashes at thirteen, after eight deaths were confirmed late on Wednesday": the
eight is superseded, and both figures are Almaty's, so the national answer for security-force deaths
comes from neither. Invented sentences check other shapes of the same kind of text.
"""

import re

import pandas as pd
import pytest
from conftest import ROOT, SEED_DOCS, line_sentences, registered, seed_text

from helpers.chapters.casualties import casualty_facts, claims_table
from helpers.chapters.reconcile import RULES, current_figures, left_out, national, reconcile, rules_table
from helpers.extract.casualties import casualty_claims, is_subcount, with_superseded
from helpers.extract.casualty_revisions import revision_cues
from helpers.extract.casualty_scope import scope_cues
from helpers.reference import official_figures

SEED_003 = "003_2d1796695ef79f70.txt"
LINE_13 = ("For its part, the Almaty police commander’s office has put the total number of officers killed in "
           "the clashes at thirteen, after eight deaths were confirmed late on Wednesday.")


@pytest.fixture(scope="module")
def claims(seed_tables):
    # the registered extractor, document by document as the extraction stage runs it
    rows = pd.concat([registered(seed_tables, "casualties", doc) for doc in SEED_DOCS], ignore_index=True)
    return claims_table(seed_tables, rows)


def invented(*lines: str, docs: dict | None = None) -> pd.DataFrame:
    """The extractor's rows (rule grammar) on invented lines, one document per entry of ``docs`` or one doc."""
    texts = docs or {"x": "\n".join(lines)}
    claims = casualty_claims(texts, line_sentences(texts))
    claims["subcount"] = is_subcount(claims, texts)
    return with_superseded(claims, texts)


# ---- superseded figures ----


def test_on_the_seeds_the_eight_confirmed_earlier_is_superseded_by_thirteen(claims):
    text = seed_text(SEED_003)
    assert LINE_13 in text
    eight = claims[(claims["doc"] == SEED_003) & (claims["quote"] == "eight deaths")].iloc[0]
    thirteen = claims[(claims["doc"] == SEED_003) & claims["quote"].str.endswith("in the clashes at thirteen")].iloc[0]
    assert text[eight["start"]:eight["end"]] == "eight deaths"  # provenance kept
    assert eight["superseded"] and eight["superseded_by"] == thirteen["start"]
    assert eight["superseded_cue"] == "after … were confirmed"
    assert not thirteen["superseded"] and thirteen["best"] == 13
    assert claims["superseded"].sum() == 1  # no other seed figure is replaced in its sentence


NEWER_AND_OLDER = [  # (sentence, the newer figure's quote start, the superseded figure's quote, cue)
    ("the office put the number of soldiers killed at 20, after 11 deaths were confirmed on Monday",
     "number of soldiers killed at 20", "11 deaths", "after … were confirmed"),
    ("Officials said 40 people had been killed, up from 25 deaths reported the day before.",
     "40 people had been killed", "25 deaths", "up from …"),
    ("Police said 500 people were detained as the number rose from 300 arrests overnight.",
     "500 people were detained", "300 arrests", "rose from …"),
    ("The ministry said 17 police officers were killed, a toll revised upwards from 12 deaths.",
     "17 police officers were killed", "12 deaths", "revised from …"),
    ("At least 30 people died, replacing an earlier figure of 18 deaths.",
     "At least 30 people died", "18 deaths", "an earlier figure of …"),
    ("Police said 45 protesters were detained, compared with 20 arrests announced previously.",
     "45 protesters were detained", "20 arrests", "… reported earlier"),
    ("Hospitals counted 9 deaths, not 6 deaths as first reported.", "9 deaths", "6 deaths",
     "not … as first reported"),
    # a sentence the article dates as an earlier report: the newer figure is in another sentence
    ("Officials now count 19 police officers killed.\nEarlier, officials said 16 police officers were killed.",
     "19 police officers killed", "16 police officers were killed", "Earlier, …"),
]


@pytest.mark.parametrize("sentence, newer, older, cue", NEWER_AND_OLDER)
def test_invented_shapes_of_a_replaced_figure(sentence, newer, older, cue):
    rows = invented(sentence)
    new = rows[rows["quote"].str.startswith(newer)].iloc[0]
    old = rows[rows["quote"] == older].iloc[0]
    assert old["superseded"] and old["superseded_by"] == new["start"] and old["superseded_cue"] == cue
    assert not new["superseded"]


def test_every_shape_of_the_knowledge_file_is_tested():
    assert {says for says, *_ in revision_cues()} == {cue for *_, cue in NEWER_AND_OLDER}


@pytest.mark.parametrize("row", pd.read_csv(ROOT / "src/helpers/data/casualty_revisions.csv").to_dict("records"),
                         ids=lambda row: row["cue"])
def test_the_example_of_each_shape_in_the_knowledge_file_is_superseded_by_it(row):
    rows = invented(*re.split(r"(?<=\.)\s+", row["example"]))  # one line per sentence
    assert rows.loc[rows["superseded"], "superseded_cue"].tolist() == [row["says"]]


@pytest.mark.parametrize("sentence", [
    "Police moved in after eight deaths were confirmed.",  # no newer figure in the sentence
    "12 police officers were killed in Almaty after 3 soldiers were killed in Aktau.",  # two incidents, no cue verb
    "40 people were killed and 25 deaths were confirmed in hospitals.",  # no cue before the figure
    "Officials said 40 people had been killed, up from 25 arrests the day before.",  # another outcome
    "Earlier, officials said 16 police officers were killed.",  # an earlier report, and no other figure
])
def test_figures_side_by_side_are_not_superseded_without_a_cue_and_a_rival(sentence):
    assert not invented(sentence)["superseded"].any()


def test_a_revision_file_without_its_columns_is_named(tmp_path):
    (tmp_path / "casualty_revisions.csv").write_text("cue,before\nafter,\\bafter\\s+\n")
    with pytest.raises(ValueError, match=r"casualty_revisions\.csv: lacks column"):
        revision_cues(tmp_path)


def test_a_scope_cue_that_is_not_a_pattern_is_named(tmp_path):
    (tmp_path / "casualty_scopes.csv").write_text("cue,scope,applies_to,source\n(unclosed,incident,figure,me\n")
    with pytest.raises(ValueError, match=r"casualty_scopes\.csv: row 2: cue '\(unclosed'"):
        scope_cues(tmp_path)


# ---- scopes ----


def test_on_the_seeds_each_figure_has_the_scope_its_clause_gives(claims):
    by_quote = claims.set_index("quote")
    assert by_quote.loc["several people died", ["scope", "scope_place"]].tolist() == [
        "incident", "police headquarters, Almaty"]  # "... when they tried to take over the police headquarters"
    assert by_quote.loc["number of officers killed in the clashes at thirteen", "scope_place"] == "Almaty"
    # "Sources from the office told ... 'thirteen security officers were killed'": Almaty, from the sentence before
    assert by_quote.loc["thirteen security officers were killed", ["scope", "scope_place"]].tolist() == [
        "city", "Almaty"]
    assert by_quote.loc["thirteen security officers were killed", "scope_basis"].startswith("no place of its own")
    assert by_quote.loc["at least 12 police officers have been killed", "scope"] == "national"  # interior ministry
    assert by_quote.loc["26 armed rioters have been killed", "scope"] == "national"


@pytest.mark.parametrize("sentence, scope, place", [
    ("5 protesters were killed in Shymkent on Thursday.", "city", "Shymkent"),
    ("Three people died in a blast at a market in Taraz.", "incident", "market, Taraz"),
    ("Doctors said 40 people had been killed across the country.", "national", ""),
    ("12 people were killed in the Mangystau region.", "region", "Mangystau Region"),
    ("The health ministry said 30 people were injured.", "national", ""),
])
def test_invented_scopes(sentence, scope, place):
    row = invented(sentence).iloc[0]
    assert (row["scope"], row["scope_place"]) == (scope, place)


def test_a_figure_without_a_place_takes_the_city_of_the_sentence_before_only():
    rows = invented("The Aktobe police said 10 officers were killed.", "Sources said 4 officers were injured.",
                    "Nothing happened on Friday.", "Later 7 officers were injured.")
    assert rows["scope_place"].tolist() == ["Aktobe", "Aktobe", ""]


# ---- reconciliation ----


def test_on_the_seeds_the_national_security_deaths_come_from_current_national_figures(claims):
    table = reconcile(claims)
    answer = national(table, "killed", "security_forces")
    # national and current: "at least 12" (interior ministry, 000), "At least 18" (001), "at least eight" (VOI);
    # every one of them allows 18, the most conservative figure that contradicts none
    assert (answer["figures"], answer["low"], answer["best"]) == (3, 8, 18)
    assert pd.isna(answer["high"]) and answer["best_from"].startswith("At least 18 (jewworldorder.org")
    almaty = table[(table["outcome"] == "killed") & (table["victim_group"] == "security_forces")
                   & (table["scope_place"] == "Almaty")].iloc[0]
    assert (almaty["figures"], almaty["best"]) == (2, 13)  # the superseded eight is in neither row
    gone = left_out(claims).set_index("quote")
    assert gone.loc["eight deaths", "reason"] == "superseded by “thirteen” in the same sentence (“after … were confirmed”)"
    assert gone.loc["eight deaths", "left_out_of"] == "every reconciliation"
    assert gone.loc["several people died", "left_out_of"] == "the national figure"


def test_on_the_seeds_a_single_incident_is_not_the_national_answer_for_killed_rioters(claims):
    table = reconcile(claims)
    assert national(table, "killed", "rioters_protesters")["best"] == 26  # "26 armed rioters have been killed"
    incident = table[table["scope"] == "incident"].iloc[0]
    assert (incident["scope_place"], incident["best"]) == ("police headquarters, Almaty", 3)  # "several"


def test_the_chapter_facts_state_the_national_answer_and_what_was_left_out(claims):
    facts = casualty_facts(claims, official_figures(ROOT / "reference"))
    assert facts["security_killed_best"] == 18
    assert facts["security_killed_range"] == "from at least eight (VOI) to at least 18 (jewworldorder.org)"
    assert "“eight deaths” (Europa Press wire): superseded by “thirteen”" in facts["security_killed_dropped"]
    assert facts["security_killed_local"] == "13 for Almaty (one city)"
    assert facts["n_superseded"] == 1


def dated(rows: pd.DataFrame, published: dict[str, str]) -> pd.DataFrame:
    return rows.assign(published=rows["doc"].map(published), outlet=rows["doc"])


def test_each_claimant_counts_with_its_latest_figure_only():
    rows = invented(docs={
        "a": "The interior ministry said 8 police officers were killed.",
        "b": "The interior ministry said 16 police officers were killed.",
        "c": "Hospital sources said 12 police officers were killed.",
    })
    rows = dated(rows, {"a": "2022-01-06", "b": "2022-01-08", "c": "2022-01-07"})
    current, dropped = current_figures(rows)
    assert sorted(current["best"]) == [12, 16]
    assert dropped.set_index("doc").loc["a", "reason"].startswith("an earlier figure of The interior ministry")
    # 16 and 12, both exact, contradict each other: the most conservative is the lower; the latest is 16
    assert national(reconcile(rows, "most_conservative"), "killed", "security_forces")["best"] == 12
    assert national(reconcile(rows, "latest"), "killed", "security_forces")["best"] == 16
    assert national(reconcile(rows, "median"), "killed", "security_forces")["best"] == 14


def test_open_floors_agree_on_the_highest_floor_and_an_exact_figure_bounds_them():
    docs = {"a": "At least 8 police officers were killed, Kazakh media said.",
            "b": "At least 18 police officers were killed, officials said."}
    rows = dated(invented(docs=docs), {"a": "2022-01-06", "b": "2022-01-07"})
    assert national(reconcile(rows), "killed", "security_forces")["best"] == 18
    docs["c"] = "Exactly 10 police officers were killed, a union said."
    rows = dated(invented(docs=docs), {"a": "2022-01-06", "b": "2022-01-07", "c": "2022-01-07"})
    answer = national(reconcile(rows), "killed", "security_forces")
    assert answer["best"] == 8 and "At least 18" in answer["dissenting"] and "10" in answer["dissenting"]


def test_an_unknown_rule_is_refused_and_every_rule_is_documented():
    with pytest.raises(ValueError, match="unknown reconciliation rule 'mean'"):
        reconcile(invented("5 people were killed."), "mean")
    rules = rules_table().set_index("rule")
    assert list(rules.index) == list(RULES)
    assert rules.loc["most_conservative", "url"].startswith("https://acleddata.com/")
    assert rules.loc["latest", "url"].startswith("https://ucdp.uu.se/")


def test_the_shown_tables_use_words_and_whole_numbers(claims):
    from helpers.chapters.casualties import left_out_view, reconciliation_view, rules_compared_view
    from helpers.chapters.reconcile import rules_compared

    shown = reconciliation_view(reconcile(claims))
    row = shown[(shown["victims"] == "security forces") & (shown["scope"] == "nationwide or total")
                & (shown["outcome"] == "killed")].iloc[0]
    assert (row["best"], row["range"]) == ("18", "8 to open")
    assert "police headquarters, Almaty (one incident or site)" in set(shown["scope"])
    compared = rules_compared_view(rules_compared(claims), rules_table())
    assert list(compared.columns[-3:]) == ["most conservative (ACLED)", "latest report", "median"]
    gone = left_out_view(left_out(claims))
    for frame in (shown, compared, gone):
        for column in frame.columns.drop(["best from", "dissenting", "quote", "document [start:end]"], errors="ignore"):
            assert not frame[column].astype(str).str.fullmatch(r"[a-z]+(?:_[a-z]+)+").any(), column
