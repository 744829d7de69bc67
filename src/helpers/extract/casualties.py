"""Casualty claims: every statement of a count of people killed, injured, detained or beheaded.

Rule-based, no language model. Each sentence (from the project's sentence table) is cut into
clauses at sentence punctuation (so a line-long "sentence" still works), and a handful of regular
expression shapes find a count next to an outcome word:

=========  ===================================================  =========================================
shape      skeleton                                             seed example
=========  ===================================================  =========================================
subject    COUNT [of the] [modifier] VICTIM [who] [aux] OUTCOME  "at least 12 police officers have been killed"
bare       COUNT [who] aux OUTCOME                              "two who were killed"
object     OUTCOME COUNT [of the] [modifier] VICTIM             "The rioters beheaded 2 police officers"
of         OUTCOME-NOUN of COUNT [of VICTIM]                    "the death of “dozens” of people"
nominal    COUNT [of] OUTCOME-NOUN/ADJ [and OUTCOME]            "eight deaths", "several dead and wounded"
tally      number of [VICTIM] OUTCOME ... at COUNT              "number of officers killed in the clashes at thirteen"
subcount   including COUNT                                      "..., including two while cleaning the airport"
=========  ===================================================  =========================================

The knowledge is in ``helpers/data`` (overridable with ``lexicon_dir``): ``casualty_terms.csv``
(outcome words), ``victim_groups.csv`` (victim nouns and context rules), ``vague_numbers.csv``
("dozens" -> low/best/high) and ``number_words.csv``. The code holds only the grammar: the
shapes above, the qualifier phrases ("at least", "more than", "over", "about"), attribution cue
verbs ("said", "told", "according to") and modal verbs that mark a forecast.

Sub-counts ("at least 12 police officers have been killed ..., including two who were killed
while on an operation") are kept as claims of their own (they are statements of a count, with
their own circumstances), and :func:`is_subcount` flags them so that a reconciliation does not
treat "two" as a rival estimate of the total.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.text import analysed_sentences, split_clauses
from helpers.knowledge import knowledge_path

CLAIM_COLUMNS = [
    "doc", "start", "end", "quote", "number_text", "low", "best", "high", "qualifier", "outcome",
    "victim_group", "location", "claimant", "forecast", "sentence_start", "sentence_end",
]
QUALIFIERS = ("exact", "at_least", "more_than", "approx", "up_to", "vague")
OUTCOMES = ("killed", "injured", "detained", "beheaded", "other")
VICTIM_GROUPS = ("security_forces", "rioters_protesters", "civilians", "mixed_unspecified")
LEXICON_FILES = ("vague_numbers.csv", "number_words.csv", "casualty_terms.csv", "victim_groups.csv")

# ---- grammar (the regular-expression skeleton; the vocabulary lives in helpers/data) ----

# qualifier phrase -> (qualifier, offset): "more than 200" is at least 201, "fewer than 10" at most 9
QUALIFIER_PHRASES: dict[str, tuple[str, int]] = {
    "at least": ("at_least", 0), "no fewer than": ("at_least", 0), "no less than": ("at_least", 0),
    "not less than": ("at_least", 0), "a minimum of": ("at_least", 0),
    "more than": ("more_than", 1), "over": ("more_than", 1), "upwards of": ("more_than", 1),
    "in excess of": ("more_than", 1),
    "about": ("approx", 0), "around": ("approx", 0), "approximately": ("approx", 0), "roughly": ("approx", 0),
    "some": ("approx", 0), "nearly": ("approx", 0), "almost": ("approx", 0), "close to": ("approx", 0),
    "an estimated": ("approx", 0), "estimated": ("approx", 0),
    "up to": ("up_to", 0), "as many as": ("up_to", 0), "at most": ("up_to", 0), "no more than": ("up_to", 0),
    "fewer than": ("up_to", -1), "less than": ("up_to", -1),
}
AUX = (
    r"(?:have|has|had|been|were|was|are|is|be|being|will|would|could|might|may|reportedly|reported|later|also|"
    r"allegedly|all|now|already|\w+ly)"
)
FILLER = rf"(?:{AUX}\s+){{0,4}}"
AUX_REQUIRED = r"(?:(?:have|has|had)\s+been|were|was|are|is)\s+"
# one modifier before a victim noun: a capitalised word or an adjective-like ending ("26 armed rioters");
# case-sensitive even inside the case-insensitive shapes
MODIFIER = r"(?:(?-i:[A-Z][\w’'-]*|[a-z]+(?:ed|al|ive|ous|ful|less|ian|ing))\s+)?"
OPEN_Q, CLOSE_Q = "[“\"‘]?", "[”\"’]?"
SUBCOUNT_CUE = re.compile(r"\b(?:including|among them|among whom|of whom|of them|of which)\s*$", re.IGNORECASE)
CUE_VERBS = (
    r"said|says|say|told|reported|confirmed|stated|announced|added|noted|pointed out|stressed|claimed|"
    r"wrote|declared|estimated|addressed the (?:nation|country|people|press|media)|"
    r"put (?:the )?(?:\w+ )?(?:number|toll|figure|count|tally)"
)
CUE_RE = re.compile(rf"\b(?:(?P<according>according to)|(?P<verb>{CUE_VERBS}))\b", re.IGNORECASE)
SUBJECT_BOUNDARY = re.compile(r"[,;:“”\"()\[\]—–]|\bthat\b", re.IGNORECASE)
LEADING_WORDS = re.compile(
    r"^(?:(?:and|but|while|meanwhile|thus|also|however|so|then|as|when)\b[\s,]*)+", re.IGNORECASE
)
TRAILING_WORDS = re.compile(
    r"(?:\s+(?:has|have|had|also|reportedly|was|were|is|are|would|will|did|does|further|then|later|again|"
    r"officially))+$",
    re.IGNORECASE,
)
# a closing quotation mark followed by its speaker: '...in Serbia,” Vucic said.'
QUOTE_CLOSED_BY_SPEAKER = re.compile(rf"[”\"]\s*,?\s*(?P<s>[^.,;:“”\"]{{1,60}}?)\s+(?:{CUE_VERBS})\b", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "this", "that"}
# a modal marks a forecast, except with a perfect ("may have died" is a report of the past, hedged)
FORECAST_RE = re.compile(r"\b(?:will|would|could|might|may|shall)\b(?!\s+have\b)|\b(?:going|threatens?) to\b")
CLAUSE_AFTER_END = re.compile(r"[,;:.!?“”\"()]")
CLAUSE_BEFORE_END = re.compile(r"[;:.!?“”\"()]|,(?!\s*(?:which|where|who|when)\b)|\bthat\b")
_NOT_PLACES = {m.lower() for m in list(calendar.month_name) + list(calendar.day_name) if m}
PLACE_RE = re.compile(
    r"\b(?i:in|at|near|outside|around|across)\s+(?:the\s+)?"
    r"(?:(?i:city|town|village|region|province|capital|district)\s+of\s+)?"
    r"(?P<place>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
)


@dataclass(frozen=True)
class Lexicon:
    """The knowledge files in effect, read and compiled once per call."""

    vague: pd.DataFrame
    number_words: dict[str, int]
    terms: pd.DataFrame
    victims: pd.DataFrame
    contexts: pd.DataFrame
    count_re: str
    victim_re: str
    verbs: str
    adjectives: str
    nouns: str


def _read(name: str, columns: list[str], lexicon_dir: str | Path | None) -> pd.DataFrame:
    path = knowledge_path(name, lexicon_dir)
    table = pd.read_csv(path, keep_default_na=False, na_values={"low": [""], "best": [""], "high": [""]})
    lacking = set(columns) - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    return table


def _alternation(terms: list[str]) -> str:
    return "|".join(f"(?:{t})" for t in sorted(terms, key=len, reverse=True))


def vague_number_table(lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """The vague-number values the extractor uses (``vague_numbers.csv``, or the user's copy).

    >>> table = vague_number_table()
    >>> table.set_index("word").loc["dozens", ["low", "best"]].tolist()  # "Dozens of attackers ..." (003)
    [12.0, 12.0]
    """
    table = _read("vague_numbers.csv", ["word", "low", "best", "high", "source"], lexicon_dir)
    table["word"] = table["word"].str.strip().str.lower()
    for col in ("low", "best", "high"):
        table[col] = pd.to_numeric(table[col], errors="raise").astype("float64")
    bad = table[table["best"].isna()]
    if len(bad):
        raise ValueError(f"vague_numbers.csv: no 'best' value for {bad['word'].tolist()}")
    return table[["word", "low", "best", "high", "source"]].reset_index(drop=True)


def load_lexicon(lexicon_dir: str | Path | None = None) -> Lexicon:
    """Read and check the four knowledge files; compile the count, victim and outcome patterns.

    >>> lex = load_lexicon()
    >>> lex.number_words["thirteen"]  # "thirteen security officers were killed" (003)
    13
    """
    vague = vague_number_table(lexicon_dir)
    words = _read("number_words.csv", ["word", "value"], lexicon_dir)
    number_words = {str(w).strip().lower(): int(v) for w, v in zip(words["word"], words["value"])}
    terms = _read("casualty_terms.csv", ["term", "form", "outcome", "source"], lexicon_dir)
    wrong = sorted(set(terms["outcome"]) - set(OUTCOMES))
    if wrong:
        raise ValueError(f"casualty_terms.csv: unknown outcome(s) {wrong}; allowed {list(OUTCOMES)}")
    wrong = sorted(set(terms["form"]) - {"verb", "noun", "adjective"})
    if wrong:
        raise ValueError(f"casualty_terms.csv: unknown form(s) {wrong}; allowed verb, noun, adjective")
    victims = _read("victim_groups.csv", ["term", "victim_group", "source"], lexicon_dir)
    if "scope" not in victims.columns:
        victims["scope"] = "noun"
    wrong = sorted(set(victims["victim_group"]) - set(VICTIM_GROUPS))
    if wrong:
        raise ValueError(f"victim_groups.csv: unknown victim group(s) {wrong}; allowed {list(VICTIM_GROUPS)}")
    for name, table in (("casualty_terms.csv", terms), ("victim_groups.csv", victims)):
        for term in table["term"]:
            try:
                re.compile(term)
            except re.error as exc:
                raise ValueError(f"{name}: term {term!r} is not a valid regular expression: {exc}") from exc

    multipliers = [w for w, v in number_words.items() if v >= 100 and not w.startswith("a ")]
    vague_atom = rf"(?:{_alternation([re.escape(w) for w in vague['word']])})"
    if multipliers:
        vague_atom += rf"(?:\s+(?:{_alternation([re.escape(m) for m in multipliers])}))?"
    word = _alternation([re.escape(w) for w in number_words])
    word_atom = rf"(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*"
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
    atom = rf"(?:\b(?:{vague_atom})\b|\b(?:{word_atom})\b|\b(?:{digits})\b)"
    quals = _alternation([re.escape(q) for q in QUALIFIER_PHRASES])
    count_re = (
        rf"(?:(?P<qual>\b(?:{quals}))\s+)?{OPEN_Q}"
        rf"(?P<value>{atom}(?:\s+(?:or|to)\s+{atom})?){CLOSE_Q}"
    )
    nouns = victims[victims["scope"] == "noun"]["term"].tolist()
    one_victim = rf"(?:{_alternation(nouns)})"
    victim_re = rf"(?P<victim>{one_victim}(?:\s*(?:,|and|or|,\s*and)\s+{one_victim})*)\b"

    def forms(*names: str) -> str:
        return _alternation(terms[terms["form"].isin(names)]["term"].tolist())

    return Lexicon(
        vague=vague,
        number_words=number_words,
        terms=terms,
        victims=victims[victims["scope"] == "noun"],
        contexts=victims[victims["scope"] == "context"],
        count_re=count_re,
        victim_re=victim_re,
        verbs=forms("verb"),
        adjectives=forms("verb", "adjective"),
        nouns=forms("noun"),
    )


# ---- counts ----


def _words_value(text: str, number_words: Mapping[str, int]) -> float:
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    total, current, i = 0, 0, 0
    while i < len(tokens):
        token = tokens[i]
        if token == "a" and i + 1 < len(tokens):
            token, i = f"a {tokens[i + 1]}", i + 1
        value = number_words[token]
        if value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 100 or (token.endswith("dozen") and current):
            current = max(current, 1) * value
        else:
            current += value
        i += 1
    return float(total + current)


def _atom_values(text: str, lex: Lexicon) -> tuple[float, float, float, bool]:
    """(low, best, high, vague) of one count atom: "3,000", "thirteen", "dozens", "several hundred"."""
    plain = re.sub(r"\s+", " ", text.strip().lower())
    if re.fullmatch(r"[\d,]+", plain):
        n = float(plain.replace(",", ""))
        return n, n, n, False
    table = lex.vague.set_index("word")
    for word in sorted(table.index, key=len, reverse=True):
        if plain == word or plain.startswith(word + " "):
            row = table.loc[word]
            rest = plain[len(word):].strip()
            factor = float(lex.number_words[rest]) if rest else 1.0
            return row["low"] * factor, row["best"] * factor, row["high"] * factor, True
    n = _words_value(plain, lex.number_words)
    return n, n, n, False


def parse_count(qualifier_text: str | None, value_text: str, lex: Lexicon) -> tuple[str, float, float, float]:
    """(qualifier, low, best, high) of a count as written; NaN where the words leave it open.

    >>> lex = load_lexicon()
    >>> parse_count("more than", "200", lex)  # "more than 200 people were detained" (004)
    ('more_than', 201.0, 201.0, nan)
    >>> parse_count(None, "thirteen", lex)  # "thirteen security officers were killed" (003)
    ('exact', 13.0, 13.0, 13.0)
    """
    nan = float("nan")
    parts = re.split(r"\s+(?:or|to)\s+", value_text.strip(), maxsplit=1)
    atoms = [_atom_values(p, lex) for p in parts]
    low, best, high, vague = atoms[0]
    if len(atoms) == 2:
        other = atoms[1]
        high = other[2]
        vague = vague or other[3]
    if vague:
        return "vague", low, best, high
    if len(atoms) == 2:
        return "approx", low, best, high
    if not qualifier_text:
        return "exact", low, best, high
    qualifier, offset = QUALIFIER_PHRASES[re.sub(r"\s+", " ", qualifier_text.lower())]
    n = best + offset
    if qualifier in ("at_least", "more_than"):
        return qualifier, n, n, nan
    if qualifier == "approx":
        return qualifier, nan, n, nan
    return qualifier, nan, n, n


@dataclass
class _Candidate:
    start: int
    end: int
    count_start: int
    count_end: int
    qualifier_text: str | None
    value_text: str
    outcome: str | None
    victim_text: str | None
    rank: int


def _shapes(lex: Lexicon) -> list[tuple[int, re.Pattern, str]]:
    """The claim shapes in order of precedence: (rank, compiled pattern, where the quote starts)."""
    c, v = lex.count_re, lex.victim_re
    of_the = r"(?:of\s+(?:the\s+|those\s+|these\s+)?)?"
    verb, adj, noun = rf"\b(?:{lex.verbs})\b", rf"\b(?:{lex.adjectives})\b", rf"\b(?:{lex.nouns})\b"
    shapes = [
        # subject: "at least 12 police officers have been killed", "several people died"
        (rf"{c}\s+{of_the}{MODIFIER}{v}\s+(?:who\s+)?{FILLER}(?P<out>{adj})", "count"),
        # object: "beheaded 2 police officers"
        (rf"(?P<out>{verb})\s+{c}\s+{of_the}{MODIFIER}{v}", "out"),
        # of: "the death of “dozens” of people"
        (rf"(?P<out>{noun})\s+of\s+{c}(?:\s+of\s+(?:the\s+)?{MODIFIER}{v})?", "out"),
        # tally: "the total number of officers killed in the clashes at thirteen", "death toll rose to 164"
        ((rf"(?:\b(?:number|tally|count)\s+of\s+(?:{MODIFIER}{v}\s+)?(?P<out>{adj})|(?P<out_t>{noun})\s+toll)"
          rf"[^.;:]{{0,40}}?\b(?:at|to|reached|of)\s+{c}"), "match"),
        # bare: "two who were killed"
        (rf"{c}\s+(?:who\s+|of\s+(?:them|whom)\s+)?{AUX_REQUIRED}{FILLER}(?P<out>{verb})", "count"),
        # unknown victim noun: "26 armed criminals were liquidated" (group mixed_unspecified unless known)
        ((rf"{c}\s+{of_the}{MODIFIER}(?P<victim>(?-i:[a-z]+(?:s|men|people|children)))\s+(?:who\s+)?"
          rf"{AUX_REQUIRED}{FILLER}(?P<out>{verb})"), "count"),
        # nominal: "eight deaths", "hundreds or thousands of deaths", "several dead and wounded"
        (rf"{c}\s+(?:of\s+)?{MODIFIER}(?P<out>{noun}|{adj})(?:\s+(?:and|or)\s+(?P<second>{noun}|{adj}))?", "count"),
        # subcount: "including two while cleaning the airport" (outcome and victims from the head count)
        (rf"\bincluding\s+{c}\b(?!\s+(?:{of_the}{MODIFIER}{v}|who\b|of\s+(?:them|whom)\b))", "match"),
    ]
    return [(rank, re.compile(p, re.IGNORECASE), at) for rank, (p, at) in enumerate(shapes)]


def _outcome(text: str, lex: Lexicon) -> str:
    for term, outcome in zip(lex.terms["term"], lex.terms["outcome"]):
        if re.fullmatch(term, text.strip(), re.IGNORECASE):
            return outcome
    raise ValueError(f"no term of casualty_terms.csv matches {text!r}")


def _victim_group(text: str | None, lex: Lexicon) -> str | None:
    """The group of a victim phrase ("police officers and soldiers" -> security_forces); None if none."""
    if not text:
        return None
    groups = []
    every = _alternation(lex.victims["term"].tolist())
    for m in re.finditer(rf"\b(?:{every})\b", text, re.IGNORECASE):
        for term, group in zip(lex.victims["term"], lex.victims["victim_group"]):
            if re.fullmatch(term, m.group(0), re.IGNORECASE):
                groups.append(group)
                break
    if not groups:
        return None
    return groups[0] if len(set(groups)) == 1 else "mixed_unspecified"


def _candidates(text: str, a: int, b: int, lex: Lexicon, shapes) -> list[_Candidate]:
    """Claims in the clause ``text[a:b]``: one per (count, outcome), the first shape that fits."""
    found: list[_Candidate] = []
    for rank, pattern, starts_at in shapes:
        for m in pattern.finditer(text, a, b):
            if re.search(r"\bno\s*$", text[max(a, m.start() - 4):m.start()], re.IGNORECASE):
                continue  # "no one was killed"
            g = m.groupdict()
            count_start = m.start("qual") if g["qual"] else m.start("value")
            start = {"count": count_start, "out": m.start(), "match": m.start()}[starts_at]
            out_text = g.get("out") or g.get("out_t")
            out_end = m.end("out") if g.get("out") else m.end()
            end = out_end if starts_at == "count" else m.end()
            outcome = _outcome(out_text, lex) if out_text else None
            found.append(_Candidate(start, end, count_start, m.end("value"), g["qual"], g["value"], outcome,
                                    g.get("victim"), rank))
            if g.get("second"):
                found.append(_Candidate(count_start, m.end("second"), count_start, m.end("value"), g["qual"],
                                        g["value"], _outcome(g["second"], lex), None, rank))
    chosen: dict[tuple[int, str | None], _Candidate] = {}
    for cand in sorted(found, key=lambda c: c.rank):
        if cand.outcome is None and any(k[0] == cand.count_start for k in chosen):
            continue
        chosen.setdefault((cand.count_start, cand.outcome), cand)
    claims = sorted(chosen.values(), key=lambda c: (c.start, c.end))
    # a sub-count takes the outcome of the nearest claim before it in the clause
    for i, cand in enumerate(claims):
        if cand.outcome is None:
            heads = [h for h in claims[:i] if h.outcome is not None]
            cand.outcome = heads[-1].outcome if heads else None
    return [c for c in claims if c.outcome is not None]


# ---- who says so, where, and whether it is a forecast ----


@dataclass
class _Cue:
    start: int
    subject: str | None  # None: not usable; "": coordinated verb ("... and added that"), same speaker


def _subject(text: str, a: int, m: re.Match, claims: list[tuple[int, int]]) -> str | None:
    """Who a cue names as giving the figure: the words before the verb back to the clause start
    ("The interior ministry of the country has said that" -> "The interior ministry of the country"),
    or after "according to"; "" for a coordinated verb ("... and added that"); None when the words are
    not a speaker (they overlap a claim, as in "eight deaths were confirmed")."""
    if m.group("according"):
        after = text[m.end():]
        stop = re.search(r"[,.;:“”\"()]", after)
        s = m.end() + len(after) - len(after.lstrip())
        e = m.end() + (stop.start() if stop else len(after))
    else:
        before = text[a:m.start()]
        bounds = list(SUBJECT_BOUNDARY.finditer(before))
        s = a + (bounds[-1].end() if bounds else 0)
        e = m.start()
    phrase = text[s:e]
    lead = LEADING_WORDS.match(phrase.strip())
    stripped = phrase.strip()
    s += len(phrase) - len(phrase.lstrip()) + (lead.end() if lead else 0)
    stripped = stripped[lead.end():] if lead else stripped
    stripped = TRAILING_WORDS.sub("", stripped).strip(" ,")
    e = s + len(stripped)
    if not stripped:
        return ""
    if any(cs < e and s < ce for cs, ce in claims) or len(stripped.split()) > 15 or not re.search(r"[A-Za-z]", stripped):
        return None
    return stripped


def _cues(text: str, a: int, b: int, claims: list[tuple[int, int]]) -> list[_Cue]:
    cues = []
    for m in CUE_RE.finditer(text, a, b):
        subject = _subject(text, a, m, claims)
        if subject is not None:
            cues.append(_Cue(m.start(), subject))
    return cues


def _named(cues: list[_Cue]) -> str | None:
    """The first speaker named (not a pronoun, not coordinated) among a clause's cues."""
    for cue in cues:
        if cue.subject and cue.subject.lower() not in PRONOUNS:
            return cue.subject
    return None


def _quoted_speaker(text: str, claim_end: int) -> str | None:
    """Speaker of a quotation that the claim sits in, named after it in the same paragraph.

    "... where will be hundreds or thousands of deaths, ... in Serbia,” Vucic said." -> "Vucic"
    """
    line_end = text.find("\n", claim_end)
    line_end = len(text) if line_end < 0 else line_end
    first = re.compile(r"[“”\"]").search(text, claim_end, line_end)
    if not first or first.group(0) == "“":
        return None
    m = QUOTE_CLOSED_BY_SPEAKER.match(text, first.start(), line_end)
    return m.group("s").strip() if m else None


def _clause_window(text: str, a: int, b: int, start: int, end: int) -> tuple[str, str]:
    """The text of the claim's clause before and after the claim (for place and tense)."""
    after = text[end:b]
    stop = CLAUSE_AFTER_END.search(after)
    after = after[: stop.start()] if stop else after
    before = text[a:start]
    bounds = list(CLAUSE_BEFORE_END.finditer(before))
    before = before[bounds[-1].end():] if bounds else before
    return before, after


def _place(before: str, after: str) -> str:
    for window in (after, before):
        places = [m.group("place") for m in PLACE_RE.finditer(window)
                  if m.group("place").split()[0].lower() not in _NOT_PLACES]
        if places:
            chosen = places[0] if window is after else places[-1]
            return re.sub(r"[’']s$", "", chosen)
    return ""


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in CLAIM_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "low": "float64", "best": "float64",
                         "high": "float64", "forecast": bool, "sentence_start": "int64", "sentence_end": "int64"})


