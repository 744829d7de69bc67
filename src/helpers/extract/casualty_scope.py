"""The scope of a casualty figure: one incident or site, one city, one region, or the whole country.

A reconciliation compares figures only within a scope (ACLED and UCDP GED code an event at one place;
a national total is not a rival estimate of the dead at one police headquarters). The scope is read
from the claim's own clause, in this order:

1. an **incident** cue of ``casualty_scopes.csv`` in the figure or the words after it ("died when they
   tried to take over the police headquarters"), or a facility of ``places.csv`` as the place;
2. the place the clause states (``location``), by its kind in ``places.csv``: a city, a region, a
   country (national); a place the gazetteer lacks counts as a city; or a city or region of the
   gazetteer inside the figure ("law enforcers in Alma-Ata grew to 13");
3. a **national** cue of the clause ("nationwide", "across the country");
4. the claimant: a city or region named in it ("the Almaty police commander's office"), a country,
   or a national cue ("the interior ministry"); when no claimant was found, a city or region named
   before the speech verb of the sentence ("The commandant of Almaty ... informed that ...");
5. otherwise national: a figure that names no narrower place is read as a total.

:func:`carry_scopes` then gives a figure of step 5 the city or region of the figure just before it in
the same sentence or the sentence before, when its claimant is that figure's or points back to it
("Sources from the office told ..." after "the Almaty police commander's office has put ...").
``scope_basis`` says which step decided.

The module also reads the place a claim's clause names (:func:`clause_place`, the ``location`` column).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.knowledge import cached_knowledge, knowledge_path, read_knowledge

SCOPES = ("incident", "city", "region", "national")
SCOPE_FILES = ("casualty_scopes.csv", "places.csv")
KIND_SCOPE = {"facility": "incident", "city": "city", "region": "region", "country": "national"}
DEFAULT_BASIS = "no narrower place stated: read as a total"


@dataclass(frozen=True)
class ScopeCues:
    """The compiled scope cues and the gazetteer's names (name in lower case -> (canonical, kind))."""

    incident: list[re.Pattern]
    national_figure: list[re.Pattern]
    national_claimant: list[re.Pattern]
    carry_claimant: list[re.Pattern]
    names: dict[str, tuple[str, str]]
    name_re: re.Pattern | None


