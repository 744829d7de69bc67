"""Claims of foreign interference by shape: the cue classes of real reporting, claims split over clauses,
rebuttals with their stance, and wording that is not a claim.

Every sentence here is invented for the test (in the shapes of January 2022 reporting, with its real names);
each is written to a corpus folder the test builds, read and extracted in both pipelines (the pinned model and
``blank:en``), so the rows come from the whole extraction path, not from the rules alone.
"""

from __future__ import annotations

import pandas as pd
import pytest
from interference_shapes_helper import PIPELINES, claims_corpus, rows_of

from helpers.extract.interference import merge_cue_quotes
from helpers.extract.interference_marks import is_question_line

# name -> (sentence, words the claim's quote holds, stance, target, narrative that must be tagged or "")
POSITIVE = {
    "external_players": ("The Russian official said external players had tried to exploit the unrest.",
                         "external players", "asserts", "external forces", "external interference"),
    "us_backed": ("A commentator on state television called the riots a US-backed attempt at regime change.",
                  "US-backed", "asserts", "the USA", "western-backed groups"),
    "west_behind": ("The deputy speaker insisted that the West was behind the violence in Almaty.",
                    "the West was behind", "asserts", "", "western-backed groups"),
    "international_terror": ("The president said the country was facing international terrorist gangs.",
                             "international terrorist gangs", "asserts", "international terrorism",
                             "international terrorism"),
    "militants_from": ("He said the main strike force were militants from Central Asian countries and Afghanistan.",
                       "militants from Central Asian countries", "asserts", "Afghanistan and the Middle East",
                       "foreign attackers"),
    "hybrid": ("The Belarusian leader described the events as a hybrid attack on the whole alliance.",
               "hybrid attack", "asserts", "", "hybrid war"),
    "meddling": ("The minister warned against meddling by third parties in the domestic affairs of the region.",
                 "meddling", "asserts", "", "external interference"),
    "trained_outside": ("Officials said the attackers were trained outside the country.",
                        "trained outside the country", "asserts", "abroad", "foreign-trained terrorists"),
    "organised_abroad": ("The spokeswoman said the riots had been organised and financed abroad.",
                         "financed abroad", "asserts", "abroad", ""),
    "colour_hyphen": ("The agency ran a commentary on a colour-revolution scenario in Central Asia.",
                      "colour-revolution", "asserts", "", "colour revolution"),
    "mass_attack": ("Tokayev said that 20,000 bandits had attacked the city from several directions.",
                    "20,000 bandits had attacked", "asserts", "", ""),
    "published_no_evidence": ("The government has published no evidence for its account of the attackers.",
                              "published no evidence", "rebuts", "", ""),
    "no_evidence_claims": ("There is no evidence to support these claims, the researchers wrote.",
                           "no evidence to support these claims", "rebuts", "", ""),
    "took_no_part": ("His family said he had taken no part in the riots.", "taken no part", "rebuts", "", ""),
    "confession": ("The musician later said that his televised confession had been forced.",
                   "confession had been forced", "rebuts", "", ""),
    "baseless": ("The State Department rejected what it called baseless allegations of an American role.",
                 "baseless allegations", "rebuts", "the USA", ""),
    "not_substantiated": ("Claims of foreign interference have not been substantiated, the researchers found.",
                          "have not been substantiated", "rebuts", "foreign forces", "external interference"),
    "yet_to_produce": ("The prosecutor's office has yet to produce evidence of the foreign fighters it spoke of.",
                       "has yet to produce", "rebuts", "foreigners", "foreign attackers"),
    "foreign_trace": ("The channel's commentator said investigators were looking into a foreign trace in the riots.",
                      "foreign trace", "asserts", "", ""),
    "trained_in": ("The committee said some of the gunmen had trained in Syria before arriving.",
                   "trained in Syria", "asserts", "", "foreign-trained terrorists"),
    "no_foreigners": ("Relatives said there were no foreigners among the dead they had buried.",
                      "no foreigners", "rebuts", "foreigners", ""),
    "refuted": ("The embassy refuted the suggestion that its citizens had organised the riots.",
                "refuted the suggestion", "rebuts", "", ""),
    "handful": ("Court records show only a handful of foreigners among those charged.",
                "a handful of foreigners", "qualifies", "foreigners", ""),
    "unproven": ("The note argued that the account of a foreign-organised attack remains unproven.",
                 "remains unproven", "rebuts", "foreign backers", ""),
    "unproven_hedge": ("The minister repeated unproven claims of foreign backing for the riots.",
                       "foreign backing", "asserts", "foreign backers", "foreign backing"),
    "power_struggle": ("Analysts saw a struggle for power between the factions of the ruling elite.",
                       "struggle for power between the factions", "qualifies", "", ""),
}