def casualty_claims(
    texts: Mapping[str, str], sentences: pd.DataFrame, lexicon_dir: str | Path | None = None
) -> pd.DataFrame:
    """Every casualty claim in the non-boilerplate sentences, one row each, with its provenance.

    ``texts`` maps a document to its full original text; ``sentences`` has columns ``doc, start,
    end, in_boilerplate`` (offsets into ``texts[doc]``; boilerplate sentences are skipped).
    Returns the columns of ``CLAIM_COLUMNS``, sorted by doc and start, with
    ``quote == texts[doc][start:end]``. ``claimant`` is who the sentence says gives the figure
    ("" when the article states it in its own voice); "he added" / "they also pointed out" take the
    speaker of the nearest preceding sentence that names one.

    >>> text = "The interior ministry of the country has said that at least 12 police officers have been killed."
    >>> row = casualty_claims({"000": text}, pd.DataFrame(
    ...     {"doc": ["000"], "start": [0], "end": [len(text)], "in_boilerplate": [False]})).iloc[0]
    >>> row["quote"], float(row["low"]), row["qualifier"], row["victim_group"], row["claimant"]
    ('at least 12 police officers have been killed', 12.0, 'at_least', 'security_forces', 'The interior ministry of the country')
    """
    analysed = analysed_sentences(texts, sentences)
    lex = load_lexicon(lexicon_dir)
    shapes = _shapes(lex)
    rows = []
    for doc, text, spans in analysed:
        earlier_speakers: list[str | None] = []  # named speaker of each earlier clause of this document
        for sent_start, sent_end in spans:
            for a, b in split_clauses(text, sent_start, sent_end):
                claims = _candidates(text, a, b, lex, shapes)
                spans = [(c.start, c.end) for c in claims]
                cues = _cues(text, a, b, spans)
                for claim in claims:
                    rows.append(_row(doc, text, a, b, claim, claims, cues, earlier_speakers, lex,
                                     sent_start, sent_end))
                earlier_speakers.append(_named(cues))
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "low": "float64", "best": "float64",
                          "high": "float64", "forecast": bool, "sentence_start": "int64", "sentence_end": "int64"})
    return frame.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)


