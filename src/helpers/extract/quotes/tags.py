"""Statements a colon opens in a paragraph (:mod:`helpers.extract.quotes.find` reads the paragraph): a name and a
colon ("Putin: Maidan technologies were used", a transcript's "Maria Zakharova: ..."), an answer ("A: ..."), and a
headline that ends with a colon and its speaker ("...: FM")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from helpers.extract.quotes.marks import inside_quotation
from helpers.extract.quotes.statement import Statement

if TYPE_CHECKING:
    from helpers.extract.quotes.find import _Paragraph


ANSWER_TAG = re.compile(r"[ \t\u00a0]*(?:A|Answer|ANSWER)[ \u00a0]*:[ \u00a0]+(?=\S)")
NAME_COLON = re.compile(r"[ \t\u00a0]*((?:[A-Z][\w’'.-]*)(?:[ \u00a0]+[A-Z][\w’'.-]*){0,3})[ \u00a0]*:[ \u00a0]+(?=[“\"\w])")


def name_colon(para: _Paragraph) -> None:
    """A one-sentence paragraph that opens with a name and a colon is that name's statement ("Putin: Maidan
    technologies were used in Kazakhstan", a wire headline). The speaker must be a named actor
    (``extra["needs_name"]``: "Foreign Interference: ..." is a subheading, not a speaker). A longer paragraph that
    opens so is a transcript's turn ("Maria Zakharova: Good afternoon. ..."): the tagged person (a person only:
    "CSTO: troops arrive. ..." is a lead-in) says whatever in it no statement of its own holds."""
    answer = ANSWER_TAG.match(para.text, para.start, para.end)
    if answer:  # "A: ..." / "Answer: ...": the turn of the one who answers (resolved in the statements table)
        st = Statement(para.doc, ":", answer.end() - 1, answer.end(), answer.end(), para.end, shape="answer",
                       paragraph=para.index)
        st.extra.update(fallback=True, answer=True)
        para.statements.append(st)
        return
    tag = len(para.sentences) != 1 or bool(para.statements)
    m = NAME_COLON.match(para.text, para.start, para.end)
    if m is None and not tag:
        if not name_acts_colon(para):
            colon_name(para)
        return
    if m is None or inside_quotation(m.start(1), para.quotes):
        return
    st = Statement(para.doc, ":", m.end(1), m.end(1) + 1, m.end(), para.end, m.start(1), m.end(1),
                   "speaker tag" if tag else "name colon", para.index)
    st.extra["needs_name"] = True
    if tag:  # "Maria Zakharova: Good afternoon. ... Our assessment ...": a transcript's speaker tag
        st.extra["needs_person"] = True
        st.extra["fallback"] = True  # the statements found inside keep their own speakers
    para.statements.append(st)


NAME_ACTS = re.compile(r"[ \t\u00a0]*([A-Z][\w.-]*(?:[ \u00a0]+[A-Z][\w.-]*){0,2})(?![\w’'])[ \u00a0]+"
                       r"[a-z][\w’'-]*(?:[ \u00a0]+[\w’'-]+){0,4}?[ \u00a0]*:[ \u00a0]+(?=[“\"\w])")


def name_acts_colon(para: _Paragraph) -> bool:
    """A headline that opens with a person, what they do and a colon gives that person's words after the colon
    ("Lukashenko meets peacekeepers: CSTO saved Kazakhstan ...", state media's "NAME at EVENT: ..."). Only the
    article's first paragraph, one sentence with no statement of its own; the words before the verb must name a
    person of the gazetteer (``needs_name``, ``needs_person``): "Kazakhstan unrest: what we know" names no one."""
    if para.index != 0:
        return False
    m = NAME_ACTS.match(para.text, para.start, para.end)
    if m is None or inside_quotation(m.start(1), para.quotes):
        return False
    colon = para.text.rindex(":", m.start(), m.end())
    st = Statement(para.doc, ":", colon, colon + 1, m.end(), para.end, m.start(1), m.end(1), "name acts", para.index)
    st.extra.update(needs_name=True, needs_person=True)
    para.statements.append(st)
    return True


COLON_NAME = re.compile(r":[ \u00a0]+((?:[A-Za-z][\w’'.-]*)(?:[ \u00a0]+[\w’'.-]+){0,3})[ \t\u00a0]*$")


def colon_name(para: _Paragraph) -> None:
    """A headline that ends with a colon and a speaker is that speaker's statement ("China ready to help
    Kazakhstan oppose interference by external forces: FM", "...: spokesperson"), the state agencies' mirror of
    "NAME: CONTENT". Only the article's first paragraph, one sentence with no statement of its own, and only
    when the words after the colon resolve to an actor of the gazetteer ("Kazakhstan unrest: What we know" is no
    one's)."""
    if para.index != 0:
        return
    m = COLON_NAME.search(para.text, para.start, para.end)
    if m is None or m.start() <= para.start or inside_quotation(m.start(), para.quotes):
        return
    st = Statement(para.doc, ":", m.start(), m.start() + 1, para.start, m.start(), m.start(1), m.end(1),
                   "colon name", para.index)
    st.extra["needs_id"] = True  # a speaker the gazetteer knows, by name or title, else a subheading's tail
    para.statements.append(st)
