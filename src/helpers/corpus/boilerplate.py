"""Boilerplate detection: spans of a document that are not the article.

Boilerplate (comment prompts, "Powered by WordPress", newsfeed and chat widgets, interface strings
in another script, photo captions and credits, embedded tweets) is *marked*, never cut: the result
is a list of character spans into the original text, so every offset elsewhere stays valid.

The rules are data, in ``data/boilerplate.csv``; a user can pass a copy of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_path

COLUMNS = ["doc", "start", "end", "kind", "rule_id"]


@dataclass(frozen=True)
class Rule:
    rule_id: str
    kind: str
    match: str  # "line" (whole stripped line), "search" (anywhere in the line), "script"
    pattern: str
    regex: re.Pattern | None


def load_rules(path: str | Path | None = None) -> list[Rule]:
    """Read the boilerplate rules (``data/boilerplate.csv`` unless ``path`` names another file).

    >>> any(r.rule_id == "wp_powered_by" for r in load_rules())
    True
    """
    path = Path(path) if path else knowledge_path("boilerplate.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"rule_id", "kind", "match", "pattern"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: boilerplate rules lack the column(s) {sorted(missing)}")
    rules = []
    for row in table.itertuples(index=False):
        if row.match not in {"line", "search", "script"}:
            raise ValueError(f"{path}: rule {row.rule_id!r} has match={row.match!r}; use line, search or script")
        try:
            regex = None if row.match == "script" else re.compile(row.pattern)
        except re.error as exc:
            raise ValueError(f"{path}: rule {row.rule_id!r} has an invalid pattern: {exc}") from exc
        rules.append(Rule(row.rule_id, row.kind, row.match, row.pattern, regex))
    return rules


LETTER = re.compile(r"[^\W\d_]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


def _non_latin_share(line: str) -> float:
    """Share of the letters of ``line`` that are not Latin ("Заголовок" -> 1.0)."""
    if line.isascii():
        return 0.0
    letters = len(LETTER.findall(line))
    return 1 - len(LATIN.findall(line)) / letters if letters else 0.0


def _line_rule(line: str, rules: list[Rule]) -> Rule | None:
    stripped = line.strip()
    if not stripped:
        return None
    for rule in rules:
        if rule.match == "line" and rule.regex.fullmatch(stripped):
            return rule
        if rule.match == "search" and rule.regex.search(stripped):
            return rule
        if rule.match == "script" and _non_latin_share(stripped) >= float(rule.pattern):
            return rule
    return None


def iter_lines(text: str):
    """Yield ``(start, end)`` of each line of ``text`` without its line break; offsets into ``text``."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body)
        pos += len(line)


def boilerplate_spans(doc: str, text: str, rules: list[Rule] | None = None) -> pd.DataFrame:
    """Return the boilerplate spans of one document: columns doc, start, end, kind, rule_id.

    Each span is one whole line (leading and trailing blanks excluded), and ``text[start:end]`` is
    that line exactly.

    >>> t = "Leave a Reply\\n\\nPowered by WordPress | Designed by: Premium WordPress Themes"
    >>> boilerplate_spans("001.txt", t)[["start", "end", "rule_id"]].values.tolist()
    [[0, 13, 'wp_leave_reply'], [15, 75, 'wp_powered_by']]
    """
    rows = boilerplate_rows(doc, text, load_rules() if rules is None else rules)
    return pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})


def boilerplate_rows(doc: str, text: str, rules: list[Rule]) -> list[tuple[str, int, int, str, str]]:
    """The rows of :func:`boilerplate_spans` as tuples (no DataFrame per document)."""
    rows = []
    for start, end in iter_lines(text):
        line = text[start:end]
        rule = _line_rule(line, rules)
        if rule is None:
            continue
        lead = len(line) - len(line.lstrip())
        rows.append((doc, start + lead, start + len(line.rstrip()), rule.kind, rule.rule_id))
    return rows
