"""Date mentions and the timeline helpers, on the seeds as the chapter reads them (spaCy sentences, boilerplate marked).

The hand labels in ``labels/dates_gold.csv`` were made by reading the five seeds, not by
running the extractor: every date expression of the article text with the day it refers to.
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import ROOT, SEEDS, seed_text

from helpers import load_tables
from helpers.chapters.timeline import (
    COUNTRY_WIDE,
    chart_frames,
    dated_events,
    first_dates,
    mentions_table,
    reference_timeline,
    timeline_chart,
    timeline_facts,
)
from helpers.extract.dates import (
    KINDS,
    MENTION_COLUMNS,
    date_mentions,
    date_words,
    find_date_mentions,
    statement_dates,
)
from helpers.extract.evaluation import field_disagreements, locate_quotes, match_spans
from helpers.extract.registry import dates as registered_dates
from helpers.knowledge import PACKAGE_DATA
from helpers.paths import LABELS

GOLD = LABELS / "dates_gold.csv"
D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("dates-cache")


@pytest.fixture(scope="module")
def tables(cache):
    return load_tables(ROOT / "seeds", cache_dir=cache)


@pytest.fixture(scope="module")
def mentions(tables) -> pd.DataFrame:
    return date_mentions(tables)


@pytest.fixture(scope="module")
def gold(tables) -> pd.DataFrame:
    return locate_quotes(pd.read_csv(GOLD, keep_default_na=False), tables.texts)


def mention(mentions: pd.DataFrame, doc: str, context: str, text: str) -> pd.Series:
    """The one mention of ``doc`` with ``text`` that sits inside the (unique) ``context`` of the seed."""
    source = seed_text(doc)
    assert source.count(context) == 1, f"{context!r} is not unique in {doc}"
    at = source.index(context)
    rows = mentions[(mentions["doc"] == doc) & (mentions["text"] == text)
                    & (mentions["start"] >= at) & (mentions["end"] <= at + len(context))]
    assert len(rows) == 1, f"{doc}: expected one mention {text!r} in {context!r}, got {rows['text'].tolist()}"
    return rows.iloc[0]


# ---- the table ----


def test_columns_types_and_spans_slice_back(mentions, tables):
    assert list(mentions.columns) == MENTION_COLUMNS
    assert mentions["resolved"].dtype == bool and mentions["in_period"].dtype == bool
    assert set(mentions["kind"]) <= set(KINDS)
    assert set(mentions["doc"]) == {D000, D001, D002, D003, D004}
    for row in mentions.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.text
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
        assert (row.date != "") == row.resolved
    assert mentions.loc[mentions["resolved"], "date"].str.fullmatch(r"2022-\d\d-\d\d").all()


def test_boilerplate_is_never_read(mentions, tables):
    # seed 000's photo caption ("on 5 January 2021") and Sputnik's caption stamp "06.01.2022" are boilerplate
    assert "2021" not in " ".join(mentions["text"])
    assert not mentions["text"].str.contains("06.01.2022", regex=False).any()
    boiler = tables.sentences[tables.sentences["in_boilerplate"]]
    for row in mentions.itertuples():
        inside = boiler[(boiler["doc"] == row.doc) & (boiler["start"] < row.end) & (boiler["end"] > row.start)]
        assert inside.empty, row.text


# ---- weekdays, explicit dates, relative words ----


def test_wednesday_in_a_thursday_wire_is_the_day_before(mentions):
    row = mention(mentions, D003, "addressed the nation on Wednesday to reaffirm", "on Wednesday")
    assert (row["kind"], row["date"]) == ("weekday", "2022-01-05")
    assert row["basis"] == "weekday before publication 2022-01-06"


def test_weekday_of_the_publication_day_is_the_publication_day(mentions):
    row = mention(mentions, D003, "have confirmed on Thursday the death", "on Thursday")
    assert row["date"] == "2022-01-06" and "same day" in row["basis"]


def test_friday_in_a_saturday_article(mentions):
    row = mention(mentions, D002, "On Friday, Russian Ambassador", "On Friday")
    assert (row["kind"], row["date"], row["in_period"]) == ("weekday", "2022-01-07", True)


def test_weekday_with_part_of_day_keeps_it_in_the_span(mentions):
    row = mention(mentions, D004, "in Almaty on Wednesday afternoon", "on Wednesday afternoon")
    assert row["date"] == "2022-01-05"
    assert mention(mentions, D003, "confirmed late on Wednesday", "late on Wednesday")["date"] == "2022-01-05"


def test_january_2_both_times_in_001(mentions):
    rows = mentions[(mentions["doc"] == D001) & (mentions["text"] == "on January 2")]
    assert len(rows) == 2 and (rows["date"] == "2022-01-02").all() and (rows["kind"] == "explicit").all()
    assert rows["basis"].str.contains("year of publication (2022)", regex=False).all()


def test_day_month_and_month_day_with_year(mentions):
    assert mention(mentions, D000, "since 2 January", "since 2 January")["date"] == "2022-01-02"
    row = mention(mentions, D001, "A report on January 6, 2022 from Belgrade", "on January 6, 2022")
    assert (row["date"], row["basis"]) == ("2022-01-06", "explicit")
    assert mention(mentions, D004, "The National News January 6th", "January 6th")["date"] == "2022-01-06"


def test_yesterday_in_004_is_the_day_before_publication(mentions):
    row = mention(mentions, D004, "Yesterday, President Tokayev", "Yesterday")
    assert (row["kind"], row["date"]) == ("relative", "2022-01-05")
    assert row["basis"] == "1 day before publication 2022-01-06"


def test_two_days_later_counts_from_january_2_in_the_same_paragraph(mentions):
    row = mention(mentions, D001, "Two days later, riots erupted in Almaty", "Two days later")
    assert (row["kind"], row["date"]) == ("relative", "2022-01-04")
    assert "2022-01-02" in row["basis"] and "on January 2" in row["basis"]


def test_today_inside_a_quotation_is_the_speakers_day_and_stays_unresolved(mentions):
    row = mention(mentions, D002, "It is obvious today that", "today")
    assert not row["resolved"] and "quotation" in row["basis"]


def test_a_few_hours_later_is_kept_unresolved(mentions):
    row = mention(mentions, D000, "A few hours later, the Prime Minister", "A few hours later")
    assert (row["kind"], row["resolved"]) == ("relative", False)


# ---- years, the period, vague periods ----


def test_april_3_election_is_kept_and_flagged_outside_the_period(mentions):
    row = mention(mentions, D001, "the April 3 presidential election", "April 3")
    assert (row["date"], row["resolved"], row["in_period"]) == ("2022-04-03", True, False)


def test_years_alone_are_not_event_dates(mentions):
    for doc, context, text in [(D000, "in 2011 in Syria", "in 2011"), (D004, "a 2020 law", "2020")]:
        row = mention(mentions, doc, context, text)
        assert (row["kind"], row["date"], row["resolved"], row["in_period"]) == ("year", "", False, False)


def test_explicit_date_with_a_year_outside_the_period_is_flagged(tables):
    # seed 000's photo caption, read as if it were article text: "on 5 January 2021" (a typo for 2022)
    caption = "A police car burning outside Almaty airport in Kazakhstan after rioters attacked the airport on 5 January 2021."
    text = tables.texts[D000]
    start = text.index(caption)
    sentences = pd.DataFrame({"doc": [D000], "start": [start], "end": [start + len(caption)], "in_boilerplate": [False]})
    row = find_date_mentions({D000: text}, sentences, {D000: "2022-01-06"}).iloc[0]
    assert (row["text"], row["date"], row["resolved"], row["in_period"]) == (
        "on 5 January 2021", "2021-01-05", True, False)


def test_dotted_day_month_year_on_sputniks_stamp(tables):
    line = "- Sputnik International, 1920, 06.01.2022"
    text = tables.texts[D002]
    start = text.index(line)
    sentences = pd.DataFrame({"doc": [D002], "start": [start], "end": [start + len(line)], "in_boilerplate": [False]})
    rows = find_date_mentions({D002: text}, sentences, {D002: "2022-01-08"})
    assert rows[["text", "date", "kind"]].values.tolist() == [["06.01.2022", "2022-01-06", "explicit"]]


@pytest.mark.parametrize(("doc", "context", "text"), [
    (D002, "over the past few days", "over the past few days"),
    (D001, "at the start of the New Year", "the start of the New Year"),
    (D003, "in recent days", "in recent days"),
    (D004, "widely used in New Year's", "New Year's"),
])
def test_vague_periods_are_kept_unresolved(mentions, doc, context, text):
    row = mention(mentions, doc, context, text)
    assert (row["kind"], row["resolved"], row["date"]) == ("vague", False, "")


def test_durations_are_not_mentions(mentions):
    for words in ("in a matter of days", "for years to come", "decades", "during the night"):
        assert not mentions["text"].str.contains(words, regex=False).any(), words


# ---- without a publication date ----


def test_unknown_publication_date_leaves_weekdays_and_bare_days_unresolved(tables):
    documents = tables.documents.copy()
    documents.loc[documents["doc"] == D004, "published"] = "unknown"
    unknown = date_mentions(SimpleNamespace(texts=tables.texts, sentences=tables.sentences, documents=documents))
    voi = unknown[unknown["doc"] == D004]
    weekdays = voi[voi["kind"] == "weekday"]
    assert len(weekdays) == 5 and not weekdays["resolved"].any()
    assert (weekdays["basis"] == "weekday; publication date unknown").all()
    assert not voi.loc[voi["text"] == "Yesterday", "resolved"].item()
    assert not voi.loc[voi["text"] == "January 6th", "resolved"].item()  # no year is guessed
    # the other documents are untouched
    assert unknown[unknown["doc"] != D004].equals(date_mentions(tables)[lambda m: m["doc"] != D004])


# ---- knowledge as data ----


def test_date_words_have_sources_and_the_seed_words():
    words = date_words()
    assert words["source"].str.len().min() > 0
    assert set(words["kind"]) == {"month", "weekday", "relative", "vague", "statement"}
    assert words.loc[words["expression"] == "Wednesday", "value"].item() == "2"


def test_editing_a_copied_lexicon_changes_the_result(tables, tmp_path):
    table = pd.read_csv(PACKAGE_DATA / "date_words.csv", dtype=str, keep_default_na=False)
    table.loc[table["expression"] == "yesterday", "value"] = "publication-2"
    table = table[table["expression"] != "(?:for )?several days"]
    table.to_csv(tmp_path / "date_words.csv", index=False)
    edited = date_mentions(tables, lexicon_dir=tmp_path)
    assert mention(edited, D004, "Yesterday, President Tokayev", "Yesterday")["date"] == "2022-01-04"
    assert not edited["text"].str.contains("several days", regex=False).any()
    # number_words.csv falls back to the packaged one: "Two days later" still counts two
    assert mention(edited, D001, "Two days later, riots", "Two days later")["date"] == "2022-01-04"


def test_a_broken_lexicon_fails_loudly(tmp_path):
    shutil.copy(PACKAGE_DATA / "date_words.csv", tmp_path / "date_words.csv")
    with open(tmp_path / "date_words.csv", "a", encoding="utf-8") as handle:
        handle.write("fortnight,duration,14,made up\n")
    with pytest.raises(ValueError, match="kind must be one of"):
        date_words(tmp_path)


# ---- statements and events ----


@pytest.mark.parametrize(("doc", "context", "text", "statement"), [
    (D001, "Pogrebinsky said on Wednesday.", "on Wednesday", True),
    (D001, "told reporters on Thursday", "on Thursday", True),
    (D002, "On Friday, Russian Ambassador", "On Friday", True),
    (D000, "In a televised address to the nation on 6 January", "on 6 January", True),
    (D004, "the government late Wednesday said", "late Wednesday", True),
    (D001, "Two days later, riots erupted", "Two days later", False),
    (D000, "On 5 January, the president declared", "On 5 January", False),
    (D004, "In Almaty on Wednesday night, hundreds", "on Wednesday night", False),
])
def test_statement_dates(mentions, tables, doc, context, text, statement):
    row = mention(mentions, doc, context, text)
    flags = statement_dates(mentions.loc[[row.name]], tables.texts)
    assert flags.item() is statement


# ---- against the hand labels ----


def test_precision_recall_and_date_accuracy_against_the_hand_labels(mentions, gold):
    assert len(gold) == 51
    result = match_spans(mentions, gold, ["date", "kind"])
    print(f"\ndates: {result['tp']} matched, {result['fp']} extracted not labelled, {result['fn']} labelled not "
          f"extracted; precision {result['precision']:.3f}, recall {result['recall']:.3f}, "
          f"date accuracy {result['field_accuracy']['date']:.3f}, kind accuracy {result['field_accuracy']['kind']:.3f}")
    for row in result["false_positives"].itertuples():
        print("  extracted, not labelled:", row.doc[:3], repr(row.text))
    for row in result["false_negatives"].itertuples():
        print("  labelled, not extracted:", row.doc[:3], repr(row.quote))
    print(field_disagreements(mentions, gold, result, ["date", "kind"]).to_string())
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
    assert result["field_accuracy"]["date"] >= 0.9


def test_rule_only_pipeline_finds_the_same_mentions(mentions, cache):
    blank = date_mentions(load_tables(ROOT / "seeds", pipeline="blank:en", cache_dir=cache))
    columns = [c for c in MENTION_COLUMNS if not c.startswith("sentence_")]
    pd.testing.assert_frame_equal(blank[columns], mentions[columns])


# ---- the timeline chapter's helpers ----


@pytest.fixture(scope="module")
def events(tables):
    return dated_events(tables, mentions_table(tables, registered_dates(tables)))


@pytest.fixture(scope="module")
def reference():
    return reference_timeline(ROOT / "reference")


def test_dated_events_join_dates_to_places_in_the_sentence(events, tables):
    spread = events[events["text"] == "Two days later"]
    assert sorted(spread["place"]) == ["Aktobe", "Almaty", "Atyrau", "Karaganda", "Kyzylorda", "Nur-Sultan",
                                       "Shymkent", "Taraz", "Uralsk"]
    assert (spread["date"] == "2022-01-04").all() and (spread["outlet"] == "jewworldorder.org").all()
    hq = events[events["place_text"] == "police headquarters in Almaty"].iloc[0]
    assert (hq["date"], hq["timeline_place"], hq["family"]) == ("2022-01-05", "Almaty", "unknown")
    assert not events.duplicated(["doc", "sentence_start", "date", "place_id"]).any()
    for row in events.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.text
        assert tables.texts[row.doc][row.place_start:row.place_end] == row.place_text
        assert row.sentence_start <= row.place_start < row.place_end <= row.sentence_end
    serbia = events[events["place"] == "Serbia"].iloc[0]
    assert (serbia["date"], serbia["in_period"], serbia["in_kazakhstan"]) == ("2022-04-03", False, False)


def test_first_dates_against_the_later_record(events, reference):
    table = first_dates(events, reference).set_index("place")
    assert COUNTRY_WIDE not in table.index
    assert table.loc["Zhanaozen", ["articles_first", "reference_first", "comparison"]].tolist() == [
        "2022-01-02", "2022-01-02", "same day"]
    assert table.loc["Almaty", "articles_first"] == "2022-01-04"
    assert table.loc["Mangystau Region", "difference"] == 1  # price rise of 1 January vs protests of 2 January
    assert table["reference_url"].str.startswith("http").all()
    # 001 is "a patchwork of TASS copy" and the later record's rows for 2 and 4 January cite tass.com
    assert table.loc["Zhanaozen", "shared_source"] and not table.loc["Mangystau Region", "shared_source"]


def test_timeline_facts_are_plain_python_values(events, reference, tables):
    mentions = mentions_table(tables, registered_dates(tables))
    facts = timeline_facts(mentions, events, first_dates(events, reference), reference)
    assert all(type(v) in (int, float, str) for v in facts.values())
    assert facts["n_mentions"] == 51 and facts["n_resolved"] == 36
    assert facts["earliest_date"] == "2 January"
    assert facts["earliest_places"] == "Aktau, Mangystau Region and Zhanaozen"


def test_chart_draws_places_in_kazakhstan_within_the_window(events, reference):
    article, ref = chart_frames(events, reference)
    assert article["date"].between("2022-01-01", "2022-01-19").all()
    assert not {"Serbia", "Belgrade", "Russia", "Moscow"} & set(article["timeline_place"])
    assert len(article) < 100 and len(ref) < 100
    spec = timeline_chart(article, ref).to_dict()
    assert spec["title"]["text"].startswith("What the articles date")
    tick_tooltips = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert "source" in tick_tooltips


def test_the_registered_extractor_reads_one_document(seed_tables):
    from conftest import registered

    rows = registered(seed_tables, "dates", D002)
    assert set(rows["doc"]) == {D002}
    row = mention(rows, D002, "On Friday, Russian Ambassador", "On Friday")
    assert (row["date"], row["refers_to"]) == ("2022-01-07", "statement")  # "On Friday, ... Antonov said"
