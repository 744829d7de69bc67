"""Superseded casualty figures: a figure the same sentence replaces with a newer one.

Counts in a crisis rise over days, and reports often give the old figure beside the new one: "has put
the total number of officers killed in the clashes at thirteen, after eight deaths were confirmed late
on Wednesday" (seed 003). The old figure is a claim of its own (it keeps its row and its span), but it
is not a current estimate. The cues are data, ``casualty_revisions.csv``: per shape, ``before`` (a
regular expression that must end where the old figure's quote starts: "after ", "up from ") and
``from_old`` (one that must match from the start of the old figure's quote: "eight deaths were
confirmed"); a shape may have either or both. ``reach`` says where the newer figure is: the same
sentence, or (for a sentence the article itself dates as earlier: "Earlier, the office said ...") the
nearest figure of the same outcome anywhere in the document.

A figure is superseded when a cue fits it and another figure of the same sentence has the same outcome
and the same victim group (a count of people is not replaced by a count of police officers); the nearest
such figure supersedes it (``superseded_by`` is its
start offset in the same document). Sub-counts ("including two") are never superseded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.knowledge import cached_knowledge, knowledge_path, read_knowledge

REVISION_FILES = ("casualty_revisions.csv",)


def _load(knowledge_dir: str | Path | None) -> list[tuple[str, re.Pattern | None, re.Pattern | None, str]]:
    path = knowledge_path("casualty_revisions.csv", knowledge_dir)
    table = read_knowledge("casualty_revisions.csv", knowledge_dir, {"cue", "says", "reach", "before", "from_old", "source"})
    shapes = []
    for i, row in table.iterrows():
        if not row["before"] and not row["from_old"]:
            raise ValueError(f"{path}: row {i + 2} ({row['cue']}): neither 'before' nor 'from_old' is given")
        if row["reach"] not in ("sentence", "document"):
            raise ValueError(f"{path}: row {i + 2} ({row['cue']}): reach must be sentence or document")
        try:
            before = re.compile(rf"(?:{row['before']})$", re.IGNORECASE) if row["before"] else None
            from_old = re.compile(rf"(?:{row['from_old']})", re.IGNORECASE) if row["from_old"] else None
        except re.error as exc:
            raise ValueError(f"{path}: row {i + 2} ({row['cue']}): not a valid regular expression: {exc}") from exc
        shapes.append((row["says"] or row["cue"], before, from_old, row["reach"]))
    return shapes


def revision_cues(knowledge_dir: str | Path | None = None):
    """The shapes of ``casualty_revisions.csv`` in effect as (what the cue says, before, from_old, reach):
    ``("after … were confirmed", re.compile(r"(?:\\bafter\\s+)$"), ..., "sentence")``; ``reach`` is where the
    newer figure may be: the same sentence, or anywhere in the document ("Earlier, the office said ...")."""
    return cached_knowledge(_load, knowledge_dir, REVISION_FILES)


def _cue_of(text: str, row, shapes) -> tuple[str, str]:
    """(the words, the reach) of the first shape that fits the figure ``row`` in its sentence, or ("", "")."""
    lead = text[row.sentence_start:row.start]
    rest = text[row.start:row.sentence_end]
    for name, before, from_old, reach in shapes:
        if before is not None and not before.search(lead):
            continue
        if from_old is not None and not from_old.match(rest):
            continue
        return name, reach
    return "", ""


def superseded_figures(claims: pd.DataFrame, texts: Mapping[str, str],
                       knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """``superseded`` (bool), ``superseded_by`` (start of the newer figure in the same document, -1 when
    not superseded) and ``superseded_cue`` (the shape in words, "after … were confirmed"; "" when not superseded) per claim. A cue
    with no other figure of the same outcome in the sentence supersedes nothing ("the police moved in
    after eight deaths were confirmed" states no newer count).

    ``claims`` needs ``doc, start, end, best, outcome, victim_group, sentence_start, sentence_end`` and
    ``subcount``.

    >>> text = ("For its part, the Almaty police commander’s office has put the total number of officers "
    ...         "killed in the clashes at thirteen, after eight deaths were confirmed late on Wednesday.")
    >>> claims = pd.DataFrame({"doc": "003", "start": [69, 129], "end": [121, 141], "best": [13.0, 8.0],
    ...     "outcome": "killed", "victim_group": "security_forces", "sentence_start": 0, "sentence_end": len(text),
    ...     "subcount": False})
    >>> superseded_figures(claims, {"003": text}).values.tolist()   # seed 003 line 13: "eight" replaced
    [[False, -1, ''], [True, 69, 'after … were confirmed']]
    """
    shapes = revision_cues(knowledge_dir)
    flags, by, cues = [], [], []
    for row in claims.itertuples():
        cue, reach = ("", "") if row.subcount else _cue_of(texts[row.doc], row, shapes)
        newer = -1
        if cue:  # superseded only when the newer figure is in the sentence (or, for reach "document", the document)
            where = claims["sentence_start"] == row.sentence_start if reach == "sentence" else True
            rivals = claims[(claims["doc"] == row.doc) & where
                            & (claims["start"] != row.start) & (claims["outcome"] == row.outcome)
                            & ~claims["subcount"] & (claims["victim_group"] == row.victim_group)]
            if reach == "document":  # weaker evidence: only a higher count of the document replaces it
                rivals = rivals[rivals["best"] > row.best]
            if len(rivals):
                newer = int(rivals.loc[(rivals["start"] - row.start).abs().idxmin(), "start"])
        flags.append(newer >= 0)
        by.append(newer)
        cues.append(cue if newer >= 0 else "")
    return pd.DataFrame({"superseded": pd.Series(flags, dtype=bool), "superseded_by": pd.Series(by, dtype="int64"),
                         "superseded_cue": pd.Series(cues, dtype=object)}, index=claims.index)