NEGATIVE = {
    # a coup names no foreign or external agent: not a claim of interference by itself (CLM4, 3 December 2026)
    "coup": "Tokayev told parliament that the unrest had been an attempted coup.",
    "foreign_ministry": "The foreign ministry summoned the ambassador on Tuesday to discuss the evacuation.",
    "investigation": "Rights groups called for an independent hybrid investigation into the deaths.",
    "lawyers": "The police interfered with the work of lawyers in Almaty, the group said.",
    "outside_world": "The internet blackout cut the city off from the outside world for five days.",  # was a claim
    "escalation": "Markets fell amid the escalation between Russia and the West over Ukraine.",
    "detained": "Police said 26 armed criminals had been killed and 3,000 people detained.",
    "question": "How many foreigners were detained?",
    "alliance_purpose": "The alliance was formed in 2002 to counter international terrorism and drug trafficking.",
    "media_pressure": "Rights groups documented attempts to undermine independent media in the regions.",
    "unverified_figures": "The ministry's figures have not been verified, and it has yet to provide a list of the dead.",
    "no_foreign_press": "No foreign journalists were allowed into Almaty that week.",
    "background_grievances": "The protests grew out of domestic grievances over fuel prices and wages.",
}

WITHOUT_EVIDENCE = "The spokesman said, without evidence, that the organisers had foreign backing."
SPLIT = ("Tokayev told the nation that 20,000 bandits had attacked Almaty, and that the attackers "
         "included fighters from abroad as well as locals.")
ANSWERED = ("Tokayev has blamed the violence on terrorists he says were trained abroad, a claim for which "
            "officials have produced no proof.")


@pytest.fixture(scope="module")
def shaped(cache_dir, tmp_path_factory) -> dict[str, tuple[pd.DataFrame, dict]]:
    texts = {name: sentence for name, (sentence, *_rest) in POSITIVE.items()}
    texts |= NEGATIVE | {"split": SPLIT, "answered": ANSWERED, "without_evidence": WITHOUT_EVIDENCE}
    return claims_corpus(texts, tmp_path_factory.mktemp("interference_shapes"), cache_dir, frozenset({"question"}))


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_cue_class_gives_one_claim_with_its_coding(shaped, pipeline, name):
    sentence, words, stance, target, narrative = POSITIVE[name]
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == 1, (name, rows["quote"].tolist())
    row = rows.iloc[0]
    texts = shaped[pipeline][1]
    assert words in row["quote"] and row["quote"] in sentence
    assert texts[row["doc"]][row["start"]:row["end"]] == row["quote"]
    assert (row["stance"], row["target"]) == (stance, target)
    if narrative:
        assert narrative in row["narrative"].split("; ")


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_wording_that_is_not_a_claim_gives_no_row(shaped, pipeline, name):
    assert rows_of(shaped, pipeline, name).empty, rows_of(shaped, pipeline, name)["quote"].tolist()


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_claim_split_over_two_that_clauses_is_two_claims(shaped, pipeline):
    quotes = rows_of(shaped, pipeline, "split")["quote"].tolist()
    assert quotes == ["20,000 bandits had attacked Almaty", "the attackers included fighters from abroad as well as locals"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_outlets_remark_on_evidence_is_its_own_rebuttal_and_leaves_the_claim_asserted(shaped, pipeline):
    rows = rows_of(shaped, pipeline, "answered")
    assert rows["stance"].tolist() == ["asserts", "rebuts"]
    assert rows["quote"].iloc[0].endswith("were trained abroad")
    assert rows["quote"].iloc[1] == "a claim for which officials have produced no proof"


def test_cues_without_a_join_between_them_stay_one_claim():
    s = "Officials said militants from Afghanistan had been trained abroad"
    cues = [(s.index("militants"), s.index(" had"), "claim"), (s.index("trained"), len(s), "claim")]
    assert [s[a:b] for a, b in merge_cue_quotes(s, 0, len(s), cues)] == [s]


def test_a_question_is_a_subheading_only_alone_on_its_line():
    s = "Who else said it?\nRussia's president asked why so many NGOs were funded? Nobody answered."
    assert is_question_line(s, 0, 17)
    assert not is_question_line(s, 18, s.index("?", 18) + 1)


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_claim_made_without_evidence_is_hedged_not_rebutted(shaped, pipeline):
    row = rows_of(shaped, pipeline, "without_evidence").iloc[0]
    assert (row["stance"], row["hedged"], row["target"]) == ("asserts", True, "foreign backers")
