"""Dating one date expression: the calendar rules of :mod:`helpers.extract.dates` (the year of a day and
month, weekdays before publication, offsets from publication or from the explicit date before), each
returning the date or None and the ``basis`` that says which rule applied."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from helpers.extract.date_lexicon import DateLexicon

MAX_AHEAD_DAYS = 183  # a day-month more than this far after publication is taken to be of the year before


@dataclass
class Candidate:
    """A date expression found in the text: its span, shape and the groups of its match."""

    start: int
    end: int
    kind: str
    groups: dict
    value: str = ""  # relative rows: the offset rule


def month_of(token: str, lex: DateLexicon) -> int:
    """The month number of a month name as written ("January", "Jan.")."""
    for pattern, value in lex.months:
        if pattern.fullmatch(token):
            return value
    raise ValueError(f"no month of date_words.csv matches {token!r}")


def weekday_of(token: str, lex: DateLexicon) -> int:
    """The weekday number (Monday = 0) of a weekday name as written."""
    for pattern, value in lex.weekdays:
        if pattern.fullmatch(token):
            return value
    raise ValueError(f"no weekday of date_words.csv matches {token!r}")


def calendar_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers name no calendar day (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def with_year(month: int, day: int, published: dt.date | None) -> tuple[dt.date | None, str]:
    """A day and month without a year, dated by the publication year (or the year before)."""
    if published is None:
        return None, "day and month without a year; publication date unknown, so the year is not guessed"
    date = calendar_date(published.year, month, day)
    if date is None:
        return None, f"not a calendar date in {published.year}"
    if (date - published).days > MAX_AHEAD_DAYS:
        earlier = calendar_date(published.year - 1, month, day)
        if earlier is not None:
            return earlier, f"explicit; no year given, the year before publication ({published.year - 1})"
    return date, f"explicit; no year given, year of publication ({published.year})"


def _weekday_date(weekday: int, modifier: str | None, published: dt.date | None) -> tuple[dt.date | None, str]:
    if published is None:
        return None, "weekday; publication date unknown"
    modifier = re.sub(r"\s+", " ", (modifier or "").lower())
    if modifier in ("next", "this coming"):
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), f"weekday after publication {published:%Y-%m-%d}"
    back = (published.weekday() - weekday) % 7
    if back == 0 and modifier in ("last", "this past"):
        back = 7
    date = published - dt.timedelta(days=back)
    if back == 0:
        return date, f"weekday of publication {published:%Y-%m-%d} (same day)"
    return date, f"weekday before publication {published:%Y-%m-%d}"


def _inside_quotation(text: str, paragraph_start: int, position: int) -> bool:
    """Whether ``position`` is inside a quotation opened earlier in its paragraph."""
    before = text[paragraph_start:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _offset(value: str, groups: dict, lex: DateLexicon) -> tuple[str, int | None]:
    """('publication' | 'anchor', days) from a relative value such as ``publication-1`` or ``anchor+n``."""
    base, sign, amount = re.fullmatch(r"(publication|anchor)([+-])(\d+|n)", value).groups()
    if amount == "n":
        word = (groups.get("n") or "").lower()
        number = int(word) if word.isdigit() else lex.numbers.get(word)
        if number is None:
            return base, None
    else:
        number = int(amount)
    return base, number if sign == "+" else -number


def resolve(cand: Candidate, text: str, paragraph_start: int, earlier: list[tuple[Candidate, dt.date | None]],
             published: dt.date | None, lex: DateLexicon) -> tuple[str, dt.date | None, str]:
    """(kind, date or None, basis) of one candidate."""
    g = cand.groups
    if cand.kind == "explicit":
        month, day = month_of(g["month"], lex), int(g["day"])
        if g.get("year"):
            date = calendar_date(int(g["year"]), month, day)
            return "explicit", date, "explicit" if date else "not a calendar date"
        date, basis = with_year(month, day, published)
        return "explicit", date, basis
    if cand.kind == "numeric":
        date = calendar_date(int(g["year"]), int(g["mon"]), int(g["day"]))
        return "explicit", date, "explicit (day.month.year)" if date else "not a calendar date (read as day.month.year)"
    if cand.kind == "range":
        month = month_of(g["month"], lex)
        year = int(g["year"]) if g.get("year") else (published.year if published else None)
        ends = "days " + " to ".join(f"{int(d)}" for d in (g["d1"], g["d2"])) + f" of month {month}"
        if year is not None:
            first, last = calendar_date(year, month, int(g["d1"])), calendar_date(year, month, int(g["d2"]))
            if first and last:
                ends = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
        return "range", None, f"range {ends}: not one day"
    if cand.kind == "month":
        return "month", None, "a month, not a day"
    if cand.kind == "year":
        return "year", None, "a year alone, not a day"
    if cand.kind == "vague":
        return "vague", None, "vague period, no day"
    if cand.kind == "weekday":
        date, basis = _weekday_date(weekday_of(g["weekday"], lex), g.get("mod"), published)
        return "weekday", date, basis
    # relative
    if not cand.value:
        return "relative", None, "relative to an earlier moment without a whole-day offset"
    base, days = _offset(cand.value, g, lex)
    if days is None:
        return "relative", None, f"relative; {g.get('n')!r} is not a number of days"
    if base == "publication":
        if _inside_quotation(text, paragraph_start, cand.start):
            return "relative", None, "inside a quotation: the speaker's day, which the text does not give"
        if published is None:
            return "relative", None, "relative to publication; publication date unknown"
        date = published + dt.timedelta(days=days)
        word = "publication day" if days == 0 else f"{abs(days)} day{'s' if abs(days) > 1 else ''} " + (
            "before" if days < 0 else "after") + " publication"
        return "relative", date, f"{word} {published:%Y-%m-%d}" if days else f"{word} {date:%Y-%m-%d}"
    anchors = [(c, d) for c, d in earlier if c.kind in ("explicit", "numeric")
               and c.start >= paragraph_start and c.end <= cand.start]
    if not anchors:
        return "relative", None, "relative; no explicit date before it in the same paragraph"
    if anchors[-1][1] is None:
        return "relative", None, "relative; the explicit date before it in the paragraph is not resolved"
    anchor, anchor_date = anchors[-1]
    date = anchor_date + dt.timedelta(days=days)
    direction = "after" if days >= 0 else "before"
    anchor_text = re.sub(r"\s+", " ", text[anchor.start:anchor.end])
    return "relative", date, (f"{abs(days)} day{'s' if abs(days) != 1 else ''} {direction} {anchor_date:%Y-%m-%d} "
                             f"({anchor_text}, same paragraph)")
