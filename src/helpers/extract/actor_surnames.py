"""A family name alone refers back to the person named in full before it: "Chinese Foreign Minister Wang Yi
... Wang said" is Wang Yi, even when ``actors.csv`` lists no such alias (the family name is the last word of
the full name, or the first in Chinese order). An acronym defined in parentheses ("the Anti-Corruption Agency
(ACA)") refers back to the name it follows wherever the same document uses it again."""

from __future__ import annotations

import re

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


_DEFINED = re.compile(r"[ \u00a0]*\(([A-Z][A-Z-]{1,7})\)")


def resolve_acronyms(frame: pd.DataFrame, tables) -> pd.DataFrame:
    """``frame`` (actor mentions) with acronyms defined in parentheses reused in the same document: the mention
    "Anti-Corruption Agency" followed by "(ACA)" takes in the parenthesis, and every later "ACA" of the analysed
    sentences (found by the model or not) is a mention of the same actor, resolved or not as the definition is
    (``match = "acronym"``). An acronym that is a name of its own in ``actors.csv`` keeps it.

    >>> class T: pass
    >>> t = T(); t.texts = {"d": "The Anti-Corruption Agency (ACA) said it detained him. ACA gave no names."}
    >>> t.sentences = pd.DataFrame({"doc": ["d"], "start": [0], "end": [73], "in_boilerplate": [False]})
    >>> m = pd.DataFrame({"doc": ["d"], "start": [4], "end": [26], "text": ["Anti-Corruption Agency"],
    ...     "actor_id": [""], "canonical": ["Anti-Corruption Agency"], "type": ["government_body"],
    ...     "affiliation": ["unknown"], "resolved": [False], "match": ["unresolved"], "score": [float("nan")]})
    >>> resolve_acronyms(m, t)[["start", "text", "canonical", "match"]].values.tolist()
    [[4, 'Anti-Corruption Agency (ACA)', 'Anti-Corruption Agency', 'unresolved'], [55, 'ACA', 'Anti-Corruption Agency', 'acronym']]
    """
    rows = frame.sort_values(["doc", "start", "end"]).to_dict("records")
    analysed = tables.sentences[~tables.sentences["in_boilerplate"].astype(bool)]
    drop: set[int] = set()
    added: list[dict] = []
    for i, row in enumerate(rows):
        text = tables.texts[row["doc"]]
        m = _DEFINED.match(text, row["end"])
        if m is None or i in drop or m.group(1) == row["text"]:
            continue
        acronym, end = m.group(1), m.end()
        drop.update(k for k, r in enumerate(rows) if k != i and r["doc"] == row["doc"]
                    and row["end"] <= r["start"] and r["end"] <= end)
        row.update(end=end, text=text[row["start"]:end])
        later = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")
        for k, r in enumerate(rows):
            if r["doc"] == row["doc"] and r["start"] >= end and r["text"] == acronym and not r["resolved"]:
                r.update({c: row[c] for c in ("actor_id", "canonical", "type", "affiliation", "resolved")},
                         match="acronym")
        taken = [(r["start"], r["end"]) for r in rows if r["doc"] == row["doc"]]
        for sent in analysed[analysed["doc"] == row["doc"]].itertuples(index=False):
            for hit in later.finditer(text, max(int(sent.start), end), int(sent.end)):
                if not any(s < hit.end() and hit.start() < e for s, e in taken):
                    added.append({**row, "start": hit.start(), "end": hit.end(), "text": acronym,
                                  "match": "acronym", "score": float("nan")})
    out = pd.DataFrame([r for k, r in enumerate(rows) if k not in drop] + added, columns=frame.columns)
    return out.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)
