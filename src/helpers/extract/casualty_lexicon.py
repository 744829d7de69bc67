"""The casualty extractor's vocabulary and how a count is read: the knowledge files (``casualty_terms.csv``,
``victim_groups.csv``, ``vague_numbers.csv``, ``number_words.csv``, overridable with ``lexicon_dir``),
compiled once per call, and the low/best/high of a count as written ("more than 200", "dozens")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.knowledge import cached_knowledge, knowledge_cache, read_knowledge

QUALIFIERS = ("exact", "at_least", "more_than", "approx", "up_to", "vague")
OUTCOMES = ("killed", "injured", "detained", "beheaded", "other")
VICTIM_GROUPS = ("security_forces", "rioters_protesters", "civilians", "mixed_unspecified")
LEXICON_FILES = ("vague_numbers.csv", "number_words.csv", "casualty_terms.csv", "victim_groups.csv")

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
    "between": ("approx", 0),  # "between 44 and 164": low and high from the two counts
}
# verbs of a tally that qualify the count they take ("detentions top 3,000", "the number detained nears 10,000")
VERB_QUALIFIERS: dict[str, tuple[str, int]] = {
    **{v: ("more_than", 1) for v in ("top", "tops", "topped", "exceed", "exceeds", "exceeded", "surpass",
                                     "surpasses", "surpassed", "pass", "passes", "passed")},
    **{v: ("approx", 0) for v in ("near", "nears", "neared", "nearing")},
}
QUALIFIER_PHRASES.update(VERB_QUALIFIERS)
OPEN_Q, CLOSE_Q = "[“\"‘]?", "[”\"’]?"
GROUP = "[,\u00a0\u202f\u2009]"  # thousands separators: comma, no-break space, narrow no-break and thin space


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
    return read_knowledge(name, lexicon_dir, columns, dtype=None,
                          na_values={"low": [""], "best": [""], "high": [""]})


def alternation(terms: list[str]) -> str:
    """One regular expression for any of ``terms``, longest first."""
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


@knowledge_cache(*LEXICON_FILES)
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
    scales = [w for w, v in number_words.items() if (v >= 100 or w == "dozen") and not w.startswith("a ")]
    vague_atom = rf"(?:{alternation([re.escape(w) for w in vague['word']])})"
    if scales:  # "several hundred", "several dozen"
        vague_atom += rf"(?:\s+(?:{alternation([re.escape(m) for m in scales])}))?"
    word = alternation([re.escape(w) for w in number_words])
    word_atom = rf"(?:{word})(?:(?:\s+and\s+|[\s-]+)(?:{word}))*"
    big = alternation([re.escape(m) for m in multipliers if " " not in m])
    # "1.3 thousand", "10 thousand" (translated copy), "3,000", "13"
    # (a bare run of digits never stops inside "3,393", whatever follows it)
    # thousands grouped by commas or by non-breaking or thin spaces ("3\u00a0811", as typeset from Russian copy)
    plain = rf"\d{{1,3}}(?:{GROUP}\d{{3}})+(?!\d)|\d+(?!\d|{GROUP}\d)"
    # "5 thousand 135" (translated copy: the remainder after the scale word)
    digits = rf"\d+(?:\.\d+)?\s+(?:{big})(?:\s+\d{{1,3}}(?![\d,.]))?|{plain}" if big else plain
    atom = rf"(?:\b(?:{vague_atom})\b|\b(?:{word_atom})\b|\b(?:{digits})\b)"
    quals = alternation([re.escape(q) for q in QUALIFIER_PHRASES])
    # "seven in ten people held", "1 in 5 detainees": the second number of a proportion is not a count
    small = [w for w, v in number_words.items() if v <= 10 and re.fullmatch(r"[a-z]+", w)]
    not_ratio = r"(?<!\d\sin\s)" + "".join(rf"(?<!\b{w}\sin\s)" for w in small)
    count_re = (  # "between 44 and 164" is a range; elsewhere "and" joins two counts
        # "the one officials had given": "one" after "the", "this" or "that" is a pronoun, not a count (but
        # "said that one of the dead ...": "that" the conjunction before a partitive)
        rf"(?:(?P<qual>\b(?:{quals}))\s+)?{OPEN_Q}{not_ratio}(?!(?<=\bthe\s)one\b)(?!(?<=\bthis\s)one\b)(?!(?<=\bthat\s)one\b(?!\s+of\b))"
        rf"(?P<value>(?<=\bbetween\s){atom}\s+and\s+{atom}|{atom}(?:\s+(?:or|to)\s+{atom})?){CLOSE_Q}"
    )
    nouns = victims[victims["scope"] == "noun"]["term"].tolist()
    one_victim = rf"(?:{alternation(nouns)})"
    victim_re = rf"(?P<victim>{one_victim}(?:\s*(?:,|and|or|,\s*and)\s+{one_victim})*)\b"

    surface = terms[terms["mode"] != "parse"] if "mode" in terms.columns else terms  # "parse": parser path only

    def forms(*names: str) -> str:
        return alternation(surface[surface["form"].isin(names)]["term"].tolist())

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


def lexicon_with(compile_shapes, lexicon_dir: str | Path | None = None) -> tuple[Lexicon, object]:
    """``(load_lexicon(lexicon_dir), compile_shapes(lexicon))``, computed once per process for the same
    content of the four knowledge files (:func:`helpers.knowledge.cached_knowledge`)."""
    return cached_knowledge(_lexicon_and_shapes, lexicon_dir, LEXICON_FILES, compile_shapes)


def _lexicon_and_shapes(lexicon_dir: str | Path | None, compile_shapes) -> tuple[Lexicon, object]:
    lex = load_lexicon(lexicon_dir)
    return lex, compile_shapes(lex)


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
    plain = re.sub(rf"(?<=\d){GROUP}(?=\d{{3}})", ",", text.strip().lower())  # "3\u00a0811" -> "3,811"
    plain = re.sub(r"\s+", " ", plain)
    if re.fullmatch(r"[\d,]+", plain):
        n = float(plain.replace(",", ""))
        return n, n, n, False
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?) (\w+)(?: (\d{1,3}))?", plain)
    if scaled and scaled.group(2) in lex.number_words:  # "1.3 thousand", "5 thousand 135"
        n = round(float(scaled.group(1)) * lex.number_words[scaled.group(2)]) + int(scaled.group(3) or 0)
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
    >>> parse_count(None, "two hundred and twenty-five", lex)  # a number in words, not a range
    ('exact', 225.0, 225.0, 225.0)
    """
    nan = float("nan")
    # "and" joins the two ends of a range only after "between" ("between 44 and 164"); elsewhere it is inside
    # a number in words ("two hundred and twenty-five")
    between = bool(qualifier_text) and qualifier_text.strip().lower() == "between"
    parts = re.split(r"\s+(?:or|to|and)\s+" if between else r"\s+(?:or|to)\s+", value_text.strip(), maxsplit=1)
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


def outcome_of(text: str, lex: Lexicon) -> str:
    """The outcome of an outcome word ("killed", "deaths") by ``casualty_terms.csv``."""
    for term, outcome in zip(lex.terms["term"], lex.terms["outcome"]):
        if re.fullmatch(term, text.strip(), re.IGNORECASE):
            return outcome
    raise ValueError(f"no term of casualty_terms.csv matches {text!r}")


def victim_group_of(text: str | None, lex: Lexicon) -> str | None:
    """The group of a victim phrase ("police officers and soldiers" -> security_forces); None if none."""
    if not text:
        return None
    groups = []
    every = alternation(lex.victims["term"].tolist())
    for m in re.finditer(rf"\b(?:{every})\b", text, re.IGNORECASE):
        for term, group in zip(lex.victims["term"], lex.victims["victim_group"]):
            if re.fullmatch(term, m.group(0), re.IGNORECASE):
                groups.append(group)
                break
    if not groups:
        return None
    return groups[0] if len(set(groups)) == 1 else "mixed_unspecified"
