"""The date vocabulary: ``date_words.csv`` (month and weekday names, relative words with their offset,
vague periods, statement cues) and ``number_words.csv``, checked and compiled once per call."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge

WORD_KINDS = ("month", "weekday", "relative", "vague", "statement")
STATEMENT_PLACES = ("before", "after_clause", "after_adjacent")


@dataclass(frozen=True)
class DateLexicon:
    """The date words in effect, compiled once per call."""

    months: list[tuple[re.Pattern, int]]
    weekdays: list[tuple[re.Pattern, int]]
    relative: list[tuple[re.Pattern, str]]
    vague: list[re.Pattern]
    numbers: dict[str, int]
    month_re: str
    weekday_re: str


@knowledge_cache("date_words.csv")
def date_words(lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """The date vocabulary (``date_words.csv``, or the user's copy), checked.

    >>> words = date_words()
    >>> words.loc[words["expression"] == "yesterday", "value"].item()   # "Yesterday, President Tokayev ..." (004)
    'publication-1'
    """
    path = knowledge_path("date_words.csv", lexicon_dir)
    table = read_knowledge("date_words.csv", lexicon_dir, {"expression", "kind", "value", "source"})
    bad = table[~table["kind"].isin(WORD_KINDS)]
    if len(bad):
        raise ValueError(f"{path}: kind must be one of {WORD_KINDS}, not {bad['kind'].tolist()}")
    for expression in table["expression"]:
        try:
            re.compile(expression)
        except re.error as err:
            raise ValueError(f"{path}: {expression!r} is not a regular expression ({err})") from err
    for kind in ("month", "weekday"):
        values = table.loc[table["kind"] == kind, "value"]
        if not values.str.fullmatch(r"\d+").all():
            raise ValueError(f"{path}: every {kind} row needs a whole-number value")
    places = table.loc[table["kind"] == "statement", "value"]
    if not places.isin(STATEMENT_PLACES).all():
        raise ValueError(f"{path}: a statement cue's value is one of {STATEMENT_PLACES}")
    relative = table.loc[table["kind"] == "relative", "value"]
    if not relative.str.fullmatch(r"|(?:publication|anchor)[+-](?:\d+|n)").all():
        raise ValueError(f"{path}: a relative value is empty, publication±N, anchor±N or anchor±n")
    return table[["expression", "kind", "value", "source"]].reset_index(drop=True)


@knowledge_cache("date_words.csv", "number_words.csv")
def load_date_lexicon(lexicon_dir: str | Path | None = None) -> DateLexicon:
    """Read ``date_words.csv`` and ``number_words.csv`` and compile the patterns."""
    words = date_words(lexicon_dir)
    numbers_table = pd.read_csv(knowledge_path("number_words.csv", lexicon_dir), dtype=str, keep_default_na=False)
    numbers = {w.strip().lower(): int(v) for w, v in zip(numbers_table["word"], numbers_table["value"])
               if v.strip().isdigit()}

    def rows(kind: str) -> pd.DataFrame:
        return words[words["kind"] == kind]

    def whole(expression: str) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{expression})(?![\w])", re.IGNORECASE)

    months = rows("month")
    weekdays = rows("weekday")
    return DateLexicon(
        months=[(re.compile(rf"(?:{e})", re.IGNORECASE), int(v)) for e, v in zip(months["expression"], months["value"])],
        weekdays=[(re.compile(rf"(?:{e})", re.IGNORECASE), int(v))
                  for e, v in zip(weekdays["expression"], weekdays["value"])],
        relative=[(whole(e), v) for e, v in zip(rows("relative")["expression"], rows("relative")["value"])],
        vague=[whole(e) for e in rows("vague")["expression"]],
        numbers=numbers,
        month_re=alternation(months["expression"].tolist()),
        weekday_re=alternation(weekdays["expression"].tolist()),
    )


def alternation(expressions: list[str]) -> str:
    """One regular expression for any of ``expressions``, longest first."""
    return "|".join(f"(?:{e})" for e in sorted(expressions, key=len, reverse=True))
