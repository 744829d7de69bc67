"""Organisations the gazetteer does not know, kept as actors: names found by their shape and typed by it.

An outlet, ministry, committee, prosecutor's office, rights organisation or foundation that ``actors.csv``
lacks is still an actor of the text (issue 13): "the Russian Defense Ministry", "Human Rights Watch",
"Vlast.kz". The knowledge is ``actor_name_patterns.csv`` (``pattern, type, source``): each pattern is a
regular expression over a *name* (case-sensitive, first match in row order gives the type). Two uses:

- :func:`type_of_name` types a name the statistical model found but the gazetteer does not know;
- :func:`pattern_names` finds, in the analysed sentences, runs of capitalised words ("Prosecutor General's
  Office", "Ministry of Health") that a pattern types, so that the rule-only pipeline (``blank:en``) and
  names the model misses keep them too. A run is at least two capitalised words (or a site name such as
  "Vlast.kz"), at most eight, not in a title-case headline line, and overlaps no mention already found.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_cache, knowledge_path

TYPES = ("government_body", "security_force", "media", "rights_organisation", "other")
MAX_WORDS = 8
_WORD = r"[A-Z][\w’'.&-]*[\w]"
RUN = re.compile(rf"{_WORD}(?:[ \u00a0](?:(?:of|for|on|and|the)[ \u00a0])*{_WORD})*")
_SITE = re.compile(r"\w\.(?:kz|ru|com|org|net|info|media)$")


@knowledge_cache("actor_name_patterns.csv")
def name_patterns(knowledge_dir: str | Path | None = None) -> list[tuple[re.Pattern, str]]:
    """The name patterns in effect (``actor_name_patterns.csv`` or the user's copy), compiled, in row order.

    >>> [t for p, t in name_patterns() if p.search("Ministry of Health")][:1]
    ['government_body']
    """
    path = knowledge_path("actor_name_patterns.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = {"pattern", "type", "source"} - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    wrong = sorted(set(table["type"]) - set(TYPES))
    if wrong:
        raise ValueError(f"{path}: unknown type(s) {wrong}; allowed {list(TYPES)}")
    out = []
    for pattern, kind in zip(table["pattern"], table["type"]):
        try:
            out.append((re.compile(pattern), kind))
        except re.error as exc:
            raise ValueError(f"{path}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc
    return out


def type_of_name(name: str, patterns: list[tuple[re.Pattern, str]]) -> str | None:
    """The type the first matching pattern gives ``name``, or None.

    >>> type_of_name("Human Rights Watch", name_patterns()), type_of_name("Vlast.kz", name_patterns())
    ('rights_organisation', 'media')
    """
    return next((kind for pattern, kind in patterns if pattern.search(name)), None)


def set_aside_reason(name: str, label: str, lowercase: set[str], modifiers: set[str],
                     where: tuple[str, int, int] | None = None) -> str:
    """Why a name the statistical model found (``label`` PERSON, ORG, NORP) is not an actor's name, or "" if it is.

    ``lowercase`` are the words the corpus writes in lower case, ``modifiers`` the words that only qualify names
    ("Kazakh"); ``where`` is ``(text, start, end)`` of the name in its document, for the shapes of a line:
    a word in capitals opening a line before a comma or a full stop is a dateline ("ALMATY, Jan 6"), and a name
    that starts with a digit is a time stamp or a count ("08:15 - Gunfire").

    >>> set_aside_reason("MINSK", "ORG", set(), set(), ("MINSK, Jan. 7 (State agency) --", 0, 5))
    'not a name: a dateline in capitals'
    """
    if not re.search(r"[A-Z]", name):
        return "not a name: no capital letter"
    if name[:1].isdigit():
        return "not a name: starts with a number (a time or a count)"
    if where is not None:
        text, start, end = where
        line_start = text.rfind("\n", 0, start) + 1
        if (name.isupper() and len(name) >= 4 and not text[line_start:start].strip()
                and re.match(r"[ \u00a0]*[,.]", text[end:end + 3])):
            return "not a name: a dateline in capitals"
    words = re.findall(r"[A-Za-z][\w’'-]*", name)
    if label == "NORP" and not name.endswith("s") or name in modifiers or "-" in name and name.split("-")[0].islower():
        return "nationality or other adjective"
    if words and all(w.lower() in lowercase for w in words):
        return "common word(s) capitalised: the text also writes them in lower case"
    return ""


def _headline_line(text: str, position: int) -> bool:
    """Whether the line around ``position`` is a title-case headline (most longer words capitalised, no
    final full stop): its capitalised runs are not names."""
    a = text.rfind("\n", 0, position) + 1
    b = text.find("\n", position)
    line = text[a:len(text) if b < 0 else b].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) >= 4]
    return bool(words) and not line.endswith(".") and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def pattern_names(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]],
                  patterns: list[tuple[re.Pattern, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of every run of capitalised words in the sentence ``spans`` of ``text`` that a
    pattern types and that overlaps no ``taken`` span.

    >>> s = "Vlast.kz reported that the Prosecutor General's Office had opened 44 cases."
    >>> [(s[a:b], t) for a, b, t in pattern_names(s, [(0, len(s))], [], name_patterns())]
    [('Vlast.kz', 'media'), ("Prosecutor General's Office", 'government_body')]
    """
    out = []
    for a, b in spans:
        for m in RUN.finditer(text, a, b):
            start = m.start() + (4 if m.group(0).startswith("The ") else 0)  # "The Prosecutor General's Office"
            name = text[start:m.end()]
            words = name.split()
            if len(words) > MAX_WORDS or (len(words) < 2 and not _SITE.search(name)):
                continue
            if any(s < m.end() and start < e for s, e in taken) or _headline_line(text, start):
                continue
            kind = type_of_name(name, patterns)
            if kind:
                out.append((start, m.end(), kind))
    return out


def pattern_mentions(texts: dict[str, str], sentences: pd.DataFrame, rows: list[dict], patterns, resolve) -> list[dict]:
    """Actor mention rows for the organisation names :func:`pattern_names` finds in the analysed ``sentences``
    beside the mentions already found (``rows``): resolved when ``resolve(name)`` (a fuzzy match against
    ``actors.csv``: ``(actor_id, name, score)`` or None) knows the name, else ``unresolved`` with the type the
    name gives."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        taken.setdefault(r["doc"], []).append((int(r["start"]), int(r["end"])))
    out = []
    for doc, part in sentences.groupby("doc", sort=False):
        text = texts[doc]
        for start, end, kind in pattern_names(text, list(zip(part["start"], part["end"])), taken.get(doc, []),
                                              patterns):
            name = text[start:end]
            best = resolve(name)
            row = {"doc": doc, "start": start, "end": end, "text": name}
            if best is not None:
                out.append({**row, "actor_id": best[0], "match": "fuzzy", "score": best[2]})
            else:
                out.append({**row, "actor_id": "", "match": "unresolved", "type": kind})
    return out
