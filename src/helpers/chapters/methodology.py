"""The methodology page's scores: every extractor against hand labels, in-sample and out-of-sample, side by side.

Two labelled samples are scored with :mod:`helpers.extract.scores` (the extraction stage's rows, cached,
exactly as the chapters read them): the seeds (``labels/``, :data:`helpers.paths.LABELS`), on which the
rules were written (in-sample), and the test half of the development corpus (``tests/corpora/dev/test``
with ``tests/corpora/dev/labels/test``), texts written for testing by this project in the styles of real
reporting, held out from rule writing (out-of-sample; exposures logged in tests/corpora/dev/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.scores import Scored, field_agreement, misses_table, score_folder, scores_table
from helpers.extract.text import SentenceIndex, excerpt
from helpers.present.interactive import shown_first
from helpers.present.provenance import sentence_links

IN_SAMPLE = "seeds (in-sample)"
OUT_OF_SAMPLE = "test half (out-of-sample)"
COUNTS = ("labels", "predictions", "right", "precision", "recall")


@dataclass
class Sample:
    """One labelled sample scored: its name, its tables (the parse) and every measure scored on it."""

    name: str
    tables: object  # helpers.parse.tables.Tables
    scored: list[Scored]

    def scores(self) -> pd.DataFrame:
        """One row per measure, the sample named in a first column."""
        return scores_table(self.scored).assign(sample=self.name)

    def misses(self) -> pd.DataFrame:
        """The sample's misses (:func:`helpers.extract.scores.misses_table`), the sample named."""
        return misses_table(self.scored, self.tables.texts).assign(sample=self.name)


def score_sample(name: str, tables, labels_dir: str | Path, knowledge_dir=None) -> Sample:
    """Score the stage's rows of ``tables`` (cached per document) against the gold files of ``labels_dir``."""
    if not Path(labels_dir).is_dir():
        raise FileNotFoundError(f"{labels_dir}: no such folder of hand labels (the labels of {name})")
    return Sample(name, tables, score_folder(tables, labels_dir, knowledge_dir))


def _measure(frame: pd.DataFrame) -> pd.Series:
    return frame["table"] + ": " + frame["criterion"]


def side_by_side(samples: list[Sample]) -> pd.DataFrame:
    """One row per measure and sample, the samples of a measure next to each other (seeds first): measure,
    sample, precision, recall, right, labels, extracted (the predictions); a sample without labels for a
    measure has no row for it. Precision and recall come first so that a phone's width shows them."""
    table = pd.concat([s.scores() for s in samples], ignore_index=True)
    order = {m: i for i, m in enumerate(dict.fromkeys(_measure(table)))}
    table = table.assign(measure=_measure(table), rank=_measure(table).map(order), pos=range(len(table)))
    table = table.sort_values(["rank", "pos"]).rename(columns={"predictions": "extracted"})
    view = table[["measure", "sample", "precision", "recall", "right", "labels", "extracted"]].reset_index(drop=True)
    return shown_first(view, list(view.columns), raw=("measure", "sample"))


def scores_long(samples: list[Sample]) -> pd.DataFrame:
    """Every sample's scores in one table (the CSV download): sample, table, criterion and the counts."""
    frames = [s.scores() for s in samples]
    table = pd.concat(frames, ignore_index=True)
    return table[["sample", "table", "criterion", *COUNTS]]


def agreement_side_by_side(samples: list[Sample]) -> pd.DataFrame:
    """For matched pairs, the share whose coded fields agree with the label, one column per sample."""
    out = None
    for sample in samples:
        part = field_agreement(sample.scored)
        part = part[["table", "field", "share"]].rename(columns={"share": sample.name})
        out = part if out is None else out.merge(part, on=["table", "field"], how="outer", sort=False)
    return out


def misses_long(samples: list[Sample]) -> pd.DataFrame:
    """Every sample's misses in one table (the CSV download), each with its span: sample, table, miss,
    doc, start, end, quote, expected, found."""
    table = pd.concat([s.misses() for s in samples], ignore_index=True)
    return table[["sample", *[c for c in table.columns if c != "sample"]]]


