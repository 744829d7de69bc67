"""Claim speakers in shapes the moved dev texts (state media, translated copy, independent Central Asian media,
analysis) showed the rules missing (issue 13, item 3, round s8): translated "By his words", a claim verb the cue
table lacked ("voiced"), a definite description owning a claim noun ("the government's account"), a bare
"Officials" / "the authorities" (the officials of the country the text is about), a participle after "without"
(no statement), a person named before an apposition of their office ("NAME, COUNTRY's security chief, told"), and
the outlet's remark after what is said (", but his office has not presented ...", "- a claim for which ...", "X's
account of Y is unproven"); a name the model cut short in another transliteration ("President Qasym-Zhomart
Toqaev's claim"), a headline "PERSON VERB ...: CONTENT", and "his office" after a person (the office the
gazetteer names by the person's title: "president's office").
One invented sentence per shape, each in a document of its own, in both pipelines (the pinned model and
``blank:en``).

The invented sentences are written for these tests; the names are those of ``actors.csv``.
"""

from __future__ import annotations

import pytest
from conftest import registered
from speaker_shapes import PIPELINES, claim_of, shape_corpus

# doc -> (text, words of the claim, expected speaker_id)
SHAPES = {
    "by_his_words.txt": (("Erlan Karin gave an interview on Friday. By his words, the attacks had been coordinated "
                          "from abroad."), "coordinated from abroad", "karin"),
    "voiced.txt": ("Chinese President Xi Jinping voiced a fear of a colour revolution engineered from outside.",
                   "engineered from outside", "xi_jinping"),
    "the_government_s_account.txt": (("Almaty was calm on Monday and Nur-Sultan reopened its airport. The footage "
                                      "was shown to support the government's account of an attack directed from "
                                      "abroad."), "directed from abroad", "kz_government"),
    "bare_officials.txt": (("Almaty was calm on Monday and Nur-Sultan reopened its airport. Officials said militants "
                            "trained abroad were among those held."), "trained abroad", "kz_government"),
    "without_saying.txt": (("President Kassym-Jomart Tokayev has spoken of foreign fighters among the detained "
                            "without saying how many."), "foreign fighters", "tokayev"),
    "name_then_office.txt": (('"The attackers were trained abroad," Kamchybek Tashiyev, Kyrgyzstan\'s security '
                              'chief, told reporters.'), "trained abroad", "tashiyev"),
    "transliterated_owner.txt": (("Critics doubted President Qasym-Zhomart Toqaev's claim that terrorists trained "
                                  "abroad attacked the country."), "trained abroad", "tokayev"),
    "name_acts_colon.txt": (("Putin thanks the troops: the alliance stopped a colour revolution from abroad\n\n"
                             "The Russian president spoke in Moscow."), "colour revolution", "putin"),
    "headline_no_person.txt": (("Kazakhstan after the riots: the unrest was directed from abroad\n\nThe city "
                                "was quiet."), "directed from abroad", "outlet"),
    "his_office.txt": (("President Kassym-Jomart Tokayev addressed parliament on Tuesday. His office said foreign "
                        "fighters trained abroad were among the detained."), "trained abroad",
                       "kz_presidential_office"),
    # the outlet's remark after what is said: a "but" clause of its own, an appositive claim noun, a predicate
    "but_his_office.txt": (("Tokayev spoke of bandits directed from a single foreign centre, but his office has not "
                            "presented any proof of foreign involvement."), "any proof of foreign involvement",
                           "outlet"),
    "dash_a_claim.txt": (("President Kassym-Jomart Tokayev has said that extremists trained in foreign camps attacked "
                          "Almaty - a claim for which no evidence has been presented."),
                         "no evidence has been presented", "outlet"),
    "and_none_was_shown.txt": (("Officials in Astana repeated his claim that the attackers were trained abroad, and "
                                "none of that evidence has been published."), "has been published", "outlet"),
    "account_is_unproven.txt": (("Almaty was calm on Monday. In our view, the government's account of an attack "
                                 "organised from abroad is unproven."), "unproven", "outlet"),
}


@pytest.fixture(scope="module")
def shape_tables(cache_dir, tmp_path_factory):
    return shape_corpus(SHAPES, tmp_path_factory.mktemp("speaker_unseen"), cache_dir)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(SHAPES))
def test_the_speaker_of_each_shape(shape_tables, pipeline, doc):
    text, words, speaker_id = SHAPES[doc]
    row = claim_of(shape_tables[pipeline], doc, text, words)
    assert row["speaker_id"] == speaker_id, (row["quote"], row["speaker"])


BUT = "Kassym-Jomart Tokayev spoke of bandits directed from a single foreign centre, but has offered no evidence of it."


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_what_is_said_ends_before_the_outlet_s_but(pipeline, tmp_path):
    # ", but has offered no evidence" is the outlet's report of what the speaker did not do, not his words
    from helpers import load_tables

    (tmp_path / "but.txt").write_text(BUT + "\n", encoding="utf-8")
    quotes = registered(load_tables(tmp_path, pipeline=pipeline), "quotes", "but.txt")
    assert quotes[["speaker_id", "content"]].values.tolist() == [
        ["tokayev", "bandits directed from a single foreign centre"]]


UNKNOWN_NAME = ("Vladimir Putin spoke on Friday. On Monday the Almaty analyst Dosym Satpayev gave an interview. He said "
                "the unrest had been directed from abroad.")
UNKNOWN_TITLE = ("Vladimir Putin spoke on Friday. On Monday the Almaty analyst Dosym Satpayev gave an interview. The "
                 "riots had been planned by foreign agents, the political scientist said.")


@pytest.mark.parametrize("text", [UNKNOWN_NAME, UNKNOWN_TITLE])
def test_a_pronoun_or_title_after_a_name_the_gazetteer_lacks(tmp_path, text):
    # the pinned model's entities mark "Dosym Satpayev" as a person: "he" / "the political scientist" is he, kept
    # as written with no id, not the last person the gazetteer knows (Putin)
    from helpers import load_tables

    (tmp_path / "unknown.txt").write_text(text + "\n", encoding="utf-8")
    claims = registered(load_tables(tmp_path), "claims", "unknown.txt")
    assert claims[["speaker_id", "speaker"]].values.tolist() == [["", "Dosym Satpayev"]]