def _load(knowledge_dir: str | Path | None) -> ScopeCues:
    path = knowledge_path("casualty_scopes.csv", knowledge_dir)
    cues = read_knowledge("casualty_scopes.csv", knowledge_dir, {"cue", "scope", "applies_to", "source"})
    wrong = cues[~cues["scope"].isin(["incident", "national", "carry"])
                 | ~cues["applies_to"].isin(["figure", "claimant"])]
    if len(wrong):
        raise ValueError(f"{path}: row(s) {list(wrong.index + 2)}: scope must be incident, national or carry "
                         "and applies_to figure or claimant")
    compiled = {}
    for i, cue in cues["cue"].items():
        try:
            compiled[i] = re.compile(cue, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{path}: row {i + 2}: cue {cue!r} is not a valid regular expression: {exc}") from exc

    def pick(scope: str, applies_to: str) -> list[re.Pattern]:
        rows = cues[(cues["scope"] == scope) & (cues["applies_to"] == applies_to)]
        return [compiled[i] for i in rows.index]

    places = pd.read_csv(knowledge_path("places.csv", knowledge_dir), dtype=str, keep_default_na=False)
    missing = {"canonical", "kind", "variants"} - set(places.columns)
    if missing:
        raise ValueError(f"{knowledge_path('places.csv', knowledge_dir)}: lacks column(s) {sorted(missing)}")
    names: dict[str, tuple[str, str]] = {}
    for row in places.itertuples():
        if row.kind not in KIND_SCOPE:
            continue
        for name in [row.canonical, *[v for v in str(row.variants).split(";") if v.strip()]]:
            names.setdefault(name.strip().lower(), (row.canonical, row.kind))
    name_re = None
    if names:
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        name_re = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return ScopeCues(pick("incident", "figure"), pick("national", "figure"), pick("national", "claimant"),
                     pick("carry", "claimant"), names, name_re)


def scope_cues(knowledge_dir: str | Path | None = None) -> ScopeCues:
    """The scope cues and gazetteer names in effect, loaded once per process for the same files."""
    return cached_knowledge(_load, knowledge_dir, SCOPE_FILES)


def _named_place(text: str, cues: ScopeCues) -> tuple[str, str] | None:
    """(canonical, kind) of the first gazetteer place named in ``text``, cities and regions before countries."""
    if not text or cues.name_re is None:
        return None
    found = [cues.names[m.group(0).lower()] for m in cues.name_re.finditer(text)]
    local = [f for f in found if f[1] in ("city", "region", "facility")]
    return (local or found or [None])[0]


def _place_in(text: str, cues: ScopeCues) -> tuple[str, str] | None:
    """(canonical, kind) of a city or region of the gazetteer that ``text`` puts a figure in ("law enforcers in
    Alma-Ata grew to 13"): the name right after in, at, near or of."""
    if cues.name_re is None:
        return None
    for m in cues.name_re.finditer(text):
        found = cues.names[m.group(0).lower()]
        if found[1] in ("city", "region") and re.search(r"\b(?:in|at|near|of)\s+(?:the\s+)?$", text[:m.start()],
                                                        re.IGNORECASE):
            return found
    return None


SPEECH = re.compile(r"\b(?:said|says|say|informed|informs|reported|reports|announced|told|stated|confirmed)\b",
                    re.IGNORECASE)


def scope_of(figure_and_after: str, before: str, location: str, claimant: str,
             cues: ScopeCues, lead: str = "") -> tuple[str, str, str]:
    """(scope, place, basis) of one figure from its clause: see the module's steps 1 to 5.

    ``figure_and_after`` is the claim's quote and the rest of its clause, ``before`` the clause before it,
    ``lead`` the sentence up to the claim (its speaker's place counts when the claimant was not found:
    "The commandant of Almaty, Kanat Taymerdenov, informed that about 500 civilians ... were beaten").

    >>> cues = scope_cues()
    >>> scope_of("several people died when they tried to take over the police headquarters in Almaty on the "
    ...          "evening of 5 January", "Sputnik reported that ", "Almaty", "Sputnik", cues)  # seed 000
    ('incident', 'police headquarters, Almaty', 'the figure is for one site: "the police headquarters"')
    >>> scope_of("number of officers killed in the clashes at thirteen", " the Almaty police commander’s office has "
    ...          "put the total ", "", "the Almaty police commander’s office", cues)[:2]  # seed 003
    ('city', 'Almaty')
    """
    for pattern in cues.incident:
        m = pattern.search(figure_and_after)
        if m:
            site = re.sub(r"^(?:the|a|an|one|this|that|a\s+single)\s+", "", m.group(0), flags=re.IGNORECASE)
            place = f"{site}, {location}" if location else site
            return "incident", place, f'the figure is for one site: "{m.group(0)}"'
    if location:
        known = cues.names.get(location.lower())
        if known:
            canonical, kind = known
            return KIND_SCOPE[kind], "" if kind == "country" else canonical, f'the clause names {location} ({kind})'
        return "city", location, f"the clause names {location} (not in the gazetteer: read as a city)"
    inside = _place_in(figure_and_after, cues)
    if inside:
        return inside[1], inside[0], f"the figure is for {inside[0]} ({inside[1]})"
    window = before + figure_and_after
    for pattern in cues.national_figure:
        m = pattern.search(window)
        if m:
            return "national", "", f'the clause says "{m.group(0)}"'
    named = _named_place(claimant, cues)
    if named and named[1] in ("city", "region"):
        return named[1], named[0], f"the claimant is of {named[0]} ({named[1]})"
    if named and named[1] == "country":
        return "national", "", f"the claimant is of {named[0]}"
    for pattern in cues.national_claimant:
        m = pattern.search(claimant)
        if m:
            return "national", "", f'the claimant is a national body: "{m.group(0)}"'
    speech = list(SPEECH.finditer(lead))
    named = _named_place(lead[:speech[-1].start()], cues) if speech and not claimant else None
    if named and named[1] in ("city", "region"):
        return named[1], named[0], f"the speaker named before it is of {named[0]} ({named[1]})"
    return "national", "", DEFAULT_BASIS


def carry_scopes(claims: pd.DataFrame, texts: Mapping[str, str], cues: ScopeCues | None = None) -> pd.DataFrame:
    """Figures read as totals only by default take the city or region of the figure just before them
    when it is in the same sentence or the sentence right before (only white space between), and their
    claimant is that figure's or points back to it (a ``carry`` cue of ``casualty_scopes.csv``: "Sources
    from the office", "they").

    Seed 003: "... the Almaty police commander's office has put the total number of officers killed in the
    clashes at thirteen ..." is Almaty's; the next sentence, "Sources from the office told ... 'thirteen
    security officers were killed'", names no place and carries Almaty. Returns a copy of ``claims``.
    """
    cues = cues or scope_cues()
    out = claims.copy()
    rows = list(out.itertuples())
    for i, row in enumerate(rows):
        if i == 0 or row.scope_basis != DEFAULT_BASIS:
            continue
        prev = rows[i - 1]
        current = out.loc[prev.Index]
        if prev.doc != row.doc or current["scope"] not in ("city", "region"):
            continue
        who = str(row.claimant or "")
        if not (who and who == str(current["claimant"] or "")) and not any(p.search(who) for p in cues.carry_claimant):
            continue
        between = texts[row.doc][prev.sentence_end:row.sentence_start]
        if prev.sentence_start == row.sentence_start or (row.sentence_start >= prev.sentence_end
                                                          and not between.strip()):
            out.loc[row.Index, ["scope", "scope_place"]] = [current["scope"], current["scope_place"]]
            out.loc[row.Index, "scope_basis"] = (f"no place of its own: carried from the figure at "
                                                 f"[{prev.start}:{prev.end}] just before")
    return out


# ---- where a claim's clause says it happened (the ``location`` column) ----

CLAUSE_AFTER_END = re.compile(r"[,;:.!?“”\"()]")
CLAUSE_BEFORE_END = re.compile(r"[;:.!?“”\"()]|,(?!\s*(?:which|where|who|when)\b)|\bthat\b")
_NOT_PLACES = {m.lower() for m in list(calendar.month_name) + list(calendar.day_name) if m}
PLACE_RE = re.compile(
    r"\b(?i:in|at|near|outside|around|across)\s+(?:the\s+)?"
    r"(?:(?i:city|town|village|region|province|capital|district)\s+of\s+)?"
    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)


def clause_window(text: str, a: int, b: int, start: int, end: int) -> tuple[str, str]:
    """The text of the claim's clause before and after the claim (for place and tense)."""
    after = text[end:b]
    stop = CLAUSE_AFTER_END.search(after)
    after = after[: stop.start()] if stop else after
    before = text[a:start]
    bounds = list(CLAUSE_BEFORE_END.finditer(before))
    before = before[bounds[-1].end():] if bounds else before
    return before, after


def clause_place(before: str, after: str) -> str:
    """The place a claim's clause names (after the claim first, else the last one before it), or ""."""
    for window in (after, before):
        places = [m.group("place") for m in PLACE_RE.finditer(window)
                  if m.group("place").split()[0].lower() not in _NOT_PLACES]
        if places:
            chosen = places[0] if window is after else places[-1]
            return re.sub(r"[’']s$", "", chosen)
    return ""