def _claimant(text: str, claim: _Candidate, cues: list[_Cue], earlier: list[str | None]) -> str:
    before = [c for c in cues if c.start < claim.start]
    after = [c for c in cues if c.start >= claim.start]
    if before or after:
        index = cues.index(before[-1] if before else after[0])
        subject = cues[index].subject
        if subject == "":  # "... and added that ...": the speaker of the verb before it
            subject = next((c.subject for c in reversed(cues[:index]) if c.subject), "")
    else:
        subject = _quoted_speaker(text, claim.end)
        if subject is None:
            return ""
    if subject and subject.lower() not in PRONOUNS:
        return subject
    for named in reversed(earlier[-5:]):
        if named:
            return named
    return subject or ""


def _row(doc, text, a, b, claim: _Candidate, claims, cues, earlier, lex: Lexicon, sent_start, sent_end) -> list:
    qualifier, low, best, high = parse_count(claim.qualifier_text, claim.value_text, lex)
    group = _victim_group(claim.victim_text, lex)
    if group is None and claim.victim_text:  # a noun the lexicon does not know ("gendarmes")
        group = "mixed_unspecified"
    if group is None:  # "eight deaths", "two who were killed": the victims named by a claim in the same clause
        named = [c for c in claims if c is not claim and _victim_group(c.victim_text, lex)]
        named.sort(key=lambda c: (c.start > claim.start, abs(c.start - claim.start)))
        group = _victim_group(named[0].victim_text, lex) if named else "mixed_unspecified"
    before, after = _clause_window(text, a, b, claim.start, claim.end)
    if group == "mixed_unspecified" and claim.victim_text:
        for pattern, context_group in zip(lex.contexts["term"], lex.contexts["victim_group"]):
            if re.match(rf"\s*(?:\w+\s+){{0,2}}?{pattern}", text[claim.end:b], re.IGNORECASE):
                group = context_group
                break
    number_text = text[claim.count_start:claim.count_end].replace("“", "").replace("”", "").replace('"', "")
    forecast = bool(FORECAST_RE.search(before) or FORECAST_RE.search(text[claim.start:claim.end]))
    return [
        doc, claim.start, claim.end, text[claim.start:claim.end], number_text, low, best, high, qualifier,
        claim.outcome, group, _place(before, after), _claimant(text, claim, cues, earlier), forecast,
        sent_start, sent_end,
    ]


