"""Precision and recall of each extractor against the hand-labelled seeds, for the methodology page.

Gold labels live in ``labels/`` (:data:`helpers.paths.LABELS`) as exact quotes of the seed text (one CSV per extractor);
predictions come from running the extractor on the parse of the seeds, exactly as the chapters do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.evaluation import locate_quotes, match_spans
from helpers.paths import LABELS

GOLD_DIR = LABELS


def _casualties(tables) -> pd.DataFrame:
    from helpers.extract.casualties import casualty_claims

    return casualty_claims(tables.texts, tables.sentences)


@dataclass(frozen=True)
class Extractor:
    name: str
    gold_file: str
    predict: Callable
    fields: tuple[str, ...]
    numeric: tuple[str, ...] = ()


EXTRACTORS = [
    Extractor("casualty claims", "casualties_gold.csv", _casualties,
              ("outcome", "victim_group", "qualifier", "low", "high", "claimant", "forecast"), ("low", "high")),
    Extractor("interference claims", "interference_gold.csv",
              lambda tables: __import__("helpers.extract.interference", fromlist=["interference_claims"]).interference_claims(
                  tables),
              ("speaker_id", "stance", "evidence")),
    Extractor("place mentions", "places_gold.csv",  # nationality adjectives the model tags as places are not places
              lambda tables: __import__("helpers.extract.places", fromlist=["place_mentions"]).place_mentions(
                  tables).query("kind != 'demonym'"),
              ("place_id", "role")),
    Extractor("date mentions", "dates_gold.csv",
              lambda tables: __import__("helpers.extract.dates", fromlist=["date_mentions"]).date_mentions(tables),
              ("date",)),
    Extractor("actor mentions", "actors_gold.csv",
              lambda tables: __import__("helpers.extract.actors", fromlist=["actor_mentions"]).actor_mentions(tables),
              ("actor_id",)),
    Extractor("speakers", "quotes_gold.csv",  # a statement is matched on its content span
              lambda tables: __import__("helpers.extract.quotes", fromlist=["statements_by_content"]).statements_by_content(
                  tables),
              ("speaker_id",)),
]


def read_gold(extractor: Extractor, texts: dict[str, str], gold_dir: str | Path | None = None) -> pd.DataFrame:
    """The hand labels of one extractor, located as spans in the seed texts."""
    path = Path(gold_dir or GOLD_DIR) / extractor.gold_file
    gold = pd.read_csv(path, keep_default_na=False, na_values={c: [""] for c in extractor.numeric})
    return locate_quotes(gold, texts)


def evaluate(tables, gold_dir: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Score every extractor on ``tables`` (the seeds). Returns (scores, field accuracy, misses)."""
    scores, fields, misses = [], [], []
    for ex in EXTRACTORS:
        pred = ex.predict(tables)
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
