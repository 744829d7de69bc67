"""Organisations the gazetteer does not know, kept as actors: names found by their shape and typed by it.

An outlet, ministry, committee, prosecutor's office, rights organisation or foundation that ``actors.csv``
lacks is still an actor of the text (issue 13): "the Russian Defense Ministry", "Human Rights Watch",
"Vlast.kz". The knowledge is ``actor_name_patterns.csv`` (``pattern, type, source``): each pattern is a
regular expression over a *name* (case-sensitive, first match in row order gives the type; the type
``not_an_actor`` marks names that are no actor at all, as "Telegram" or "Maidan", which are set aside). Two uses:

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

from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge

TYPES = ("government_body", "security_force", "media", "rights_organisation", "other", "not_an_actor")
# the type of a name that is no actor at all (a platform, an event, a programme, a vehicle): set aside, never kept
NOT_AN_ACTOR = "not_an_actor"
MAX_WORDS = 8
_WORD = r"[A-Z][\w’'.&-]*[\w]"
RUN = re.compile(rf"{_WORD}(?:[ \u00a0](?:(?:of|for|on|and|the)[ \u00a0])*{_WORD})*")
_SITE = re.compile(r"\w\.(?:kz|ru|com|org|net|info|media|kg|uz|tj|tm|by|ua|am|az|news)$")


@knowledge_cache("actor_name_patterns.csv")
def name_patterns(knowledge_dir: str | Path | None = None) -> list[tuple[re.Pattern, str]]:
    """The name patterns in effect (``actor_name_patterns.csv`` or the user's copy), compiled, in row order.

    >>> [t for p, t in name_patterns() if p.search("Ministry of Health")][:1]
    ['government_body']
    """
    path = knowledge_path("actor_name_patterns.csv", knowledge_dir)
    table = read_knowledge("actor_name_patterns.csv", knowledge_dir, {"pattern", "type", "source"})
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
                     where: tuple[str, int, int] | None = None, patterns=()) -> str:
    """Why a name the statistical model found (``label`` PERSON, ORG, NORP) is not an actor's name, or "" if it is.

    ``lowercase`` are the words the corpus writes in lower case, ``modifiers`` the words that only qualify names
    ("Kazakh"); ``where`` is ``(text, start, end)`` of the name in its document, for the shapes of a line:
    a word in capitals opening a line before a comma, a full stop, a bracket or a dash, or closing a line, is a
    dateline ("ALMATY, Jan 6", "ALMATY - ...", "By a correspondent in ALMATY"), and a name
    that starts with a digit is a time stamp or a count ("08:15 - Gunfire"). A name the name ``patterns`` type
    ``not_an_actor`` ("Telegram") is set aside.

    >>> set_aside_reason("MINSK", "ORG", set(), set(), ("MINSK, Jan. 7 (State agency) --", 0, 5))
    'not a name: a dateline in capitals'
    """
    if not re.search(r"[A-Z]", name):
        return "not a name: no capital letter"
    if type_of_name(name, patterns) == NOT_AN_ACTOR:
        return "not an actor: a platform, an event, a programme or a vehicle (actor_name_patterns.csv)"
    if name[:1].isdigit():
        return "not a name: starts with a number (a time or a count)"
    if where is not None:
        text, start, end = where
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        after = text[end:len(text) if line_end < 0 else line_end]
        if name.isupper() and len(name) >= 4 and (
                not text[line_start:start].strip() and re.match(r"[ \u00a0]*(?:[,.(]|[-–—][ \u00a0])", after + " ")
                or not after.strip()):  # "ALMATY, Jan 6", "ALMATY - ...", "By a correspondent in ALMATY"
            return "not a name: a dateline in capitals"
    words = re.findall(r"[A-Za-z][\w’'-]*", name)
    if label == "NORP" and not name.endswith("s") or name in modifiers or "-" in name and name.split("-")[0].islower():
        return "nationality or other adjective"
    if words and all(w.lower() in lowercase for w in words):
        return "common word(s) capitalised: the text also writes them in lower case"
    return ""


def outlet_in_lower_case(text: str, actor_id: str, actors: pd.DataFrame) -> bool:
    """Whether ``text``, a gazetteer match of the outlet ``actor_id`` (``actors.csv``), is its capitalised name
    written in lower case, as common words ("the national news agency Khovar" is not "The National News"): the
    gazetteer matches phrases in any case, which holds for "the interior ministry" but not for an outlet's name.
    A name the gazetteer writes in lower case itself ("local media", "Belarussian news agency") stays.

    >>> outlet = pd.DataFrame([{"actor_id": "x", "type": "media", "canonical": "The National News", "aliases": "",
    ...                         "titles": ""}])
    >>> [outlet_in_lower_case(t, "x", outlet) for t in ("the national news", "The national news", "The National News")]
    [True, True, False]
    """
    if any(c.isupper() for c in text[1:]):  # a capital opening a sentence does not make a name
        return False
    row = actors.loc[actors["actor_id"] == actor_id]
    if row.empty or row["type"].iloc[0] != "media":
        return False
    names = [row["canonical"].iloc[0], *str(row["aliases"].iloc[0]).split(";"), *str(row["titles"].iloc[0]).split(";")]
    same = [n.strip() for n in names if n.strip().casefold() == text.strip().casefold()]
    return bool(same) and all(any(c.isupper() for c in n[1:]) for n in same)  # "local media" is a common noun


def _headline_line(text: str, position: int) -> bool:
    """Whether the line around ``position`` is a title-case headline (most longer words capitalised, no
    final full stop): its capitalised runs are not names."""
    a = text.rfind("\n", 0, position) + 1
    b = text.find("\n", position)
    line = text[a:len(text) if b < 0 else b].strip()
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) >= 4]
    return bool(words) and not line.endswith(".") and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _pieces(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the run ``start:end`` outside the ``taken`` spans, without connecting words at their edges
    ("Human Rights Watch and the Norwegian Helsinki Committee" beside a known "Human Rights Watch"), or a possessive
    ending after a known name ("Radio Liberty's Kazakh Service")."""
    cuts = sorted((max(s, start), min(e, end)) for s, e in taken if s < end and start < e)
    out, pos = [], start
    for s, e in [*cuts, (end, end)]:
        piece = text[pos:s]
        lead = re.match(r"(?:[ \u00a0]|[’']s\b|(?:of|for|on|and|the)\b)*", piece).end()  # "Radio Liberty['s] Kazakh Service"
        trail = re.search(r"(?:[ \u00a0]|\b(?:of|for|on|and|the))*$", piece).start()
        if trail > lead:
            out.append((pos + lead, pos + trail))
        pos = max(pos, e)
    return out


def pattern_names(text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]],
                  patterns: list[tuple[re.Pattern, str]], modifiers: set[str] = frozenset(),
                  places: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of every run of capitalised words in the sentence ``spans`` of ``text`` that a
    pattern types and that overlaps no ``taken`` span (a run that does is cut around it). A run that no pattern
    types may take one or two lower-case words after it that one does ("the Khovar news agency"), unless it is
    only a word of ``modifiers`` ("a Kazakh news agency") or a name follows ("news agency TASS"); a lower-case head
    that is no outlet ("foreign ministry", "police", "authorities") is taken only after a place of ``places``
    (spans of place names), with or without a possessive: "Iran's foreign ministry", "Aktobe police".

    >>> s = "Vlast.kz reported that the Prosecutor General's Office had opened 44 cases, the Khovar agency said."
    >>> [(s[a:b], t) for a, b, t in pattern_names(s, [(0, len(s))], [], name_patterns())]
    [('Vlast.kz', 'media'), ("Prosecutor General's Office", 'government_body'), ('Khovar agency', 'media')]
    """
    out = []
    for a, b in spans:
        for m in RUN.finditer(text, a, b):
            first = m.start() + (4 if m.group(0).startswith("The ") else 0)  # "The Prosecutor General's Office"
            for start, end in _pieces(text, first, m.end(), taken):
                found = _typed(text, start, end, patterns, modifiers, taken, places)
                if found and found[2] != NOT_AN_ACTOR and not _headline_line(text, start):
                    out.append(found)
    return out


def typed_span(text: str, start: int, end: int, patterns, modifiers: set[str] = frozenset()) -> tuple[int, str | None]:
    """The end and type of the organisation name at ``start:end`` of ``text``: its own type, or the type it takes
    with one or two lower-case words after it ("Khovar" + " news agency"); ``(end, None)`` when no pattern types it.

    >>> s = "the Khovar news agency said"
    >>> typed_span(s, 4, 10, name_patterns())
    (22, 'media')
    """
    kind = type_of_name(text[start:end], patterns)
    if kind:
        return end, kind
    found = _typed(text, start, end, patterns, modifiers, [])
    return (found[1], found[2]) if found else (end, None)


def _typed(text: str, start: int, end: int, patterns, modifiers: set[str],
           taken: list[tuple[int, int]], places: list[tuple[int, int]] = ()) -> tuple[int, int, str] | None:
    name = text[start:end]
    words = name.split()
    if len(words) > MAX_WORDS or type_of_name(name, patterns) == NOT_AN_ACTOR:  # "Telegram" + " channel" is no outlet
        return None
    kind = type_of_name(name, patterns) if len(words) >= 2 or _SITE.search(name) else None
    if kind:
        return start, end, kind
    if name in modifiers:
        return None
    tail = re.match(r"((?:[ \u00a0][a-z]+){1,2})(?![\w-])(?![ \u00a0]+[A-Z])", text[end:end + 40])
    if tail is None:
        return None
    for stop in sorted({end + len(tail.group(1)), end + len(tail.group(1).rsplit(" ", 1)[0])}, reverse=True):
        if stop > end and not any(s < stop and end < e for s, e in taken):
            # only a pattern that needs the lower-case words types the longer name ("Police said" is not one)
            kind = next((k for p, k in patterns if p.search(text[start:stop]) and not p.search(name)), None)
            if kind and (kind == "media" or _a_place(text, start, end, places)):
                return start, stop, kind
    return None


def _a_place(text: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    """Whether ``start:end`` is a place name of ``places``, or one with a possessive ("Iran's")."""
    return any(s == start and text[e:end] in ("", "'s", "’s") for s, e in places)


def pattern_mentions(texts: dict[str, str], sentences: pd.DataFrame, rows: list[dict], patterns, resolve,
                     modifiers: set[str] = frozenset(), places: dict[str, list[tuple[int, int]]] | None = None
                     ) -> list[dict]:
    """Actor mention rows for the organisation names :func:`pattern_names` finds in the analysed ``sentences``
    beside the mentions already found (``rows``): resolved when ``resolve(name)`` (a fuzzy match against
    ``actors.csv``: ``(actor_id, name, score)`` or None) knows the name, else ``unresolved`` with the type the
    name gives. ``places`` are the place names of each document (see :func:`pattern_names`)."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        taken.setdefault(r["doc"], []).append((int(r["start"]), int(r["end"])))
    out = []
    for doc, part in sentences.groupby("doc", sort=False):
        text = texts[doc]
        for start, end, kind in pattern_names(text, list(zip(part["start"], part["end"])), taken.get(doc, []),
                                              patterns, modifiers, (places or {}).get(doc, [])):
            name = text[start:end]
            best = resolve(name)
            row = {"doc": doc, "start": start, "end": end, "text": name}
            if best is not None:
                out.append({**row, "actor_id": best[0], "match": "fuzzy", "score": best[2]})
            else:
                out.append({**row, "actor_id": "", "match": "unresolved", "type": kind})
    return out
