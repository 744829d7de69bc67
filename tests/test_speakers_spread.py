"""Claim speakers in the shapes of transcripts, digests, roundups and editorials (issue 13, item 3): a speaker
tag, reported speech carried over sentences, a description of a role or an office, a clause after a mid-sentence
attribution, and what no one says (a negated cue). One invented sentence per shape, each in a document of its
own, in both pipelines (the pinned model and ``blank:en``).

The invented sentences are written for these tests; the names are those of ``actors.csv`` (John Smith is
one the gazetteer lacks, on purpose).
"""

from __future__ import annotations

import pytest
from conftest import registered
from speaker_shapes import PIPELINES, claim_of, shape_corpus

# doc -> (text, words of the claim, expected speaker_id, expected speaker)
SHAPES = {
    "speaker_tag.txt": (("Maria Zakharova: Good afternoon. Our view has not changed: the riots were inspired from "
                         "abroad.\n\nQuestion: Is there proof?"), "inspired from abroad", "zakharova", "Maria Zakharova"),
    "he_said_after_a_name.txt": (("I recall what Sergei Lavrov told journalists on Friday. He said that Kazakhstan had "
                                  "asked for help against a terrorist threat that was fuelled from outside."),
                                 "fuelled from outside", "lavrov", "Sergei Lavrov"),
    "clause_after_attribution.txt": ("The city is calm, Tokayev said, and the militants had been trained abroad.",
                                     "trained abroad", "tokayev", "Kassym-Jomart Tokayev"),
    "owner_over_relay.txt": ("State newspapers repeated Tokayev's claim that the terrorists had been trained abroad.",
                             "trained abroad", "tokayev", "Kassym-Jomart Tokayev"),
    "owner_words_colon.txt": (("Official dailies repeated Tokayev's words to the summit: the attackers had been "
                               "trained abroad."), "trained abroad", "tokayev", "Kassym-Jomart Tokayev"),
    "role_in_a_body.txt": (("Dmitry Medvedev gave an interview on Friday. In it, the deputy chairman of the Security "
                            "Council said external forces had tried to interfere."), "external forces", "medvedev",
                           "Dmitry Medvedev"),
    "he_after_a_new_person.txt": (("Tokayev said the city was calm. The Kyrgyz pianist Vikram Ruzakhunov was released "
                                   "overnight. Back in Bishkek, he said he had never been a foreign terrorist."),
                                  "foreign terrorist", "ruzakhunov", "Vikram Ruzakhunov"),
    "said_name_apposition.txt": ("There is no evidence of a foreign hand, said Dosym Satpayev, an analyst in Almaty.",
                                 "foreign hand", "", "Dosym Satpayev"),
    "body_of_a_capital.txt": (("The foreign ministry in Astana said terrorist groups trained abroad had attacked the "
                               "country."), "trained abroad", "kz_foreign_ministry", ("Ministry of Foreign Affairs of "
                              "Kazakhstan")),
    "the_n_year_old.txt": (("Dmitry Peskov told reporters the city was calm. Vladimir Putin, who chaired an online "
                            "summit, went further. The militants had been trained in camps abroad, the 69-year-old "
                            "said."), "trained in camps abroad", "putin", "Vladimir Putin"),
    "country_s_top_diplomat.txt": (('Sergei Lavrov met Antony Blinken on Friday. "The threat was fuelled from '
                                    'abroad," Russia\'s top diplomat told a press conference.'), "fuelled from abroad",
                                   "lavrov", "Sergei Lavrov"),
    "after_a_dateline.txt": (("ALMATY, Jan 8 (Wire-style) - Russia said on Saturday that the riots had been "
                              "inspired from abroad."), "inspired from abroad", "ru_government", "Government of Russia"),
    "negated_cue.txt": ("Kazakh officials have not said how many foreign fighters were detained.",
                        "foreign fighters", "outlet", "outlet"),
}


@pytest.fixture(scope="module")
def shape_tables(cache_dir, tmp_path_factory):
    return shape_corpus(SHAPES, tmp_path_factory.mktemp("speaker_spread"), cache_dir)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(SHAPES))
def test_the_speaker_of_each_shape(shape_tables, pipeline, doc):
    text, words, speaker_id, speaker = SHAPES[doc]
    row = claim_of(shape_tables[pipeline], doc, text, words)
    assert (row["speaker_id"], row["speaker"]) == (speaker_id, speaker), row["quote"]


