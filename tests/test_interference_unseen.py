"""Classes of claim wording that reporting the rules were not written on uses (issue 13, CLM5 round, 3 December 2026).

From the texts that moved to the tuning half (Belarusian state media, translated copy, independent Central Asian
media, analysis) and real reporting read for shapes: the translated "external factor", "foreign centres",
"foreign special services", "managed by the outside"; a "western-coordinated" operation; fighters schooled or
drilled abroad; trained or professional fighters; planned or carefully prepared attacks; an aim against a third
country ("to destabilise the situation along Russia's borders"); powers interfering in a region; the Belarusian
"combined pressure" and "recognisable scenario"; the Islamic State named; and remarks that no evidence was given with
the negation on the subject or an adverb ("none of the officials offered evidence", "none has been published", "a
claim never backed with evidence", "taken part in no riots"). Wording of the same words that is no claim gives no row.

Every sentence is invented for the test in the shapes of January 2022 reporting, written to a corpus folder the test
builds and extracted in both pipelines (the pinned model and ``blank:en``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from interference_shapes_helper import PIPELINES, claims_corpus, rows_of

# name -> (sentence, words the claim's quote holds, target)
CLAIMS = {
    "external_factor": ("The analysis of the riots points to an external factor, the Belarusian leader told the summit.",
                        "an external factor", "external forces"),
    "foreign_centres": ("The deputy minister said the attacks had been coordinated from foreign centres.",
                        "coordinated from foreign centres", "foreign forces"),
    "special_services": ("The senator said foreign special services had prepared the riots for months.",
                         "foreign special services had prepared the riots", "foreign intelligence services"),
    "western_coordinated": ("The commentator called it a western-coordinated operation against Kazakhstan.",
                            "western-coordinated operation", "western-backed groups"),
    "schooled_abroad": ("The minister said the gunmen had been schooled abroad before the riots.",
                        "the gunmen had been schooled abroad", "abroad"),
    "professional_fighters": ("He said professional fighters had formed the core of the crowds in Almaty.",
                              "professional fighters had formed the core", ""),
    "trained_militants": ("According to the ministry, trained militants led the attacks on the akimat.",
                          "trained militants led the attacks", ""),
    "planned_attacks": ("The minister said the country had been hit by planned terrorist attacks.",
                        "hit by planned terrorist attacks", ""),
    "weaken_russia": ("The organisers of the riots sought to destabilise the situation along Russia's borders, he said.",
                      "sought to destabilise the situation along Russia", ""),
    "powers_interfering": ("The general warned that some major powers were interfering in Central Asia.",
                           "some major powers were interfering in Central Asia", ""),
    "combined_pressure": ("Belarus went through the same combined pressure in 2020, the president said.",
                          "combined pressure", ""),
    "recognisable_scenario": ("The scenario is recognisable, the president said, recalling Libya and Syria.",
                              "The scenario is recognisable", ""),
    "islamic_state": ("The intelligence chief said fighters of the Islamic State had moved into the region.",
                      "fighters of the Islamic State had moved into the region", "Islamist militants"),
    "managed_by_outside": ("The terrorists were managed by the outside, the Belarusian leader said.",
                           "managed by the outside", ""),
    "organised_systematic": ("State television said the raids on police stations had been organised and systematic.",
                             "the raids on police stations had been organised and systematic", ""),
    "paid_in_dollars": ("Investigators said several rioters had been paid in US dollars to attack the akimat.",
                        "several rioters had been paid in US dollars", ""),
    "under_patronage": ("The general said the gunmen had acted under the patronage of certain forces abroad.",
                        "under the patronage of certain forces", "abroad"),
    "same_scheme": ("The senator said the organisers used the same scheme that was tried in Kyrgyzstan in 2010.",
                    "the same scheme that was tried in Kyrgyzstan", ""),
    "plot_hatched": ("Russian state television portrayed the protests as a plot hatched in Washington.",
                     "a plot hatched in Washington", "the USA"),
    "combat_experience": ("The minister said the attackers included people with combat experience in hot spots abroad.",
                          "combat experience in hot spots abroad", "abroad"),
    "handlers_outside": ("The committee said the militants took instructions from handlers outside the country.",
                         "handlers outside the country", ""),
    "foreign_based": ("The ministry said foreign-based opposition figures had financed the riots.",
                      "foreign-based opposition figures had financed the riots", ""),
    "prepared_long": ("The president said the terrorists had been preparing the attack for a long time in secret.",
                      "preparing the attack for a long time", ""),
    "cia_behind": ("A Moscow commentator wrote that the CIA was behind the riots in Almaty.",
                   "the CIA was behind the riots", ""),
    "mi6_orchestrated": ("The talk-show host claimed MI6 had orchestrated the unrest from London.",
                         "MI6 had orchestrated the unrest", ""),
    "accused_anglo_saxons": ("The columnist accused the Anglo-Saxons of stirring up the protests.",
                             "accused the Anglo-Saxons of stirring", ""),
}

# name -> (sentence, the rebuttal's quote, how many rows the sentence gives)
NO_EVIDENCE = {
    "none_offered": ("Washington denied any role, and none of the officials offered evidence.",
                     "none of the officials offered evidence", 2),
    "none_published": ("He has given no evidence for the claim, and none has been published.",
                       "none has been published", 2),
    "never_backed": ("The minister blamed foreign fighters, a claim never backed with evidence.",
                     "a claim never backed with evidence", 2),
    "part_in_no": ("The security chief said the musician had taken part in no riots.",
                   "The security chief said the musician had taken part in no riots", 1),
    "utter_nonsense": ("Some blamed the CIA for the riots. The ambassador called this utter nonsense.",
                       "The ambassador called this utter nonsense", 2),
    "did_not_say_which": ("He blamed foreign-trained militants for the riots but did not say which countries he meant.",
                          "did not say which countries he meant", 2),
    "scoffed_at_idea": ("The State Department scoffed at the idea of an American hand in the unrest.",
                        "The State Department scoffed at the idea of an American hand in the unrest", 1),
}

# a claim stops where a new clause with its own subject follows ", and" ("..., and the dead numbered 225")
CLAUSE_AFTER = ("The minister said gangs backed by foreign nations had attacked the city, and the dead numbered 225 by Monday.",
                "gangs backed by foreign nations had attacked the city")

NOT_CLAIMS = {
    "planned_rally": "The planned rally in Aktobe was called off by its organisers.",
    "trained_police": "Trained police officers guarded the airport on Friday.",
    "none_hurt": "Three buses were burned, but none of the drivers was hurt.",
    "home_services": "Special services of Kazakhstan detained three suspects in Taraz.",
    "seventy_militants": "In Almaty about 70 militants who had attacked buildings were detained, police said.",
    "disinformation_part": "The president said the attack had military, ideological and disinformation parts.",
    "deliberate_arson": "This was a deliberate act, the governor said of the arson.",
    "cia_veteran": "A former CIA analyst said the unrest grew out of anger over fuel prices.",
    "london_talks": "The foreign minister flew to London for talks on energy supplies.",
    "rally_organised": "The rally in the square had been organised by local activists, the akim said.",
    "paid_wages": "The miners said they had been paid in tenge for the first time in months.",
    "svr_name": "Russia's Foreign Intelligence Service said it had shared its information with Kazakh colleagues.",
    "same_route": "The convoy took the same route through Kyrgyzstan as in previous years, the ministry said.",
    "plan_drawn_up": "The evacuation plan was drawn up in Almaty by the city's akimat.",
    "work_experience": "Many of the detained had work experience in Russia, their relatives said.",
    "not_say_when": "The akim did not say when the airport would reopen to passengers.",
}


@pytest.fixture(scope="module")
def shaped(cache_dir, tmp_path_factory) -> dict[str, tuple[pd.DataFrame, dict]]:
    texts = {name: sentence for name, (sentence, *_rest) in (CLAIMS | NO_EVIDENCE).items()} | NOT_CLAIMS
    texts["clause_after"] = CLAUSE_AFTER[0]
    return claims_corpus(texts, tmp_path_factory.mktemp("interference_unseen"), cache_dir)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_each_class_is_one_asserted_claim_with_its_target(shaped, pipeline, name):
    sentence, words, target = CLAIMS[name]
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == 1, rows["quote"].tolist()
    row = rows.iloc[0]
    assert words in row["quote"] and row["quote"] in sentence
    assert shaped[pipeline][1][row["doc"]][row["start"]:row["end"]] == row["quote"]
    assert (row["stance"], row["target"]) == ("asserts", target)


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NO_EVIDENCE))
def test_no_evidence_with_the_negation_on_the_subject_is_a_rebuttal_of_its_own(shaped, pipeline, name):
    sentence, words, count = NO_EVIDENCE[name]
    rows = rows_of(shaped, pipeline, name)
    assert len(rows) == count, rows["quote"].tolist()
    last = rows.iloc[-1]
    assert (last["quote"], last["stance"]) == (words, "rebuts") and words in sentence


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_claim_stops_before_a_new_clause_after_a_comma_and(shaped, pipeline):
    rows = rows_of(shaped, pipeline, "clause_after")
    assert len(rows) == 1 and rows.iloc[0]["quote"].endswith(CLAUSE_AFTER[1]), rows["quote"].tolist()


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("name", sorted(NOT_CLAIMS))
def test_the_same_words_doing_something_else_give_no_claim(shaped, pipeline, name):
    assert rows_of(shaped, pipeline, name).empty, rows_of(shaped, pipeline, name)["quote"].tolist()
