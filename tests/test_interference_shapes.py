"""Claims that foreign parties were exploiting the unrest (issue 13): the class "foreign/external/outside/third
+ actor noun + exploiting/taking advantage of/stirring/fomenting/orchestrating/financing/backing + the unrest/
protests/situation", and wording of the same words that is not a claim.

Also the classes of the CLM4 round (3 December 2026): claims of training in camps abroad or in a neighbouring
country, a well-organised attack, terrorist or armed aggression, militants who came from the region, destructive
internal and external forces, a prepared scenario, a passive with a western or foreign agent ('orchestrated by the
West'); rebuttals that dismiss, question or doubt a claim, call it false, deny the accused is a terrorist or retract
a confession; and the ``not_claim`` spans: calls for non-interference and foreign citizens
as evacuees are no claims.

Every sentence is invented for the test in the shapes of January 2022 reporting; each is written to a corpus folder
the test builds and extracted in both pipelines (the pinned model and ``blank:en``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from interference_shapes_helper import PIPELINES, claims_corpus, rows_of

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


# a claim and the remark answering it, joined by a spaced hyphen: two rows, the claim and the rebuttal
DASHED = ("Tokayev has said 20,000 extremists trained abroad attacked Almaty - a claim for which no evidence has been "
          "presented.")

# name -> (sentence, words the claim's quote holds, stance)
CLASSES = {
    "camps_neighbour": ("The minister said the gunmen had been trained in camps in a neighbouring country.",
                        "trained in camps in a neighbouring country", "asserts"),
    "well_organised": ("The committee said the attacks on the akimat had been well organised.",
                       "well organised", "asserts"),
    "well_coordinated": ("The ministry said the city had faced well-coordinated terrorist groups.",
                         "well-coordinated terrorist groups", "asserts"),
    "terrorist_aggression": ("The general spoke of terrorist aggression against the republic.",
                             "terrorist aggression", "asserts"),
    "came_from_region": ("Some of the gunmen had come from the Near and Middle East, the senator said.",
                         "come from the Near and Middle East", "asserts"),
    "militants_central_asia": ("Militants from Central Asia and Afghanistan took part, the president said.",
                               "Militants from Central Asia", "asserts"),
    "inside_and_outside": ("He said destructive forces inside and outside the country had used the protests.",
                           "forces inside and outside the country", "asserts"),
    "from_inside_and_abroad": ("He said the attacks came from sources both inside the country and abroad.",
                           "came from sources both inside the country and abroad", "asserts"),
    "scenario": ("The riots, the official said, were part of a destructive scenario prepared over a long time.",
                 "destructive scenario", "asserts"),
    "dismissed": ("The envoy dismissed the claims of a foreign plot as fiction.", "dismissed the claims", "rebuts"),
    "scepticism": ("Analysts voiced scepticism about the official account of foreign plotters.",
                   "scepticism about the official account", "rebuts"),
    "not_a_terrorist": ("He is not a terrorist, the Kyrgyz security chief said of the detained musician.",
                        "is not a terrorist", "rebuts"),
    "gain_from": ("The researcher told the paper that the United States would gain most from the riots.",
                  "the United States would gain most from the riots", "asserts"),
    "orchestrated_by_west": ("Russian officials claimed the protests were orchestrated by the West.",
                             "orchestrated by the West", "asserts"),
    "stoked_by_us": ("The spokeswoman said the riots had been stoked by the United States.",
                     "stoked by the United States", "asserts"),
    "questioned_account": ("Analysts questioned the government's account of a foreign attack.",
                           "questioned the government's account", "rebuts"),
    "called_ridiculous": ("The ambassador called the claim ridiculous.", "called the claim ridiculous", "rebuts"),
    "no_facts_of": ("The ambassador said there were no facts of external interference at the state level.",
                    "no facts of external interference", "rebuts"),
    "statement_false": ("The pianist said the statement he had made on camera was false.",
                        "statement he had made on camera was false", "rebuts"),
}

NOT_CLAIMS = {
    "no_one_interferes": "It is important that no one interferes from the outside, the Kremlin spokesman said.",
    "non_interference": "Beijing said it upheld the principle of non-interference in the internal affairs of others.",
    "evacuated": "Several foreign citizens were among those evacuated from the airport on Friday.",
    "dismissed_government": "The president dismissed the government on Wednesday and named an acting cabinet.",
    "doubts_toll": "Relatives voiced doubts about the death toll published by the health ministry.",
    "cooperation_against": "China is ready to help Kazakhstan stand against interference by external forces, Wang said.",
    "criticised_by_us": "The government was criticised by the United States over the shoot-to-kill order.",
    "coordinated_by_ministry": "The evacuation flights were coordinated by the foreign ministry in Moscow.",
    "questioned_suspects": "Police questioned dozens of suspects in Almaty on Tuesday.",
    "challenged_version": "Relatives challenged the official version of how the two men had died in custody.",
    "no_signs_wounds": "Doctors said there were no signs of gunshot wounds on the body.",
    "well_organised_rally": "The organisers said the rally in the square had been peaceful and orderly.",
}


@pytest.fixture(scope="module")
def shaped(cache_dir, tmp_path_factory) -> dict[str, tuple[pd.DataFrame, dict]]:
    texts = {name: sentence for name, (sentence, *_rest) in (POSITIVE | REBUTTAL | CLASSES).items()}
    texts |= NEGATIVE | NOT_CLAIMS | {"dashed": DASHED}
    return claims_corpus(texts, tmp_path_factory.mktemp("interference_exploiting"), cache_dir)


def the_one_row(shaped, pipeline: str, name: str, sentence: str, words: str) -> pd.Series:
    """The one claim row of document ``name``: it holds ``words``, lies in ``sentence`` and slices back to its text."""
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == 1, (name, rows["quote"].tolist())
    row = rows.iloc[0]
    assert words in row["quote"] and row["quote"] in sentence
    assert shaped[pipeline][1][row["doc"]][row["start"]:row["end"]] == row["quote"]
    return row


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_foreign_parties_exploiting_the_unrest_is_one_asserted_claim(shaped, pipeline, name):
    sentence, words, target = POSITIVE[name]
    row = the_one_row(shaped, pipeline, name, sentence, words)
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


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_of_this_round_gives_one_row_with_its_stance(shaped, pipeline, name):
    sentence, words, stance = CLASSES[name]
    assert the_one_row(shaped, pipeline, name, sentence, words)["stance"] == stance


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NOT_CLAIMS))
def test_calls_evacuees_and_other_doubts_give_no_claim(shaped, pipeline, name):
    assert rows_of(shaped, pipeline, name).empty, rows_of(shaped, pipeline, name)["quote"].tolist()


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_spaced_hyphen_cuts_a_claim_from_the_remark_answering_it(shaped, pipeline):
    rows = rows_of(shaped, pipeline, "dashed")
    assert len(rows) == 2, rows["quote"].tolist()
    claim, answer = rows.iloc[0], rows.iloc[1]
    assert claim["quote"].endswith("20,000 extremists trained abroad attacked Almaty") and claim["stance"] == "asserts"
    assert (answer["quote"], answer["stance"]) == ("a claim for which no evidence has been presented", "rebuts")


NARRATIVES = {"camps_neighbour": "foreign-trained terrorists", "orchestrated_by_west": "western-backed groups",
              "stoked_by_us": "western-backed groups", "gain_from": "geopolitical gain for the West",
              "from_inside_and_abroad": "external interference"}


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NARRATIVES))
def test_the_new_classes_are_tagged_with_their_narrative(shaped, pipeline, name):
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == 1 and NARRATIVES[name] in rows.iloc[0]["narrative"].split("; "), rows["narrative"].tolist()
