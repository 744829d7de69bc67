"""The interference extractor's vocabulary: ``interference_lexicon.csv`` (claim, rebuttal, qualification,
target, evidence, hedge and report cues, and ``not_claim`` spans that cancel a claim cue inside them, each a
regular expression with what it signals) and
``narratives.csv`` (named narratives), checked and compiled once per call (overridable with ``lexicon_dir``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_cache, knowledge_path

STANCES = ("asserts", "reports", "rebuts", "qualifies")
EVIDENCE = ("none", "assertion_of_training", "language_spoken", "coordination_timing", "other")
SIGNALS = ("claim", "rebuttal", "qualification", "target", "evidence", "hedge", "report", "not_claim")
LEXICON_FILES = ("interference_lexicon.csv", "narratives.csv")


@dataclass(frozen=True)
class Lexicon:
    """The knowledge files in effect, compiled once per call."""

    table: pd.DataFrame
    narratives: pd.DataFrame
    cues: list[tuple[re.Pattern, str, str]]  # (pattern, signal, value) for claim, rebuttal, qualification
    targets: list[tuple[re.Pattern, str]]
    evidence: list[tuple[re.Pattern, str]]
    hedges: list[re.Pattern]
    reports: list[re.Pattern]
    narrative_patterns: list[tuple[str, list[re.Pattern]]]
    vetoes: tuple[re.Pattern, ...] = ()  # not_claim: a claim cue inside one of these is no claim (a call, an evacuee)


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{where}: pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def _read(name: str, columns: list[str], lexicon_dir: str | Path | None) -> pd.DataFrame:
    path = knowledge_path(name, lexicon_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = set(columns) - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    return table


def lexicon_table(lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """The interference lexicon in effect (``interference_lexicon.csv`` or the user's copy), checked.

    >>> table = lexicon_table()
    >>> table.loc[table["value"] == "language_spoken", "signal"].item()  # "did not speak the Kazakh language" (002)
    'evidence'
    """
    table = _read("interference_lexicon.csv", ["pattern", "signal", "value", "source"], lexicon_dir)
    wrong = sorted(set(table["signal"]) - set(SIGNALS))
    if wrong:
        raise ValueError(f"interference_lexicon.csv: unknown signal(s) {wrong}; allowed {list(SIGNALS)}")
    wrong = sorted(set(table.loc[table["signal"] == "evidence", "value"]) - set(EVIDENCE))
    if wrong:
        raise ValueError(f"interference_lexicon.csv: unknown evidence type(s) {wrong}; allowed {list(EVIDENCE)}")
    return table[["pattern", "signal", "value", "source"]].reset_index(drop=True)


def narrative_table(lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """The named narratives in effect (``narratives.csv``): narrative, patterns, description, source.

    >>> narrative_table().set_index("narrative").loc["colour revolution", "source"][:8]
    'seed 002'
    """
    table = _read("narratives.csv", ["narrative", "patterns", "description", "source"], lexicon_dir)
    return table[["narrative", "patterns", "description", "source"]].reset_index(drop=True)


@knowledge_cache("interference_lexicon.csv", "narratives.csv")
def load_lexicon(lexicon_dir: str | Path | None = None) -> Lexicon:
    """Read, check and compile both knowledge files.

    >>> lex = load_lexicon()
    >>> bool(lex.cues[0][0].search("gangs backed by foreign nations are behind the violence"))  # (000)
    True
    """
    table = lexicon_table(lexicon_dir)
    narratives = narrative_table(lexicon_dir)
    compiled = [(_compile(p, "interference_lexicon.csv"), s, v)
                for p, s, v in zip(table["pattern"], table["signal"], table["value"])]
    patterns = []
    for name, cell in zip(narratives["narrative"], narratives["patterns"]):
        parts = [p.strip() for p in cell.split(";") if p.strip()]
        if not parts:
            raise ValueError(f"narratives.csv: narrative {name!r} has no pattern")
        patterns.append((name, [_compile(p, "narratives.csv") for p in parts]))
    return Lexicon(
        table=table,
        narratives=narratives,
        cues=[(p, s, v) for p, s, v in compiled if s in ("claim", "rebuttal", "qualification")],
        targets=[(p, v) for p, s, v in compiled if s == "target"],
        evidence=[(p, v) for p, s, v in compiled if s == "evidence"],
        hedges=[p for p, s, _ in compiled if s == "hedge"],
        reports=[p for p, s, _ in compiled if s == "report"],
        narrative_patterns=patterns,
        vetoes=tuple(p for p, s, _ in compiled if s == "not_claim"),
    )
