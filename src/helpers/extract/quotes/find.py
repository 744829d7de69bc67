"""Finding statements: the speech cues of a paragraph and the shape each cue opens (the shapes are listed in
:mod:`helpers.extract.quotes`). A :class:`Statement` holds the offsets of its cue, content and speaker's
words; :mod:`helpers.extract.quotes.speakers` then says who the speaker is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.extract.quotes.cues import (
    CueLexicon,
    cues_in,
    possessor,
)
from helpers.extract.quotes.marks import (
    AUX,
    after_last_comma,
    inside_quotation,
    paragraphs,
    quotation_spans,
    sentence_spans,
    strip_phrase,
)
from helpers.extract.quotes.phrases import (
    COORDINATORS,
    apposition,
    names_an_addressee,
    orphan_start,
    outlet_remark,
    speaker_after,
    zone_start,
)
from helpers.extract.quotes.statement import Statement
from helpers.extract.quotes.tags import name_colon

COPULA = {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should", "may",
          "might", "must"}
PASSIVE_AGENT = re.compile(r"\s+by\s+([^,.;:“”\"]+?)(?=\s+of\s+\w+ing\b|\s+(?:as|on|for|that|to|in|at|over|after|with)\b|"
                           r"[,.;:“”\"]|$)",
                           re.IGNORECASE)
QUOTED_AS_SAYING = re.compile(r"\s+([^,.;:“”\"]{1,80}?)\s+as\s+(?:saying|stating|telling\s+[^,.;:“”\"]{1,40}?)(?:\s+that)?\b[\s,:]*",
                              re.IGNORECASE)
PREDICATE = re.compile(r"\s(?:is|are|was|were|has|have|had|remains|remained|seems|seemed)\b")  # after "X's claim of Y"
TAIL = re.compile(r",\s+(?:and|but)\s+(?=\w)")
NEGATED = re.compile(r"(?:\b(?:not|never)|n[’']t)(?:\s+(?!only\b)[a-z]+){0,2}\s+$"
                     r"|\bwithout\s+(?:ever\s+|even\s+)?$")  # "without saying how many"
_COORDINATED = re.compile(r"(?:(?<![”\"]),|\b(?:" + "|".join(COORDINATORS) + r"))\s*$")


@dataclass
class _Paragraph:
    """One paragraph being read: its offsets, quotations and sentences, the paragraph after it (a framing
    cue's content), and the statements found in it so far."""

    doc: str
    text: str  # the whole document's text; offsets are into it
    index: int
    start: int
    end: int
    quotes: list[tuple[int, int, bool]]
    sentences: list[tuple[int, int]]
    following: tuple[int, int] | None
    lexicon: CueLexicon
    statements: list[Statement] = field(default_factory=list)
    swallowed: set[int] = field(default_factory=set)  # cue starts another statement's content took in


@dataclass(frozen=True)
class _Cue:
    """One cue of a paragraph: where it is, its words, its kind, its sentence and the cues after it."""

    start: int
    end: int
    words: str
    kind: str
    sentence_start: int
    sentence_end: int
    later: list[int]  # the starts of the paragraph's later cues


def _content_after(text: str, cue_end: int, sent_end: int, quotes, cues_after, nouns=()) -> tuple[int, int, list[int]]:
    """Where the content of a speaker-first cue starts and ends (before the outlet's remark on it: ``nouns`` are
    the cue table's claim nouns, :func:`helpers.extract.quotes.phrases.outlet_remark`); also which later cues it
    swallows ("said on Wednesday stressed that": one statement)."""
    start = cue_end
    swallowed = []
    window = text[cue_end:sent_end]
    # "that" right before a verb is a relative pronoun ("asked for help against a threat that was fuelled ..."),
    # not the start of what is said
    m = re.match(r"((?:\s+[\w’'-]+){0,8}?)\s+that\b(?!\s+[\w’'-]+[.,;:!?]?\s*$)(?!\s+\w+[.,;:!?])"
                 r"(?!\s+(?:" + "|".join(sorted(COPULA)) + r")\b)", window)
    if m and not re.search(r"[,.;:“”\"]", m.group(1)) and not any(
            w.lower() in COPULA for w in re.findall(r"[\w’'-]+", m.group(1))):
        start = cue_end + m.end()
        swallowed = [c for c in cues_after if cue_end <= c < start]
    else:
        m = re.match(r"((?:\s+[\w’'-]+){0,5}?)\s*[:,]\s", window)
        if m and not any(w.lower() in COPULA for w in re.findall(r"[\w’'-]+", m.group(1))) and re.match(
                r"(?:\s+(?:on|in|at|to|this|last|late|early|during)\b[\w\s’'-]*)?$", m.group(1) or ""):
            start = cue_end + m.end() - 1
            swallowed = [c for c in cues_after if cue_end <= c < start]
    start += len(text[start:sent_end]) - len(text[start:sent_end].lstrip(" \u00a0,:"))
    end = sent_end
    semicolon = next((i for i in range(start, sent_end) if text[i] == ";" and not inside_quotation(i, quotes)), None)
    if semicolon is not None and len(text[start:semicolon].split()) >= 3:
        end = semicolon  # "X have asked for an independent inquiry; no evidence has been made public": a new clause
    end = outlet_remark(text, start, end, list(nouns), quotes)
    opened = [q for q in quotes if q[2] and q[0] <= start < q[1]]
    orphans = [q for q in quotes if not q[2] and q[1] > start]
    if not opened and orphans and text[start:start + 1] not in "“\"":
        end = orphans[0][1] - 1  # "Vucic said: I do not think ... in Serbia,” Vucic said."
    end = start + len(text[start:end].rstrip(" \u00a0,.;:"))
    return start, max(start, end), swallowed


def find_statements(doc: str, text: str, boilerplate: list[tuple[int, int]], lexicon: CueLexicon) -> list[Statement]:
    """Every statement of one document, paragraph by paragraph (boilerplate lines are never read), with its
    shape; speakers are not resolved yet.

    >>> from helpers.extract.quotes.cues import speech_cues
    >>> line = "“We will set up reserves,” Lukashenko said."
    >>> [(s.shape, line[s.content_start:s.content_end]) for s in find_statements("001", line, [], CueLexicon.from_table(speech_cues()))]
    [('quote first', 'We will set up reserves,')]
    """
    paras = paragraphs(text, boilerplate)
    out: list[Statement] = []
    for index, (start, end) in enumerate(paras):
        quotes = quotation_spans(text, start, end)
        para = _Paragraph(doc, text, index, start, end, quotes, sentence_spans(text, start, end, quotes),
                          paras[index + 1] if index + 1 < len(paras) else None, lexicon)
        _read_cues(para)
        name_colon(para)
        _continuations(para)
        out += para.statements
    return out


def _read_cues(para: _Paragraph) -> None:
    """The statement of each cue of the paragraph, in order, into ``para.statements``."""
    cues = cues_in(para.text, para.start, para.end, para.lexicon.pattern, para.lexicon.kinds, para.quotes)
    cue_starts = [c[0] for c in cues]
    for cs, ce, words in cues:
        if cs in para.swallowed and not (para.lexicon.kinds[words.lower()] == "noun"
                                         and possessor(para.text, para.start, cs) is not None):
            continue  # "said on Wednesday stressed that": one statement; "repeated Tokayev's claim that": Tokayev's
        sa, sb = next(((a, b) for a, b in para.sentences if a <= cs < b), (para.start, para.end))
        # a cue inside content that runs over several sentences is the speaker's own report
        if any(s.content_start <= cs < s.content_end and s.content_end > s.extra.get("sentence_end", s.content_end)
               for s in para.statements):
            continue
        cue = _Cue(cs, ce, words, para.lexicon.kinds[words.lower()], sa, sb, [c for c in cue_starts if c > cs])
        earlier = [s for s in para.statements if sa <= s.cue_start < cs]
        st = _statement_for_cue(para, cue, earlier)
        if st is not None:
            st.extra["sentence_end"], st.extra["sentence_start"] = sb, sa
            para.statements.append(st)
            if "tail" in st.extra:
                para.statements.append(_tail(para, st, sa, sb))


def _continuations(para: _Paragraph) -> None:
    """Quotations that no statement holds, opening a sentence or following a colon: continuations."""
    text = para.text
    for qa, qb, opened in para.quotes:
        if not opened:
            continue
        lead = text[para.start:qa]
        last_sentence_start = max((a for a, _ in para.sentences if a <= qa), default=para.start)
        starts_sentence = not text[last_sentence_start:qa].strip()
        after_colon = lead.rstrip().endswith(":")
        if not (starts_sentence or after_colon):
            continue
        if any(s.content_start < qb and qa < s.content_end for s in para.statements):
            continue
        if any(s.shape == "quote first" and s.content_start <= qa + 1 < s.content_end for s in para.statements):
            continue
        content_start, content_end = qa + 1, qb - 1 if text[qb - 1:qb] in "”\"" else qb
        para.statements.append(Statement(para.doc, "", qa, qa, content_start, content_end, shape="continuation",
                                         paragraph=para.index, inherit=True))


def _statement(para: _Paragraph, cue: _Cue, content: tuple[int, int], speaker: tuple[int, int], shape: str) -> Statement:
    return Statement(para.doc, para.text[cue.start:cue.end], cue.start, cue.end, *content, *speaker, shape, para.index)


def _statement_for_cue(para: _Paragraph, cue: _Cue, earlier: list[Statement]) -> Statement | None:
    """The statement a cue opens (see the shapes in the module docstring), or None."""
    if cue.kind == "prepositional":
        return _according_to(para, cue, earlier)
    text, sa, cs = para.text, cue.sentence_start, cue.start
    if NEGATED.search(text, max(sa, cs - 40), cs):  # "has not said how many", "did not say which ones": nothing said
        return None
    owner = possessor(text, sa, cs)
    if owner is not None:  # "Tokayev's claim that foreign-trained terrorists ...": the owner's claim
        m = re.match(r"\s+(?:that|of|about)\s+", text[cue.end:cue.sentence_end], re.IGNORECASE)
        content = strip_phrase(text, cue.end + (m.end() if m else 0), cue.sentence_end)
        verb = PREDICATE.search(text, *content) if m and m.group(0).strip().lower() != "that" else None
        if verb and not inside_quotation(verb.start(), para.quotes):  # "X's account of Y is unproven": Y only
            content = strip_phrase(text, content[0], verb.start())
        content = strip_phrase(text, content[0], outlet_remark(text, *content, para.lexicon.nouns, para.quotes))
        return _statement(para, cue, content, owner, "possessive")
    named = QUOTED_AS_SAYING.match(text, cue.end, cue.sentence_end)
    if named:  # "Kazinform quoted Tokayev as saying that ...": the one quoted is the speaker, the subject a channel
        content = strip_phrase(text, named.end(), cue.sentence_end)
        return _statement(para, cue, content, (named.start(1), named.end(1)), "quoted as saying")
    agent = PASSIVE_AGENT.match(text, cue.end, cue.sentence_end)
    if agent:  # "The protests were described by Maria Zakharova as ...": the agent of the passive is the speaker
        content = (sa, strip_phrase(text, sa, cue.sentence_end)[1])  # the whole sentence, "As noted by" included
        prior = [(a, b) for a, b in para.sentences if b <= sa]
        if prior and re.fullmatch(r"\s*(?:This|That|It)\s+(?:was|has\s+been|had\s+been)\s+", text[sa:cs]):
            # "Militants from abroad took part. This was stated by Konstantin Kosachev.": the sentence before
            content = strip_phrase(text, *prior[-1])
        st = _statement(para, cue, content, (agent.start(1), agent.end(1)), "passive")
        st.extra["subject_anywhere"] = True
        return st
    # coordinated: "... and added that", ", while stressing that", ", which has denounced that", ", blaming"
    lead = text[sa:cs]
    while True:
        m = re.search(r"\s(\w+)\s*$", " " + lead)
        if not (m and m.group(1).lower() in AUX):
            break
        lead = lead[:len(lead) - len(m.group(0)) + 1]
    coordinated = bool(_COORDINATED.search(lead))
    if coordinated and earlier:
        start, end, eaten = _content_after(text, cue.end, cue.sentence_end, para.quotes, cue.later, para.lexicon.nouns)
        para.swallowed.update(eaten)
        st = Statement(para.doc, text[cs:cue.end], cs, cue.end, start, end, shape="coordinated",
                       paragraph=para.index, inherit=True)
        st.extra["zone"] = zone_start(text, sa, cs)
        return st
    # a subject starts after the cues before it in this sentence, and after the content that ends before it
    begin = max([sa] + [s.cue_end for s in earlier] + [s.content_end for s in earlier if s.content_end <= cs])
    earlier = [s for s in earlier if not s.content_start <= cs < s.content_end]
    st = _quote_first(para, cue) or _after(para, cue, earlier)
    if st is not None:
        return st
    if not text[cue.end:para.end].strip(" \u00a0:") and text[cue.end:para.end].strip() == ":":
        return _framing(para, cue, earlier)
    # speaker first: SPEAKER CUE [that|:|,] CONTENT
    start, end, eaten = _content_after(text, cue.end, cue.sentence_end, para.quotes, cue.later, para.lexicon.nouns)
    para.swallowed.update(eaten)
    st = _statement(para, cue, (start, end), (begin, cs), "speaker first")
    zone = after_last_comma(text, begin, cs, para.quotes)
    st.extra["zone"] = zone if text[zone:cs].strip() else begin
    if coordinated and not earlier:
        st.extra["subject_anywhere"] = True
    return st


def _according_to(para: _Paragraph, cue: _Cue, earlier: list[Statement]) -> Statement | None:
    """According to SPEAKER, CONTENT / CONTENT, according to SPEAKER."""
    text, sa, sb, cs, ce = para.text, cue.sentence_start, cue.sentence_end, cue.start, cue.end
    if not text[sa:cs].strip(" \u00a0\"“”"):  # According to X, CONTENT
        stop = re.search(r"[,:;]", text[ce:sb])
        if stop is None:
            return None
        speaker_end = ce + stop.start()
        content_start = speaker_end + 1
        own = re.search(r"\b(?:his|her|their)\b", text[cs:ce], re.IGNORECASE)
        if own and not text[ce:speaker_end].strip():  # "In his view, ...": the pronoun inside the cue
            ce, speaker_end = cs + own.start(), cs + own.end()
        colon_quote = re.search(r":\s*[“\"]", text[content_start:sb])
        content_end = content_start + colon_quote.start() if colon_quote else sb
        st = _statement(para, cue, strip_phrase(text, content_start, content_end), (ce, speaker_end), "according to")
        st.channel_of_inner = True
        return st
    own = re.search(r"\b(?:his|her|their)\b", text[cs:ce], re.IGNORECASE)
    if own:  # "..., in his words: the danger came from ...": the pronoun's words, the whole sentence
        st = _statement(para, cue, strip_phrase(text, sa, sb), (cs + own.start(), cs + own.end()), "according to")
        st.channel_of_inner = True
        return st
    comma = text.rfind(",", sa, cs)
    if comma < 0 or text[comma:cs].strip(" ,"):
        return None
    begin = max([sa] + [s.content_end for s in earlier if s.content_end <= comma])
    return _statement(para, cue, strip_phrase(text, begin, comma), (ce, sb), "according to (after)")


def _quote_first(para: _Paragraph, cue: _Cue) -> Statement | None:
    """“CONTENT,” SPEAKER CUE / “CONTENT,” CUE SPEAKER, or None when the cue does not follow a quotation."""
    text, cs = para.text, cue.start
    closing = [q for q in para.quotes if q[1] <= cs and q[1] > cue.sentence_start - 1 and not text[q[1]:cs].count("“")]
    if not closing:
        return None
    qa, qb, opened = closing[-1]
    between = text[qb:cs]
    if re.match(r"[\s\u00a0]*,[\s\u00a0]*(?:and|but)\s", between):  # 'blamed "bandits", and he has said ...': a
        return None  # new clause with a subject of its own, not an attribution of the quotation before it
    inside_end = text[qb - 2:qb - 1] if qb - 2 >= 0 else ""
    comma_after = between.lstrip(" \u00a0").startswith(",")
    if not ((inside_end in {",", ".", "!", "?", "…"} or comma_after) and re.fullmatch(
            r"[\s,\u00a0]*(?:[^.!?;:“”\"\n]{0,80}?)[\s,\u00a0]*", between) and len(between.split()) <= 10):
        return None
    content_start = qa + 1 if opened else orphan_start(para.start, qb, para.statements)
    a, b = strip_phrase(text, qb, cs)
    speaker = (a, b) if a < b else speaker_after(text, cue.end, cue.sentence_end)  # SPEAKER CUE / CUE SPEAKER
    return _statement(para, cue, (content_start, qb - 1), speaker, "quote first")


def _after(para: _Paragraph, cue: _Cue, earlier: list[Statement]) -> Statement | None:
    """CONTENT, SPEAKER CUE. / CONTENT, CUE SPEAKER., or None when more than a few words follow the cue."""
    text, sa, cs = para.text, cue.sentence_start, cue.start
    rest = text[cue.end:cue.sentence_end]
    tail = TAIL.search(rest)  # "CONTENT, he said, and CONTENT": the attribution ends at the coordinated clause
    if tail and not re.search(r"[“”\"]", rest[:tail.start()]):
        rest = rest[:tail.start()]
    else:
        tail = None
    comma = after_last_comma(text, sa, cs, para.quotes)
    named = re.match(r"[^,]*", rest).group(0)  # "..., said Dosym Satpayev, an analyst in Almaty.": name, apposition
    if (comma > sa and not text[comma:cs].strip(" ,\u00a0") and named != rest and 0 < len(named.split()) <= 5
            and not re.search(r"\bthat\b|[:“\"]", rest)):
        rest = named
    words = len(re.findall(r"[\w’'-]+", rest))
    # "said in a commentary"; "..., Wang said, according to the ministry" (a channel after the cue); "..., the
    # minister said, thanking China" (a participle that is no speech cue: what the speaker did, not said)
    circumstance = re.match(r"\s*(?:in|on|at|during|after|late|early|this|last)\b", rest) or _side_clause(
        rest, para.lexicon)
    short_rest = (words <= 4 or circumstance and words <= 8 or _inverted_speaker(text, sa, comma, cs, rest)) and not \
        re.search(r"\bthat\b|[:“\"]", rest)
    if not (short_rest and comma > sa and len(text[comma:cs].split()) <= 8):
        return None
    speaker_words = text[comma:cs].strip(" ,\u00a0")
    if speaker_words and rest.strip(" .!?\u00a0\n") and not circumstance and not names_an_addressee(cue.words):
        return None  # "..., as the president talks of foreign terrorists": the words after the cue are what is said
    begin = max([sa] + [s.content_end for s in earlier])
    speaker, content_end = strip_phrase(text, comma, cs), comma
    if speaker[0] >= speaker[1] and (not rest.strip(" .!?\u00a0\n") or circumstance):  # "X, Y, said (on Monday)."
        speaker, content_end = apposition(text, begin, comma, para.quotes)
    if speaker[0] >= speaker[1]:  # CONTENT, CUE SPEAKER ("..., Claims Serbian President")
        speaker, content_end = speaker_after(text, cue.end, cue.end + len(rest)), comma
    st = _statement(para, cue, strip_phrase(text, begin, content_end), speaker, "after")
    if tail:  # the clause after it is the same speaker's
        st.extra["tail"] = strip_phrase(text, cue.end + tail.end(), cue.sentence_end)
    return st


def _inverted_speaker(text: str, sa: int, comma: int, cs: int, rest: str) -> bool:
    """Whether a cue right after a comma is followed by a long speaker, not by what is said ("..., said the press
    service of the Russian Foreign Ministry"): a noun phrase of up to 12 words that opens with a determiner or a
    capital and holds no auxiliary or copula, after a content with no comma of its own (a name with an apposition
    or a relative clause: "Tokayev, who ..., said foreign fighters took part")."""
    if comma <= sa or text[comma:cs].strip(" ,\u00a0") or "," in text[sa:comma - 1]:
        return False  # "X, who ..., said ..." / "The spokesman, Saeed Khatibzadeh, called ...": an apposition
    words = re.findall(r"[\w’'-]+", rest)
    return 0 < len(words) <= 12 and bool(re.match(r"\s*(?:the\b|a\b|an\b|[A-Z])", rest)) and not any(
        w.lower() in COPULA or w.lower() in AUX for w in words)


def _side_clause(rest: str, lexicon: CueLexicon) -> bool:
    """Whether the words after a cue are a side clause, not what is said: a channel (", according to X",
    ", citing X") or a participle that is no speech cue (", thanking China", ", speaking from London")."""
    m = re.match(r"\s*,\s*(according\s+to|citing|quoting|[a-z]+ing)\b", rest)
    if m is None:
        return False
    word = re.sub(r"\s+", " ", m.group(1)).lower()
    return word in {"according to", "citing", "quoting"} or word not in lexicon.kinds


def _tail(para: _Paragraph, st: Statement, sa: int, sb: int) -> Statement:
    """The coordinated clause after a mid-sentence attribution ("..., he said, and the groups had been trained
    abroad"): a statement of the same speaker."""
    a, b = st.extra.pop("tail")
    out = Statement(para.doc, st.cue, st.cue_start, st.cue_end, a, b, shape="coordinated", paragraph=para.index,
                    inherit=True)
    out.extra.update(sentence_end=sb, sentence_start=sa, zone=st.cue_end)
    return out


def _framing(para: _Paragraph, cue: _Cue, earlier: list[Statement]) -> Statement | None:
    """SPEAKER CUE: (end of paragraph) -> the next paragraph, if it has no attribution of its own."""
    if para.following is None:
        return None
    na, nb = para.following
    lexicon = para.lexicon
    if cues_in(para.text, na, nb, lexicon.pattern, lexicon.kinds, quotation_spans(para.text, na, nb)):
        return None  # "A report (...) said:" before "Vucic told reporters ...": the report is a channel
    begin = max([cue.sentence_start] + [s.content_end for s in earlier])
    return _statement(para, cue, (na, nb), strip_phrase(para.text, begin, cue.start), "framing")
