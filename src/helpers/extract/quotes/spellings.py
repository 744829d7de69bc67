"""Names in another transliteration: Kazakh and Russian names reach English in several spellings ("Qasym-Zhomart
Toqaev", "Kassym-Jomart Tokayev", "Tokaev"; "Nazarbaev", "Nazarbayev"; "Masimov", "Massimov"). A speaker's name
that no actor name matches as written is compared by a spelling key that folds the usual variants (q/k, zh/j,
kh/h, y before e, double consonants), against every name and alias of ``actors.csv``: the full name, else a
person's family name when one person alone has it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from helpers.extract.quotes.speakers import Lexicon

FOLDS = [("dzh", "j"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("yev", "ev"), ("ye", "e"), ("iy", "i"), ("yi", "i"),
         ("ay", "ai"), ("w", "v")]


def spelling_key(name: str) -> str:
    """The spelling key of a name.

    >>> spelling_key("Qasym-Zhomart Toqaev") == spelling_key("Kassym-Jomart Tokayev")
    True
    >>> spelling_key("Nazarbaev") == spelling_key("Nazarbayev"), spelling_key("Masimov") == spelling_key("Massimov")
    (True, True)
    """
    key = re.sub(r"[^a-z ]", " ", name.casefold().replace("’", "'").replace("'s", ""))
    for a, b in FOLDS:
        key = key.replace(a, b)
    key = re.sub(r"([a-z])\1+", r"\1", key)
    return " ".join(key.split())


_KEYS: dict[int, tuple[dict[str, str], dict[str, str]]] = {}  # by id of the lexicon's names (one per knowledge)


def _keys(lex: Lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """(full-name key -> actor, family-name key -> person) over ``lex``'s names; a key two actors share is left
    out (ambiguous)."""
    if id(lex.names) in _KEYS:
        return _KEYS[id(lex.names)]
    full: dict[str, set[str]] = {}
    family: dict[str, set[str]] = {}
    for row in lex.names.itertuples(index=False):
        if row.kind == "title":  # "US Secretary of State" is no spelling of a name
            continue
        full.setdefault(spelling_key(row.name), set()).add(row.actor_id)
        words = row.name.split()
        if len(words) > 1 and lex.actors.at[row.actor_id, "type"] == "person":
            family.setdefault(spelling_key(words[-1]), set()).add(row.actor_id)
    unique = lambda keys: {k: next(iter(v)) for k, v in keys.items() if len(v) == 1 and len(k) > 3}
    _KEYS[id(lex.names)] = unique(full), unique(family)
    return _KEYS[id(lex.names)]


def by_spelling(name: str, lex: Lexicon) -> str | None:
    """The actor ``name`` names in another transliteration, or None."""
    full, family = _keys(lex)
    key = spelling_key(name)
    if key in full:
        return full[key]
    words = key.split()
    if 1 <= len(words) <= 4 and all(w[:1].isupper() for w in name.split()[:1]):
        return family.get(words[-1])
    return None


def spelled_run(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    """The person the capitalised words from ``start`` (before ``end``) name in another transliteration, or None:
    a mention the model cut short ("President Qasym-Zhomart" of "President Qasym-Zhomart Toqaev's claim")."""
    m = re.match(r"[A-Z][\w’'-]*(?:[ \u00a0]+[A-Z][\w’'-]*){0,4}", text[start:end])
    if m is None:
        return None
    found = by_spelling(re.sub(r"[’']s$", "", m.group(0)), lex)
    return found if found and lex.actors.at[found, "type"] == "person" else None  # a person's name, not a body's
