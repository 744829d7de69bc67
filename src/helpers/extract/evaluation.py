"""How well an extractor does against hand labels: span matching, precision, recall, field accuracy.

Generic over what is extracted (casualty claims, places, actors, interference claims): a row is a
span ``doc, start, end`` plus any fields. Hand labels are kept as exact quotes of the seed text;
:func:`locate_quotes` turns them into spans, :func:`match_spans` pairs predictions with labels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd


def locate_quotes(gold: pd.DataFrame, texts: Mapping[str, str]) -> pd.DataFrame:
    """Add ``start`` and ``end`` to hand-labelled rows by finding each ``quote`` in ``texts[doc]``.

    A quote that occurs more than once in a document is assigned in label order: the first row
    with that quote gets the first occurrence, the second row the next one, and so on (seed 001
    says "hundreds or thousands of deaths" twice, so it is labelled twice). Raises ``ValueError``
    naming the document and the quote when a quote (or its k-th occurrence) is not in the text,
    and ``KeyError`` when a document is not in ``texts``.

    >>> text = "At least 18 security officers were killed by the rioters."
    >>> gold = pd.DataFrame({"doc": ["001"], "quote": ["At least 18 security officers were killed"]})
    >>> locate_quotes(gold, {"001": text})[["start", "end"]].values.tolist()
    [[0, 41]]
    """
    missing_cols = {"doc", "quote"} - set(gold.columns)
    if missing_cols:
        raise ValueError(f"gold table lacks column(s) {sorted(missing_cols)}")
    starts: list[int] = []
    ends: list[int] = []
    searched_from: dict[tuple[str, str], int] = {}
    for doc, quote in zip(gold["doc"], gold["quote"]):
        if doc not in texts:
            raise KeyError(f"gold row names document {doc!r}, which is not among the texts")
        if not isinstance(quote, str) or not quote:
            raise ValueError(f"gold row for {doc!r} has an empty quote")
        key = (doc, quote)
        position = texts[doc].find(quote, searched_from.get(key, 0))
        if position < 0:
            which = "another occurrence of" if key in searched_from else "the quote"
            raise ValueError(f"{doc}: {which} {quote!r} is not in the text")
        searched_from[key] = position + 1
        starts.append(position)
        ends.append(position + len(quote))
    out = gold.copy()
    out["start"] = pd.Series(starts, index=gold.index, dtype="int64")
    out["end"] = pd.Series(ends, index=gold.index, dtype="int64")
    return out


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def same_value(a: object, b: object) -> bool:
    """Whether a predicted and a labelled field value agree.

    Missing values (None, NaN, empty or blank string) agree with each other; numbers compare as
    floats ("12" == 12.0); booleans compare with their spelling ("True" == True); other values
    compare as stripped strings.

    >>> same_value(12.0, "12"), same_value(float("nan"), ""), same_value("True", True)
    (True, True, True)
    """
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return str(a).strip().lower() == str(b).strip().lower()
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9)
    return str(a).strip() == str(b).strip()


def match_spans(pred: pd.DataFrame, gold: pd.DataFrame, fields: Sequence[str] = ()) -> dict:
    """Pair predicted spans with labelled spans and score them.

    A prediction and a label can match when they are in the same ``doc`` and their character
    spans overlap (``[start, end)`` intervals sharing at least one character). Pairs are taken
    greedily by largest overlap, one-to-one. Returns a dict with ``tp``, ``fp``, ``fn``,
    ``precision``, ``recall``, ``f1`` (NaN when undefined, e.g. precision with no predictions),
    ``field_accuracy`` ({field: share of matched pairs whose values agree, see
    :func:`same_value`}), ``pairs`` (index of pred, index of gold, overlap), and the unmatched rows
    as ``false_positives`` (from ``pred``) and ``false_negatives`` (from ``gold``).

    >>> gold = pd.DataFrame({"doc": ["003"], "start": [0], "end": [37], "outcome": ["killed"]})
    >>> pred = pd.DataFrame({"doc": ["003"], "start": [4], "end": [30], "outcome": ["killed"]})
    >>> r = match_spans(pred, gold, ["outcome"])
    >>> r["tp"], r["fp"], r["fn"], r["field_accuracy"]
    (1, 0, 0, {'outcome': 1.0})
    """
    for name, frame in (("pred", pred), ("gold", gold)):
        lacking = {"doc", "start", "end"} - set(frame.columns)
        if lacking:
            raise ValueError(f"{name} lacks column(s) {sorted(lacking)}")
    for field in fields:
        for name, frame in (("pred", pred), ("gold", gold)):
            if field not in frame.columns:
                raise ValueError(f"field {field!r} is not a column of {name}")

    candidates: list[tuple[int, object, object]] = []
    gold_by_doc = {doc: part for doc, part in gold.groupby("doc", sort=False)}
    for doc, part in pred.groupby("doc", sort=False):
        labels = gold_by_doc.get(doc)
        if labels is None:
            continue
        for pi, ps, pe in zip(part.index, part["start"], part["end"]):
            for gi, gs, ge in zip(labels.index, labels["start"], labels["end"]):
                overlap = min(int(pe), int(ge)) - max(int(ps), int(gs))
                if overlap > 0:
                    candidates.append((overlap, pi, gi))
    # largest overlap first; ties in a stable order (gold position, then pred position)
    gold_rank = {index: rank for rank, index in enumerate(gold.index)}
    pred_rank = {index: rank for rank, index in enumerate(pred.index)}
    candidates.sort(key=lambda c: (-c[0], gold_rank[c[2]], pred_rank[c[1]]))
    used_pred: set = set()
    used_gold: set = set()
    pairs: list[tuple[object, object, int]] = []
    for overlap, pi, gi in candidates:
        if pi in used_pred or gi in used_gold:
            continue
        used_pred.add(pi)
        used_gold.add(gi)
        pairs.append((pi, gi, overlap))

    tp = len(pairs)
    fp = len(pred) - tp
    fn = len(gold) - tp
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else (0.0 if tp + fp and tp + fn else float("nan"))
    field_accuracy = {
        field: (
            sum(same_value(pred.at[pi, field], gold.at[gi, field]) for pi, gi, _ in pairs) / tp
            if tp
            else float("nan")
        )
        for field in fields
    }
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "field_accuracy": field_accuracy,
        "pairs": pairs,
        "false_positives": pred.loc[[i for i in pred.index if i not in used_pred]],
        "false_negatives": gold.loc[[i for i in gold.index if i not in used_gold]],
    }


def field_disagreements(pred: pd.DataFrame, gold: pd.DataFrame, result: dict, fields: Sequence[str]) -> pd.DataFrame:
    """One row per matched pair and field where prediction and label differ (for printing misses).

    >>> gold = pd.DataFrame({"doc": ["004"], "start": [0], "end": [9], "claimant": ["Kazakh media"]})
    >>> pred = pd.DataFrame({"doc": ["004"], "start": [0], "end": [9], "claimant": [""]})
    >>> field_disagreements(pred, gold, match_spans(pred, gold, ["claimant"]), ["claimant"]).values.tolist()
    [['004', 0, 'claimant', '', 'Kazakh media']]
    """
    rows = []
    for pi, gi, _ in result["pairs"]:
        for field in fields:
            p, g = pred.at[pi, field], gold.at[gi, field]
            if not same_value(p, g):
                rows.append((gold.at[gi, "doc"], int(gold.at[gi, "start"]), field, p, g))
    return pd.DataFrame(rows, columns=["doc", "gold_start", "field", "pred", "gold"])
