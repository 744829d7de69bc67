"""Claim speakers in shapes the moved dev texts (state media, translated copy, independent Central Asian media,
analysis) showed the rules missing (issue 13, item 3, round s8): translated "By his words", a claim verb the cue
table lacked ("voiced"), a definite description owning a claim noun ("the government's account"), a bare
"Officials" / "the authorities" (the officials of the country the text is about), a participle after "without"
(no statement), and a person named before an apposition of their office ("NAME, COUNTRY's security chief, told").
One invented sentence per shape, each in a document of its own, in both pipelines (the pinned model and
``blank:en``).

The invented sentences are written for these tests; the names are those of ``actors.csv``.
"""

from __future__ import annotations

import pytest
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
