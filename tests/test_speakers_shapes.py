"""The speaker of a claim in each grammatical shape (issue 13, item 3), on invented sentences the test writes
into a corpus of its own (one sentence shape per document) and on seed sentences, in both pipelines: the
pinned model (the dependency parse gives the cue's subject) and ``blank:en`` (the surface rules).

The invented sentences are written for these tests; the names are those of ``actors.csv``.
"""

from __future__ import annotations

import pytest
from conftest import registered
from speaker_shapes import PIPELINES, claim_of, shape_corpus

# doc -> (text, words of the claim, expected speaker_id, expected attribution)
SHAPES = {
    "passive_agent.txt": ("The protests were described by Maria Zakharova as an effort directed from abroad.",
                          "directed from abroad", "zakharova", "indirect"),
    "as_noted_by.txt": (("Alexander Lukashenko met his security council on Friday. As noted by the head of state, the "
                        "terrorists had been trained abroad."), "trained abroad", "lukashenko", "indirect"),
    "possessive.txt": ("Tokayev's claim that foreign-trained terrorists attacked Almaty has not been backed by evidence.",
                       "foreign-trained terrorists", "tokayev", "indirect"),
    "noun_by.txt": ("Claims by Tokayev that foreign terrorists attacked Almaty have not been backed by evidence.",
                    "foreign terrorists", "tokayev", "indirect"),
    "quoted_as_saying.txt": ("Kazinform quoted Tokayev as saying that the attackers had been trained abroad.",
                             "trained abroad", "tokayev", "indirect"),
    "relative_clause.txt": (("Kassym-Jomart Tokayev, who has blamed foreign-trained terrorists for the violence, met "
                            "Vladimir Putin on Monday."), "foreign-trained terrorists", "tokayev", "indirect"),
    "nationality_officials.txt": (("Kyrgyz officials said the pianist had taken no part in any plot by foreign "
                                  "forces."), "foreign forces", "kg_government", "indirect"),
    "pronoun_same_sentence.txt": (("Maria Zakharova spoke on Thursday. Vikram Ruzakhunov was freed after Kyrgyzstan "
                                  "protested; he later said he had never been a foreign terrorist."),
                                  "foreign terrorist", "ruzakhunov", "indirect"),
    "title_then_name.txt": (("The Belarusian leader expressed confidence that external forces were behind the riots. "
                            "Alexander Lukashenko spoke in Minsk."), "external forces", "lukashenko", "indirect"),
    "put_it.txt": ("As Tokayev put it, the country had faced an attack by foreign-trained terrorists.",
                   "foreign-trained terrorists", "tokayev", "indirect"),
    "name_colon.txt": ("Putin: foreign-trained militants attacked Kazakhstan\n\nThe Russian president spoke on Monday.",
                       "foreign-trained militants", "putin", "indirect"),
    "says_headline.txt": (("Kazakhstan unrest was directed from abroad, says Lukashenko\n\nThe Belarusian leader "
                          "spoke in Minsk."), "directed from abroad", "lukashenko", "indirect"),
    "in_his_words.txt": (("Vladimir Putin spoke on Monday. The rallies were not the cause, in his words: the danger came "
                         "from external forces."), "external forces", "putin", "indirect"),
    "voice_of_a_body.txt": (('The US called claims of an American role in the unrest "absolutely false", in the words '
                            "of White House spokeswoman Jen Psaki."), "absolutely false", "psaki", "indirect"),
    "semicolon.txt": (("Human Rights Watch has asked for an independent inquiry; no evidence of a foreign role has "
                      "been made public."), "no evidence of a foreign role", "outlet", "outlet"),
    "object_after_cue.txt": (("In Almaty, a city counts its dead as the president talks of foreign terrorists\n\n"
                             "President Kassym-Jomart Tokayev declared a day of mourning."),
                             "foreign terrorists", "tokayev", "indirect"),
    "no_speaker.txt": ("Chaotic Protests In Kazakhstan Called By Foreign Trained Terrorists\n\nThe city was quiet.",
                       "Foreign Trained Terrorists", "outlet", "outlet"),
}


@pytest.fixture(scope="module")
def shape_tables(cache_dir, tmp_path_factory):
    return shape_corpus(SHAPES, tmp_path_factory.mktemp("speaker_shapes"), cache_dir)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(SHAPES))
def test_the_claimant_is_whoever_makes_the_claim(shape_tables, pipeline, doc):
    text, words, speaker_id, attribution = SHAPES[doc]
    row = claim_of(shape_tables[pipeline], doc, text, words)
    assert (row["speaker_id"], row["attribution"]) == (speaker_id, attribution), row["quote"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_subheading_before_a_colon_is_no_speaker(shape_tables, pipeline):
    # "NAME: ..." makes a statement only when NAME is an actor; "Putin:" is, a phrase before a colon is not
    quotes = registered(shape_tables[pipeline], "quotes", "name_colon.txt")
    colon = quotes[quotes["cue"] == ":"]
    assert colon[["speaker_id", "speaker_text"]].values.tolist() == [["putin", "Putin"]]


def test_a_noun_cue_needs_an_owner():
    from helpers.extract.quotes.cues import CueLexicon, speech_cues
    from helpers.extract.quotes.find import find_statements

    lexicon = CueLexicon.from_table(speech_cues())
    owned = "Tokayev's claim that foreign-trained terrorists attacked Almaty was repeated."
    st = find_statements("x", owned, [], lexicon)
    assert [(s.shape, owned[s.speaker_start:s.speaker_end]) for s in st] == [("possessive", "Tokayev")]
    assert owned[st[0].content_start:st[0].content_end].startswith("foreign-trained terrorists")
    assert find_statements("x", "The claim that foreign-trained terrorists attacked Almaty was repeated.", [],
                           lexicon) == []


def test_speech_cues_name_a_bad_kind(tmp_path):
    from helpers.extract.quotes.cues import speech_cues

    (tmp_path / "speech_cues.csv").write_text("cue,kind,source\nsaid,adverb,test\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"speech_cues\.csv.*unknown kind.*adverb"):
        speech_cues(tmp_path)