VIEW_COLUMNS = ["table", "quote", "expected", "found", "miss", "doc", "sentence", "in context"]


def in_sentence(rows: pd.DataFrame, tables) -> pd.Series:
    """For each row (doc, start, end), the sentence of ``tables`` that holds its start, on one line around
    the row's words (:func:`helpers.extract.text.excerpt`); the row's own words where no sentence holds it."""
    index = SentenceIndex.by_doc(tables.sentences)
    out = []
    for doc, start, end in zip(rows["doc"], rows["start"], rows["end"]):
        text, found = tables.texts[doc], index.get(doc)
        pos = found.holding(int(start)) if found is not None else -1
        sentence = (int(found.starts[pos]), int(found.ends[pos])) if pos >= 0 else (int(start), int(end))
        out.append(excerpt(text, sentence, (int(start), min(int(end), sentence[1]))))
    return pd.Series(out, index=rows.index, dtype=object)


def misses_view(sample: Sample | None, book_tables=None) -> pd.DataFrame:
    """The misses of ``sample`` as the page shows them: table, quote, expected, found, miss, doc, the
    sentence that holds the quote (hidden at first), and a link to it in the documents appendix when
    ``sample`` is the book's own corpus (``book_tables``); no row when ``sample`` is None (not scored)."""
    if sample is None:
        return pd.DataFrame(columns=VIEW_COLUMNS)
    misses = sample.misses()
    misses["sentence"] = in_sentence(misses, sample.tables)
    misses["sentence_link"] = ""
    if book_tables is not None and sorted(book_tables.texts) == sorted(sample.tables.texts) and len(misses):
        misses["sentence_link"] = sentence_links(misses, book_tables.sentences, book_tables.documents)
    view = misses.rename(columns={"sentence_link": "in context"})[VIEW_COLUMNS]
    shown = [c for c in VIEW_COLUMNS if c != "sentence" and (c != "in context" or view[c].ne("").any())]
    return shown_first(view, shown, raw=tuple(c for c in VIEW_COLUMNS if c != "in context"))


def test_half_styles(corpus_dir: str | Path | None) -> pd.DataFrame:
    """The styles of a development half and what each imitates (``style`` and ``outlet`` of its
    ``sources.csv``), with the number of texts: style, imitates, texts (no row for an empty ``corpus_dir``)."""
    if not corpus_dir:
        return pd.DataFrame(columns=["style", "imitates", "texts"])
    path = Path(corpus_dir) / "sources.csv"
    sources = pd.read_csv(path, keep_default_na=False)
    lacking = {"doc", "style", "outlet"} - set(sources.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)} (the style each text imitates)")
    table = sources.groupby(["style", "outlet"], sort=True).size().reset_index(name="texts")
    return table.rename(columns={"outlet": "imitates"})


def percent(value: float) -> str:
    """A share as the prose shows it: ``0.663`` -> ``"66%"``; NaN -> ``"not measured"``.

    >>> percent(0.6630434782608695), percent(1.0), percent(float("nan"))
    ('66%', '100%', 'not measured')
    """
    return "not measured" if pd.isna(value) else f"{value:.0%}"


def prose_numbers(sample: Sample | None, prefix: str) -> dict[str, str | int]:
    """The numbers the prose glues for one sample, by name ``<prefix>_<extractor>_<criterion>_<what>``
    (``dev_casualties_outcome_and_value_right_recall``): each measure's
    precision and recall as a percentage and its labels as a count (``"not measured"`` when ``sample`` is None)."""
    from helpers.extract.scores import MEASURES

    out: dict[str, str | int] = {}
    rows = {} if sample is None else {(r["table"], r["criterion"]): r for _, r in sample.scores().iterrows()}
    for m in MEASURES:
        key = f"{prefix}_{m.extractor}_{m.criterion.replace(' ', '_')}"
        row = rows.get((m.table, m.criterion))
        out[f"{key}_precision"] = percent(float("nan") if row is None else row["precision"])
        out[f"{key}_recall"] = percent(float("nan") if row is None else row["recall"])
        out[f"{key}_labels"] = "no" if row is None else int(row["labels"])
    return out
