"""Speech cues: the cue table (``speech_cues.csv``: ``cue, kind, source``), its compiled lexicon, the cues of a
stretch of text, and the owner of a cue used as a noun ("Tokayev's claim that ..."). The same cue table serves
the statements (:mod:`helpers.extract.quotes.find`) and the casualty claimant
(:mod:`helpers.extract.casualty_claimant`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.quotes.marks import inside_quotation
from helpers.extract.regex_gate import fast_compile
from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge

# words that make a cue word a noun ("the oligarchs’ claims", "a report") or a passive ("were reported")
NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those"}
PASSIVE_BEFORE = {"was", "were", "is", "are", "been", "be", "being"}
NAMING_BEFORE = {"what", "whom", "which"}  # "whom he called terrorists" (with a pronoun between)
CUE_KINDS = ("verb", "prepositional", "noun")  # a noun cue speaks only for its owner ("Tokayev's claim that")


@knowledge_cache("speech_cues.csv")
def speech_cues(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The cues in effect (``speech_cues.csv``, or the user's copy): ``cue, kind, source``.

    >>> cues = speech_cues()
    >>> cues.set_index("cue").loc[["according to", "told reporters"], "kind"].tolist()
    ['prepositional', 'verb']
    """
    path = knowledge_path("speech_cues.csv", knowledge_dir)
    table = read_knowledge("speech_cues.csv", knowledge_dir, {"cue", "kind", "source"})
    wrong = sorted(set(table["kind"]) - set(CUE_KINDS))
    if wrong:
        raise ValueError(f"{path}: unknown kind(s) {wrong}; allowed {', '.join(CUE_KINDS)}")
    table["cue"] = table["cue"].str.strip()
    return table[table["cue"] != ""].reset_index(drop=True)


@dataclass(frozen=True)
class CueLexicon:
    """The cues in effect, as one pattern and each cue's kind (``verb`` or ``prepositional``)."""

    pattern: re.Pattern
    kinds: Mapping[str, str]

    @classmethod
    def from_table(cls, cues: pd.DataFrame) -> CueLexicon:
        """The lexicon of a :func:`speech_cues` table, longest cues first ("told reporters" before "told")."""
        parts = [r"\s+".join(map(re.escape, c.split())) for c in sorted(cues["cue"], key=len, reverse=True)]
        # with_first_chars: the same matches, a position no cue can begin at rejected at once (speed only)
        pattern = fast_compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
        return cls(pattern, {c.lower(): k for c, k in zip(cues["cue"], cues["kind"])})

    @property
    def nouns(self) -> tuple[str, ...]:
        """The claim nouns of the table ("claim", "assertion"), which speak only for their owner."""
        return tuple(c for c, k in self.kinds.items() if k == "noun")


@knowledge_cache("speech_cues.csv")
def cue_lexicon(knowledge_dir: str | Path | None = None) -> CueLexicon:
    """:meth:`CueLexicon.from_table` of :func:`speech_cues`, compiled once per process for the same file (shared:
    callers must not change it)."""
    return CueLexicon.from_table(speech_cues(knowledge_dir))


def cues_in(text: str, a: int, b: int, pattern: re.Pattern, kinds: Mapping[str, str], quotes) -> list[tuple[int, int, str]]:
    found = []
    for m in pattern.finditer(text, a, b):
        if inside_quotation(m.start(), quotes):
            continue
        before = re.findall(r"[\w’'-]+|[’']s?\b", text[max(a, m.start() - 30):m.start()])
        prev = before[-1].lower() if before else ""
        if len(before) >= 2 and before[-2].lower() in NAMING_BEFORE and prev in {"he", "she", "they", "it", "we"}:
            # "what he called", "whom he called": the verb names, it reports nothing
            continue
        cue = re.sub(r"\s+", " ", m.group(0))
        kind = kinds[cue.lower()]
        if possessor(text, a, m.start()) is not None:  # "Tokayev's claim that ...", "his accusations of ..."
            if kind != "prepositional" and (re.match(r"\s+(?:that|of|about)\b", text[m.end():m.end() + 7], re.IGNORECASE)
                                            or re.match(r"[^.;:“”\"]{0,40}:\s", text[m.end():m.end() + 43])):
                found.append((m.start(), m.end(), cue))
            continue
        by = re.match(r"\s+by\b", text[m.end():m.end() + 4], re.IGNORECASE)
        # "were described by Maria Zakharova as ...", "As noted by the head of state, ...", "Claims by Tokayev that":
        # the agent speaks ("Called By Foreign Trained Terrorists", a headline's verb with no auxiliary, names no one)
        agent = by and (prev in PASSIVE_BEFORE or prev == "as" or kind == "noun" or not prev or prev in NOUN_BEFORE)
        if kind == "noun" and not agent:  # "the claim that ...": no one's claim
            continue
        if kind == "verb" and not agent and (prev in NOUN_BEFORE or prev in PASSIVE_BEFORE or by  # "Called By ..."
                                             or text[m.start() - 2:m.start()] in {"’ ", "' "}):
            continue
        found.append((m.start(), m.end(), cue))
    return found


def possessor(text: str, a: int, cue_start: int) -> tuple[int, int] | None:
    """The words that own a cue word used as a noun, or None: "President Tokayev's claim" -> "President Tokayev";
    "his claims" -> "his". A capitalised name (up to four words) before "'s", a definite description before "'s"
    ("the government's account"), or a possessive pronoun."""
    lead = text[a:cue_start]
    m = re.search(r"(?<![\w’'-])(his|her|their)\s+$", lead, re.IGNORECASE)
    if m:
        return a + m.start(1), a + m.end(1)
    m = re.search(r"((?:[A-Z][\w.-]*[ \u00a0]+){0,3}[A-Z][\w.-]*)[’']s\s+$", lead)
    if m:
        return a + m.start(1), a + m.end(1)
    m = re.search(r"(?<![\w’'-])([Tt]he\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)[’']s\s+$", lead)
    if m:  # "the government's account that ...", "the ministry's claim": a definite description owns it
        return a + m.start(1), a + m.end(1)
    return None
