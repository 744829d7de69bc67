"""The development corpus (tests/corpora/dev): texts written for testing in the styles of real
reporting, split by style into a tuning and a test half, with hand labels. These tests run the
checks of ``tests/corpora/dev/check_labels.py`` and read the halves with the project's own reader
and quote locator."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from helpers.corpus.reader import read_corpus
from helpers.extract.evaluation import locate_quotes

DEV = Path(__file__).resolve().parent / "corpora" / "dev"
_spec = importlib.util.spec_from_file_location("check_labels", DEV / "check_labels.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


@pytest.mark.parametrize("half", check.HALVES)
def test_every_quote_is_in_its_document(half):
    assert check.quote_problems(half) == []


@pytest.mark.parametrize("half", check.HALVES)
def test_every_document_has_a_sources_row(half):
    assert check.source_problems(half) == []


def test_halves_share_no_style_and_the_corpus_is_big_enough():
    assert check.style_problems() == []
    styles = {h: set(pd.read_csv(DEV / h / "sources.csv")["style"]) for h in check.HALVES}
    assert not styles["tune"] & styles["test"]
    assert len(styles["tune"] | styles["test"]) >= 15
    assert sum(len(check.texts(h)) for h in check.HALVES) >= 40


def test_an_exposed_style_has_left_the_test_half():
    """rights_02's casualty rows were seen (README exposure log): its whole style is in the tuning half, and
    the three interview texts written in its place are in the test half, with labels in every table."""
    style_of = {h: dict(zip(*pd.read_csv(DEV / h / "sources.csv")[["doc", "style"]].T.values)) for h in check.HALVES}
    assert style_of["tune"]["rights_02.txt"] == "rights_report"
    assert "rights_report" not in style_of["test"].values()
    interviews = sorted(d for d, s in style_of["test"].items() if s == "interview")
    assert interviews == ["interview_01.txt", "interview_02.txt", "interview_03.txt"]
    for table in check.TABLES:
        docs = {r["doc"] for r in check.labels("test", table)}
        assert docs & set(interviews), table


@pytest.mark.parametrize("half", check.HALVES)
def test_labels_use_known_values_and_ids(half):
    assert check.value_problems(half) == []


def test_files_are_what_make_corpus_writes_from_authoring():
    assert check.generated_problems() == []


@pytest.mark.parametrize("half", check.HALVES)
def test_the_project_reads_each_half_and_locates_every_label(half):
    documents = read_corpus(DEV / half).documents
    assert set(documents["status"]) == {"ok"}
    assert (documents["metadata"] == "sources.csv").all()
    texts = check.texts(half)
    for table in check.TABLES:
        gold = pd.read_csv(DEV / "labels" / half / f"{table}_gold.csv", dtype=str, keep_default_na=False)
        located = locate_quotes(gold, texts)
        spans = [texts[d][s:e] for d, s, e in zip(located["doc"], located["start"], located["end"])]
        assert spans == list(gold["quote"])


def test_a_label_of_a_text_that_moved_from_the_test_half():
    """independent_03 moved to the tuning half with its style (README exposure log): its labels moved with it."""
    gold = pd.read_csv(DEV / "labels" / "tune" / "casualties_gold.csv", dtype=str, keep_default_na=False)
    row = gold[(gold["doc"] == "independent_03.txt") & (gold["number_text"] == "766")].iloc[0]
    assert row["quote"] == "of the 766 people still in custody"
    assert (row["outcome"], row["low"], row["high"], row["qualifier"]) == ("detained", "766", "766", "exact")
    assert row["claimant"] == "Prosecutor General Berik Asylov"


def test_the_checker_finds_a_quote_that_is_not_in_the_text(tmp_path, monkeypatch):
    (tmp_path / "tune").mkdir()
    (tmp_path / "tune" / "a.txt").write_text("Police said 14 protesters were detained in Aktau.", encoding="utf-8")
    (tmp_path / "labels" / "tune").mkdir(parents=True)
    (tmp_path / "labels" / "tune" / "casualties_gold.csv").write_text(
        "doc,quote\na.txt,14 protesters were detained\na.txt,15 protesters were detained\n", encoding="utf-8")
    monkeypatch.setattr(check, "HERE", tmp_path)
    assert check.quote_problems("tune") == [
        "tune/casualties: a.txt: quote '15 protesters were detained' is not in the text"]
