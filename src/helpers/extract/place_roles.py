"""Whether a place mention is where something happened (``event_location``) or only ``mention``ed: the cue
table ``place_roles.csv`` compiled (:class:`RoleRules`) and the order in which the rules apply to one
document's mentions (:func:`assign_roles`; the order is set out in :mod:`helpers.extract.places`)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge

ROLES = ("event_location", "mention")
SCOPES = ("sentence", "before", "after", "dateline")
CLAUSE_BREAK = re.compile(r";")
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


@knowledge_cache("place_roles.csv")
def read_role_cues(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The cue table (``place_roles.csv``): ``cue`` (a regular expression), ``role``, ``scope``, ``source``.

    >>> cues = read_role_cues()
    >>> cues.loc[cues.cue == "state of emergency", ["role", "scope"]].values.tolist()  # seed 001
    [['event_location', 'sentence']]
    """
    path = knowledge_path("place_roles.csv", knowledge_dir)
    table = read_knowledge("place_roles.csv", knowledge_dir, {"cue", "role", "source"})
    if "scope" not in table.columns:
        table["scope"] = "sentence"
    table["scope"] = table["scope"].replace("", "sentence")
    for column, allowed in (("role", ROLES), ("scope", SCOPES)):
        wrong = sorted(set(table[column]) - set(allowed))
        if wrong:
            raise ValueError(f"{path}: unknown {column}(s) {wrong}; allowed {list(allowed)}")
    for cue in table["cue"]:
        try:
            re.compile(cue)
        except re.error as exc:
            raise ValueError(f"{path}: cue {cue!r} is not a valid regular expression: {exc}") from exc
    return table[["cue", "role", "scope", "source"]].reset_index(drop=True)


def clause_of(text: str, s_start: int, s_end: int, start: int) -> tuple[int, int]:
    """The part of the sentence, cut at semicolons, that holds ``start``."""
    a = s_start
    for m in CLAUSE_BREAK.finditer(text, s_start, s_end):
        if m.end() <= start:
            a = m.end()
        else:
            return a, m.start()
    return a, s_end


class RoleRules:
    """The compiled cue table: sentence-wide event cues and local cues before and after a name."""

    def __init__(self, cues: pd.DataFrame):
        self.sentence = [(re.compile(rf"\b(?:{c})\b", re.IGNORECASE), c, r) for c, r in
                         zip(cues.loc[cues.scope == "sentence", "cue"], cues.loc[cues.scope == "sentence", "role"])]
        self.local = {scope: [(re.compile(c, re.IGNORECASE), c, r) for c, r in
                              zip(cues.loc[cues.scope == scope, "cue"], cues.loc[cues.scope == scope, "role"])]
                      for scope in ("before", "after", "dateline")}

    def local_role(self, text: str, clause: tuple[int, int], start: int, end: int) -> tuple[str, str] | None:
        """The role a cue right around the name gives, and the words that gave it; None if no cue fits."""
        before, after = text[clause[0]:start], text[end:clause[1]]
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() and text[start:end].isupper():
            line_end = text.find("\n", end)
            rest_of_line = text[end:line_end if line_end >= 0 else len(text)]
            for pattern, _, role in self.local["dateline"]:
                if pattern.match(rest_of_line):
                    return role, "a dateline (the seat of the outlet)"
        for pattern, _, role in self.local["before"]:
            m = pattern.search(before)
            if m:
                return role, f"words before the name: “{' '.join(m.group(0).split())}”"
        for pattern, _, role in self.local["after"]:
            m = pattern.match(after)
            if m:
                return role, f"words after the name: “{m.group(0).strip()}”"
        return None

    def sentence_role(self, text: str, clause: tuple[int, int]) -> tuple[str, str]:
        for pattern, cue, role in self.sentence:
            m = pattern.search(text, clause[0], clause[1])
            if m:
                return role, f"in the sentence: {m.group(0).lower()}"
        return "mention", "no event word in the sentence"

    def event_words(self, text: str, start: int, end: int) -> list[str]:
        """Every event cue in ``text[start:end]``, as written (lowercased), once each, in text order.

        >>> rules = RoleRules(read_role_cues())
        >>> line = "In Almaty, hundreds of people stormed the mayor’s office and the old presidential residence."
        >>> rules.event_words(line, 0, len(line))                                     # seed 001
        ['stormed']
        """
        hits = sorted((m.start(), m.group(0).lower()) for pattern, _, role in self.sentence
                      if role == "event_location" for m in pattern.finditer(text, start, end))
        return list(dict.fromkeys(word for _, word in hits))


def _in_country_lists(frame: pd.DataFrame, text: str) -> set:
    """Index of country mentions that stand in a run of three or more countries joined by commas or "and"."""
    flagged = set()
    countries = frame[frame["kind"] == "country"].sort_values("start")
    for _, part in countries.groupby("sentence_start"):
        run = [part.index[0]]
        for prev, cur in zip(part.index, part.index[1:]):
            if LIST_GAP.match(text[frame.at[prev, "end"]:frame.at[cur, "start"]]):
                run.append(cur)
            else:
                if len(run) >= 3:
                    flagged.update(run)
                run = [cur]
        if len(run) >= 3:
            flagged.update(run)
    return flagged


def assign_roles(frame: pd.DataFrame, text: str, rules: RoleRules, unrest_country: str = "KZ") -> pd.DataFrame:
    """Set ``role`` and ``role_cue`` of one document's mentions (see the module docstring for the order)."""
    lists = _in_country_lists(frame, text)
    roles, cues = [], []
    for idx, row in zip(frame.index, frame.itertuples()):
        clause = clause_of(text, row.sentence_start, row.sentence_end, row.start)
        context = None
        if row.kind == "demonym":
            context = ("mention", "a nationality adjective, not a place")
        elif row.detected_by == "actor_name":
            context = ("mention", "inside an actor's name or title")
        else:
            context = rules.local_role(text, clause, row.start, row.end)
            if context is None and idx in lists:
                context = ("mention", "in a list of three or more countries")
        outside = None
        if row.kind != "demonym" and row.resolved and row.country_code and row.country_code != unrest_country:
            outside = f"outside the country of the unrest ({unrest_country})"
        elif row.kind != "demonym" and row.resolved and not row.country_code and not row.in_kazakhstan:
            outside = f"an area beyond the country of the unrest ({unrest_country})"
        if outside:
            decided = ("mention", outside + (f"; {context[1]}" if context else ""))
        else:
            decided = context or rules.sentence_role(text, clause)
        roles.append(decided[0])
        cues.append(decided[1])
    frame = frame.copy()
    frame["role"] = roles
    frame["role_cue"] = cues
    return frame
