"""A family name alone refers back to the person named in full before it: "Chinese Foreign Minister Wang Yi
... Wang said" is Wang Yi, even when ``actors.csv`` lists no such alias (the family name is the last word of
the full name, or the first in Chinese order)."""

from __future__ import annotations

import pandas as pd


def resolve_surnames(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (actor mentions, sorted by doc and start) with each unresolved one-word mention
    that is the first or last word of a person's name resolved earlier in the same document resolved to them
    (``match = "surname"``); the nearest such person before it wins.

    >>> m = pd.DataFrame({"doc": ["d", "d"], "start": [0, 30], "end": [7, 34], "text": ["Wang Yi", "Wang"],
    ...     "actor_id": ["wang_yi", ""], "canonical": ["Wang Yi", "Wang"], "type": ["person", "person"],
    ...     "affiliation": ["China government", "unknown"], "resolved": [True, False],
    ...     "match": ["gazetteer", "unresolved"], "score": [float("nan")] * 2})
    >>> resolve_surnames(m).loc[1, ["actor_id", "canonical", "match"]].tolist()
    ['wang_yi', 'Wang Yi', 'surname']
    """
    out = frame.copy()
    last_named: dict[tuple[str, str], int] = {}
    for i, row in zip(out.index, out.itertuples(index=False)):
        if row.resolved and row.type == "person":
            # the family name is the last word, or the first in Chinese order ("Wang Yi" ... "Wang said")
            for word in {w for name in (str(row.canonical), str(row.text)) for w in name.split()[:1] + name.split()[-1:]
                         if len(name.split()) > 1}:
                last_named[(row.doc, word.casefold())] = i
        elif not row.resolved and " " not in str(row.text).strip():  # the model may call it an ORG
            j = last_named.get((row.doc, str(row.text).strip().casefold()))
            if j is not None:
                for column in ("actor_id", "canonical", "type", "affiliation"):
                    out.at[i, column] = out.at[j, column]
                out.at[i, "resolved"], out.at[i, "match"] = True, "surname"
    return out
