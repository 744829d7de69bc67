"""Claim speakers in the shapes of ordinary news articles written for this round (issue 13, item 3): a side clause
after a mid-sentence attribution (", thanking China", ", according to the ministry"), a state agency's framing of
a body's statement ("considers it necessary to note that"), a headline whose speaker follows a colon ("...: FM"), a
blame whose reported words the parse ends at an apposition, and naming verbs in a headline's present tense
("Kremlin calls ..."), a rebuttal that names what it dismisses ("dismissed suggestions that"), and a quoted word
followed by a clause of its own ('"bandits", and he has said ...'), translated copy's long speaker after "said"
("..., said the press service of the Russian Foreign Ministry"), "In the opinion of X", "declared", and "This was stated by X" after what X said. One invented sentence per shape, each in a document of its own, in both pipelines (the
pinned model and ``blank:en``), and the negatives the rules must leave alone.

The invented sentences are written for these tests; the names are those of ``actors.csv``.
"""

from __future__ import annotations

import pytest
from speaker_shapes import PIPELINES, claim_of, shape_corpus

# doc -> (text, words of the claim, expected speaker_id, expected speaker)
SHAPES = {
    "participle_after_cue.txt": (("Mukhtar Tileuberdi spoke to Wang Yi by phone. The riots had been organised by "
                                  "terrorist groups trained abroad, the Kazakh minister said, thanking China for its "
                                  "support."), "trained abroad", "tileuberdi", "Mukhtar Tileuberdi"),
    "channel_after_cue.txt": (("Wang Yi called his Kazakh counterpart on Monday. Some external forces did not want "
                               "peace in the region, Wang said, according to China's foreign ministry."),
                              "external forces", "wang_yi", "Wang Yi"),
    "considers_it_necessary_to_note.txt": (("The Kazakh Foreign Ministry issued a commentary on Monday. The ministry "
                                            "considers it necessary to note that the country had faced an armed "
                                            "attack by terrorist groups trained abroad."), "trained abroad",
                                           "kz_foreign_ministry", "Ministry of Foreign Affairs of Kazakhstan"),
    "headline_colon_speaker.txt": (("Kazakhstan must resist interference by external forces: FM\n\nBEIJING, Jan. 10 "
                                    "-- Wang Yi said on Monday that China supports Kazakhstan."),
                                   "interference by external forces", "wang_yi", "Wang Yi"),
    "blame_with_apposition.txt": (('Kassym-Jomart Tokayev has blamed the riots on 20,000 "bandits", some of them '
                                   "trained abroad, who he says wanted to seize power."), "trained abroad", "tokayev",
                                  "Kassym-Jomart Tokayev"),
    "headline_calls.txt": (("Kremlin calls the Kazakh riots a foreign-inspired attempt\n\nMOSCOW, Jan 10 - Russia "
                            "said on Monday that it would help its ally."), "foreign-inspired", "ru_government",
                           "Government of Russia"),
    "dismissed_suggestions.txt": (("Russia said on Monday that the riots had been inspired from abroad, while the "
                                   "United States dismissed suggestions that it had played any part."),
                                  "dismissed suggestions", "us_government", "United States government"),
    "quoted_word_then_new_clause.txt": (('Kassym-Jomart Tokayev has blamed the riots on "bandits", and he has said the '
                                         "attacks were prepared abroad."), "prepared abroad", "tokayev",
                                        "Kassym-Jomart Tokayev"),
    "said_long_speaker.txt": (("The riots in Kazakhstan were organised from abroad, said the press service of the "
                               "Russian Foreign Ministry."), "organised from abroad", "ru_foreign_ministry",
                              "Ministry of Foreign Affairs of Russia"),
    "in_the_opinion_of.txt": ("In the opinion of Sergei Lavrov, the terrorist threat was fuelled from outside.",
                              "fuelled from outside", "lavrov", "Sergei Lavrov"),
    "declared_that.txt": ("Alexander Lukashenko declared that the militants had been trained abroad.",
                          "trained abroad", "lukashenko", "Alexander Lukashenko"),
    "this_was_stated_by.txt": (("Militants from abroad had taken part in the riots. This was stated by Russian "
                                "Foreign Minister Sergei Lavrov."), "Militants from abroad", "lavrov", "Sergei Lavrov"),
}

# negatives: doc -> (text, words of the claim, expected speaker_id)
NOT_THEIRS = {
    # a clause after a semicolon is the outlet's, not the speaker's whose cue opens the sentence
    "clause_after_semicolon.txt": (("Human Rights Watch has asked for an independent inquiry into the killings; no "
                                    "evidence of a foreign role has been made public."), "no evidence", "outlet"),
    # an apposition before a cue right after its comma: the words after the cue are what is said, not a speaker
    "apposition_then_cue.txt": (("Saeed Khatibzadeh spoke on Friday. The spokesman of Iran's foreign ministry, Saeed "
                                 "Khatibzadeh, called the events an internal affair. Some foreign parties were stoking "
                                 "the unrest, the spokesman added."), "foreign parties", "khatibzadeh"),
    # "dismissed" without what is dismissed is no cue ("fired")
    "dismissed_an_official.txt": (("Tokayev dismissed Karim Massimov on Thursday. Officials have offered no evidence of "
                                   "a foreign hand."), "no evidence", "outlet"),
    # a headline's words after its colon that name no one of the gazetteer are no speaker
    "headline_colon_no_one.txt": (("Kazakh riots were driven from abroad: What we know\n\nALMATY, Jan 9 - The city "
                                   "was calm on Sunday."), "driven from abroad", "outlet"),
}


@pytest.fixture(scope="module")
def shape_tables(cache_dir, tmp_path_factory):
    return shape_corpus({**SHAPES, **NOT_THEIRS}, tmp_path_factory.mktemp("speaker_wire"), cache_dir)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(SHAPES))
def test_the_speaker_of_each_wire_shape(shape_tables, pipeline, doc):
    text, words, speaker_id, speaker = SHAPES[doc]
    row = claim_of(shape_tables[pipeline], doc, text, words)
    assert (row["speaker_id"], row["speaker"]) == (speaker_id, speaker), (pipeline, doc, row.to_dict())


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("doc", sorted(NOT_THEIRS))
def test_what_the_rules_leave_to_the_outlet(shape_tables, pipeline, doc):
    text, words, speaker_id = NOT_THEIRS[doc]
    row = claim_of(shape_tables[pipeline], doc, text, words)
    assert row["speaker_id"] == speaker_id, (pipeline, doc, row.to_dict())
