"""Local bodies named by their level alone: "the regional akimat", "the city police", "the regional police
department" stand for the body of the region or city the document has named before (the dev corpus's actor
convention: a word that picks out one body in the place the text is about names it).

The knowledge is ``actors.csv`` itself: every actor whose canonical name is a place, a level word and a head
("Aktobe regional akimat", "Aktau city police", "Taraz city police department") gives the phrase "regional
akimat", "city police", "city police department". A phrase in the text resolves to the actor of that phrase
whose place is the latest place named before it in the document; without one it is not a mention, and neither
is the phrase before a word for a member or a building of the body ("a city police officer").
"""

from __future__ import annotations

import re

import pandas as pd

LEVELS = ("regional", "city", "district")
# a member or a building of the body is not the body: "a city police officer", "the regional akimat building"
_MEMBERS = r"(?:officers?|officials?|employees?|staff|building|headquarters|station)\b"
_CANONICAL = re.compile(rf"^([A-Z][\w-]*) ((?:{'|'.join(LEVELS)}) [a-z][\w’' -]*?)(?: \(.*\))?$")


def level_phrases(actors: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``{"regional akimat": {"aktobe": "aktobe_akimat", ...}, ...}``: for each level phrase, the actor of each place.

    >>> import helpers.extract.actors as a
    >>> level_phrases(a.read_actors())["city police"]
    {'aktau': 'aktau_police'}
    """
    out: dict[str, dict[str, str]] = {}
    for row in actors.itertuples(index=False):
        m = _CANONICAL.match(row.canonical)
        if m:
            out.setdefault(m.group(2), {})[m.group(1).casefold()] = row.actor_id
    return out


def level_mentions(text: str, doc: str, sentences: list[tuple[int, int]], places: list[tuple[int, int, str]],
                   taken: list[tuple[int, int]], phrases: dict[str, dict[str, str]]) -> list[dict]:
    """Mention rows (``doc, start, end, text, actor_id, match = "title"``) for the level phrases of ``text`` that
    overlap no ``taken`` span; ``places`` are ``(start, end, name)`` of the document's place names.

    >>> s = "Aktobe: the regional akimat met the drivers."
    >>> phrases = {"regional akimat": {"aktobe": "aktobe_akimat"}}
    >>> [(r["text"], r["actor_id"]) for r in level_mentions(s, "d", [(0, len(s))], [(0, 6, "Aktobe")], [], phrases)]
    [('the regional akimat', 'aktobe_akimat')]
    """
    if not phrases:
        return []
    body = "|".join(re.escape(p).replace(r"\ ", r"[ \u00a0]+") for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:[Tt]he[ \u00a0]+)?(?i:{body})(?![\w-])(?![ \u00a0]+{_MEMBERS})")
    out = []
    for a, b in sentences:
        for m in pattern.finditer(text, a, b):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            phrase = re.sub(r"^[Tt]he[ \u00a0]+", "", m.group(0)).casefold()
            owners = phrases.get(re.sub(r"[ \u00a0]+", " ", phrase), {})
            before = [(s, owners[n.split()[0].casefold()]) for s, e, n in places
                      if e <= m.start() and n.split() and n.split()[0].casefold() in owners]
            if before:
                out.append({"doc": doc, "start": m.start(), "end": m.end(), "text": m.group(0),
                            "actor_id": max(before)[1], "match": "title"})
    return out
