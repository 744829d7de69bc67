"""Precision and recall of each extractor against the hand-labelled seeds, for the methodology page.

Gold labels live in ``labels/`` (:data:`helpers.paths.LABELS`) as exact quotes of the seed text (one CSV per
extractor); predictions are the rows of the registered extractors (:data:`helpers.extract.registry.REGISTRY`),
computed by the extraction stage on the parse of the seeds (cached), exactly as the chapters read them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.evaluation import locate_quotes, match_spans
from helpers.extract.registry import get
from helpers.paths import LABELS

GOLD_DIR = LABELS


def _places(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.query("kind != 'demonym'")  # nationality adjectives the model tags as places are not places


def _by_content(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(start=rows["content_start"], end=rows["content_end"])  # a statement is matched on what is said


@dataclass(frozen=True)
class Scored:
    """One scored extractor: the label on the page, the registered extractor, its gold file and fields."""

    name: str
    extractor: str  # a name of the registry
    gold_file: str
    fields: tuple[str, ...]
    numeric: tuple[str, ...] = ()
    view: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # how its rows are matched to the labels


SCORED = [
    Scored("casualty claims", "casualties", "casualties_gold.csv",
           ("outcome", "victim_group", "qualifier", "low", "high", "claimant", "forecast"), ("low", "high")),
    Scored("interference claims", "claims", "interference_gold.csv", ("speaker_id", "stance", "evidence")),
    Scored("place mentions", "places", "places_gold.csv", ("place_id", "role"), view=_places),
    Scored("date mentions", "dates", "dates_gold.csv", ("date",)),
    Scored("actor mentions", "actors", "actors_gold.csv", ("actor_id",)),
    Scored("speakers", "quotes", "quotes_gold.csv", ("speaker_id",), view=_by_content),
]


def read_gold(scored: Scored, texts: dict[str, str], gold_dir: str | Path | None = None) -> pd.DataFrame:
    """The hand labels of one extractor, located as spans in the seed texts."""
    path = Path(gold_dir or GOLD_DIR) / scored.gold_file
    gold = pd.read_csv(path, keep_default_na=False, na_values={c: [""] for c in scored.numeric})
    return locate_quotes(gold, texts)


def predictions(tables, scored: Scored, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The rows of ``scored``'s registered extractor, as they are matched to the labels."""
    rows = frames[get(scored.extractor).name]
    return scored.view(rows) if scored.view else rows


def evaluate(tables, gold_dir: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Score every extractor on ``tables`` (the seeds). Returns (scores, field accuracy, misses)."""
    from helpers.extract.stage import extract_corpus

    frames = extract_corpus(tables).frames
    scores, fields, misses = [], [], []
    for ex in SCORED:
        pred = predictions(tables, ex, frames)
        gold = read_gold(ex, tables.texts, gold_dir)
        result = match_spans(pred, gold, ex.fields)
        scores.append({"extractor": ex.name, "labelled": len(gold), "extracted": len(pred), "matched": result["tp"],
                       "precision": result["precision"], "recall": result["recall"], "f1": result["f1"]})
        fields += [{"extractor": ex.name, "field": f, "accuracy": a} for f, a in result["field_accuracy"].items()]
        for kind, frame in (("extracted, not labelled", result["false_positives"]),
                            ("labelled, not extracted", result["false_negatives"])):
            for row in frame.itertuples():
                misses.append({"extractor": ex.name, "miss": kind, "doc": row.doc,
                               "quote": tables.texts[row.doc][row.start:row.end]})
    return (pd.DataFrame(scores), pd.DataFrame(fields),
            pd.DataFrame(misses, columns=["extractor", "miss", "doc", "quote"]))