def is_subcount(claims: pd.DataFrame, texts: Mapping[str, str]) -> pd.Series:
    """True for a claim that counts part of an earlier claim in the same sentence ("including two").

    A sub-count is a claim of its own (with its own circumstances), but it is not a rival estimate
    of the total: a reconciliation should leave it out. A row is a sub-count when its quote starts
    with, or follows, "including" / "among them" / "of whom", and an earlier claim in the same
    sentence has the same outcome and victim group.

    >>> text = ("The interior ministry of the country has said that at least 12 police officers have been "
    ...         "killed by the rioters, including two who were killed while on an operation.")
    >>> claims = casualty_claims({"000": text}, pd.DataFrame(
    ...     {"doc": ["000"], "start": [0], "end": [len(text)], "in_boilerplate": [False]}))
    >>> is_subcount(claims, {"000": text}).tolist()
    [False, True]
    """
    flags = []
    for row in claims.itertuples():
        text = texts[row.doc]
        lead = text[max(row.sentence_start, row.start - 30):row.start]
        cue = bool(SUBCOUNT_CUE.search(lead)) or row.quote.lower().startswith("including ")
        heads = claims[
            (claims["doc"] == row.doc) & (claims["sentence_start"] == row.sentence_start)
            & (claims["end"] <= row.start) & (claims["outcome"] == row.outcome)
            & (claims["victim_group"] == row.victim_group)
        ]
        flags.append(cue and len(heads) > 0)
    return pd.Series(flags, index=claims.index, dtype=bool)