UNKNOWN = ("The spokesman of Iran's foreign ministry, John Smith, said the events were an internal affair. "
           "External forces were stoking the unrest, the spokesman added.")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_spokesman_continues_a_speaker_the_gazetteer_lacks(pipeline, tmp_path):
    # the pinned model's entities know "John Smith" as a person, so "the spokesman" is he, with no id;
    # blank:en has no entities: the name is unknown and the description stays as written (no one else's id)
    from helpers import load_tables

    (tmp_path / "unknown.txt").write_text(UNKNOWN + "\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path, pipeline=pipeline), "claims", "unknown.txt")
    rows = claims[claims["quote"].str.contains("External forces", regex=False)]
    speaker = "John Smith" if pipeline != "blank:en" else "the spokesman"
    assert rows[["speaker_id", "speaker"]].values.tolist() == [["", speaker]]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_description_naming_another_country_is_not_that_spokesman(shape_tables, pipeline, tmp_path):
    # Wang Wenbin is China's spokesman: "Iran's foreign ministry spokesman" is someone the gazetteer lacks, kept
    # unresolved as the body the spokesman speaks for (Iran is a country in places.csv since the act4 round)
    from helpers import load_tables

    (tmp_path / "iran.txt").write_text("Wang Wenbin spoke on Friday. Iran's foreign ministry spokesman said external "
                                       "forces were stoking the unrest.\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path, pipeline=pipeline), "claims", "iran.txt")
    assert claims[["speaker_id", "speaker"]].values.tolist() == [["", "Iran's foreign ministry"]]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_tag_that_names_no_person_says_nothing(pipeline, tmp_path):
    # "PRESENTER:" and "CSTO:" open paragraphs but name no person: the paragraph's own claims stay the outlet's
    from helpers import load_tables

    (tmp_path / "tags.txt").write_text("PRESENTER: Good evening. The riots were inspired from abroad.\n\nCSTO: troops "
                                       "arrive. Foreign-trained militants attacked Almaty.\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path, pipeline=pipeline), "claims", "tags.txt")
    assert claims["speaker_id"].tolist() == ["outlet"] * len(claims) and len(claims) == 2, claims["quote"].tolist()


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_an_answer_is_the_last_tagged_person_s(pipeline, tmp_path):
    # a transcript's "A:" turn is the person a speaker tag named before; with no tag before it, no one's
    from helpers import load_tables

    (tmp_path / "qa.txt").write_text("Maria Zakharova: Good afternoon. I will begin with the CSTO.\n\nQ: Is there "
                                     "proof?\n\nA: We have no doubt that the riots were inspired from abroad.\n",
                                     encoding="utf-8")
    (tmp_path / "untagged.txt").write_text("Q: Is there proof?\n\nA: We have no doubt that the riots were inspired "
                                           "from abroad.\n", encoding="utf-8")
    tables = load_tables(tmp_path, pipeline=pipeline)
    assert registered(tables, "claims", "qa.txt")["speaker_id"].tolist() == ["zakharova"]
    assert registered(tables, "claims", "untagged.txt")["speaker_id"].tolist() == ["outlet"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_tagged_person_the_gazetteer_lacks_is_kept_as_written(pipeline, tmp_path):
    # the pinned model's entities know "John Smith" (an invented name the model tags) as a person: his turn is his, with no
    # id; blank:en has no entities, so a tag it cannot tell from a subheading says nothing (the outlet's)
    from helpers import load_tables

    (tmp_path / "tag.txt").write_text("John Smith: Thank you. I think the riots were inspired from abroad.\n\n"
                                      "Q: Why?\n\nA: Foreign-trained militants attacked Almaty.\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path, pipeline=pipeline), "claims", "tag.txt")
    expected = [["", "John Smith"]] * 2 if pipeline != "blank:en" else [["outlet", "outlet"]] * 2
    assert claims[["speaker_id", "speaker"]].values.tolist() == expected


SPELLINGS = {  # invented lines: names in other transliterations than actors.csv's
    "full_name.txt": ("Qasym-Zhomart Toqaev said the attackers had been trained abroad.", "tokayev"),
    "family_name.txt": (("The crisis deepened. Toqaev told parliament that foreign-trained terrorists had attacked "
                        "Almaty."), "tokayev"),
    "not_a_title.txt": ("The crisis deepened. State media said foreign-trained terrorists had attacked Almaty.", ""),
}


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(SPELLINGS))
def test_a_name_in_another_transliteration(pipeline, doc, tmp_path):
    # "Toqaev" is Tokayev (q/k, y before e folded); a title's last word ("US Secretary of State") is no family name
    from helpers import load_tables

    text, speaker_id = SPELLINGS[doc]
    (tmp_path / doc).write_text(text + "\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path, pipeline=pipeline), "claims", doc)
    assert len(claims) == 1 and claims.iloc[0]["speaker_id"] != "blinken"
    if speaker_id:
        assert claims.iloc[0]["speaker_id"] == speaker_id


NATIONALITIES = {  # invented lines: "X officials" is X's government, not the one body whose alias ends "officials"
    "russian.txt": ("Russian officials said foreign-trained terrorists had attacked Almaty.", "ru_government"),
    "chinese.txt": ("Chinese officials said foreign-trained terrorists had attacked Almaty.", "cn_government"),
    "kazakh.txt": ("Kazakh officials said foreign-trained terrorists had attacked Almaty.", "kz_government"),
    "kyrgyz.txt": ("Kyrgyz officials said the pianist had no part in any plot by foreign forces.", "kg_government"),
}


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(NATIONALITIES))
def test_officials_of_a_nationality(pipeline, doc, tmp_path):
    from helpers import load_tables

    text, speaker_id = NATIONALITIES[doc]
    (tmp_path / doc).write_text(text + "\n", encoding="utf-8")
    assert registered(load_tables(tmp_path, pipeline=pipeline), "claims", doc)["speaker_id"].tolist() == [speaker_id]
