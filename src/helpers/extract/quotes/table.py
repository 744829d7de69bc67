"""The statements table: every statement of the corpus with its resolved speaker, and the look-ups the
interference chapter and the methodology scores use."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.extract.quotes.cues import CueLexicon, speech_cues
from helpers.extract.quotes.find import Statement, find_statements
from helpers.extract.quotes.marks import strip_phrase
from helpers.extract.quotes.speakers import Lexicon, Spans, resolve, speaker_lexicon
from helpers.extract.quotes.subjects import parsed_sentences, subject_span

QUOTE_COLUMNS = [
    "doc", "start", "end", "speaker", "speaker_id", "speaker_affiliation", "cue", "content_start", "content_end",
    "content", "speaker_text", "how",
]
HOWS = ("name", "title", "place", "pronoun", "description", "continuation", "unresolved")


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
    lexicon = CueLexicon.from_table(speech_cues(knowledge_dir))
    entities = tables.entities
    place_entities = entities[entities["entity_id"].fillna("").astype(str).str.startswith("place:")]
    lex = speaker_lexicon(knowledge_dir)
    boilerplate = {doc: list(zip(p["start"], p["end"])) for doc, p in tables.boilerplate.groupby("doc")}
    actors_by_doc = {doc: part.sort_values("start") for doc, part in actors.groupby("doc", sort=False)}
    places_by_doc = {doc: part for doc, part in place_entities.groupby("doc", sort=False)}
    sentences_by_doc = {doc: list(zip(p["start"], p["end"])) for doc, p in tables.sentences.groupby("doc", sort=False)}
    rows = []
    for doc in sorted(tables.texts):
        text = tables.texts[doc]
        found = find_statements(doc, text, boilerplate.get(doc, []), lexicon)
        found = _drop_relays(found)
        _trim(found, text)
        found, voices = _drop_channels(found)
        _parsed_subjects(found, tables, doc, sentences_by_doc.get(doc))
        doc_mentions = Spans(actors_by_doc.get(doc, actors.iloc[:0]))
        doc_places = Spans(places_by_doc.get(doc, place_entities.iloc[:0]))
        done: list[Statement] = []
        for st in sorted(found, key=lambda s: (min(s.cue_start, s.content_start), s.cue_start)):
            if st.extra.get("answer"):
                _answerer(st, done)
                done.append(st)
                continue
            resolve(st, text, doc_mentions, doc_places, lex, done)
            done.append(st)
            for voice in voices.get(id(st), []):
                _give_voice(st, voice, text, doc_mentions, doc_places, lex, done)
        for st in done:
            if st.extra.get("needs_name") and st.how not in {"name", "title"} and not (
                    st.shape == "speaker tag" and st.speaker_type == "person"):  # a person the gazetteer lacks
                continue
            if st.extra.get("needs_person") and st.speaker_type != "person":
                continue
            if st.extra.get("needs_id") and not st.speaker_id:  # "Kazakhstan unrest: What we know" names no one
                continue
            row = _row(doc, text, st, lex)
            if row is not None:
                rows.append(row)
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "content_start": "int64", "content_end": "int64"})
    return frame.sort_values(["doc", "content_start", "start"], kind="stable").reset_index(drop=True)


def _answerer(st: Statement, done: list[Statement]) -> None:
    """An "A:" / "Answer:" turn is the person whose turn a speaker tag last named ("Maria Zakharova: ..."); with
    none, it names no one and makes no row (``needs_person``)."""
    st.extra["needs_person"] = True
    tagged = next((s for s in reversed(done) if s.shape == "speaker tag" and s.speaker_type == "person"), None)
    if tagged is not None:
        st.speaker, st.speaker_id, st.speaker_type = tagged.speaker, tagged.speaker_id, tagged.speaker_type
        st.speaker_text, st.how = tagged.speaker_text, tagged.how


def _parsed_subjects(found: list[Statement], tables, doc: str, sentences: list[tuple[int, int]] | None) -> None:
    """Where the pipeline has a parser, the speaker's words of a speaker-first statement are the subject of
    its cue verb (:func:`helpers.extract.quotes.subjects.subject_span`), when that subject precedes the cue."""
    todo = [st for st in found if st.shape == "speaker first" and not st.inherit and st.speaker_start >= 0]
    spans = sorted({next(((a, b) for a, b in sentences or [] if a <= st.cue_start < b), (-1, -1)) for st in todo})
    spans = [sp for sp in spans if sp[0] >= 0]
    docs = parsed_sentences(tables, doc, spans)
    if docs is None:
        return
    by_span = dict(zip(spans, docs))
    for st in todo:
        span = next(((a, b) for a, b in by_span if a <= st.cue_start < b), None)
        if span is None:
            continue
        subject = subject_span(by_span[span], span[0], st.cue_start)
        if subject is not None and subject[1] <= st.cue_start:
            st.speaker_start, st.speaker_end = subject
            st.extra["parsed_subject"] = True


def _row(doc: str, text: str, st: Statement, lex: Lexicon) -> dict | None:
    """The table row of a resolved statement: its span covers content, cue and speaker (with the quotation
    marks), or None when its content is empty once tidied."""
    st.content_start, st.content_end = _tidy(text, st.content_start, st.content_end)
    if st.content_end <= st.content_start:
        return None
    bounds = [st.content_start, st.content_end, st.cue_start, st.cue_end]
    if st.speaker_start >= 0 and st.speaker_end > st.speaker_start and st.shape != "speaker first":
        bounds += [st.speaker_start, st.speaker_end]
    elif st.shape == "speaker first" and st.speaker_text:
        where = text.rfind(st.speaker_text, st.speaker_start, st.cue_start) if st.speaker_text else -1
        if where >= 0:
            bounds.append(where)
    if st.extra.get("named_at", -1) >= 0:
        bounds.append(st.extra["named_at"])
    if "voice" in st.extra:
        bounds += [st.extra["voice"][0], strip_phrase(text, *st.extra["voice"])[1]]
    start, end = min(bounds), max(bounds)
    start -= 1 if start > 0 and text[start - 1] in "“\"" else 0  # the statement keeps its quotation marks
    end += 1 if end < len(text) and text[end] in "”\"" else 0
    affiliation = str(lex.actors.at[st.speaker_id, "affiliation"]) if st.speaker_id else ""
    return {
        "doc": doc, "start": start, "end": end, "speaker": st.speaker or st.speaker_text,
        "speaker_id": st.speaker_id, "speaker_affiliation": affiliation, "cue": st.cue,
        "content_start": st.content_start, "content_end": st.content_end,
        "content": text[st.content_start:st.content_end], "speaker_text": st.speaker_text, "how": st.how,
    }


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


def _drop_relays(found: list[Statement]) -> list[Statement]:
    """Drop "According to X, Y said ...": X only relays what Y says (Y is the speaker)."""
    return [st for st in found if not (st.channel_of_inner and any(
        st.content_start <= o.cue_start < st.content_end and o is not st and o.shape != "continuation" for o in found))]


def _drop_channels(found: list[Statement]) -> tuple[list[Statement], dict[int, list[Statement]]]:
    """Drop statements whose content another statement already holds (a channel: "TASS reported"). A dropped
    "CONTENT, according to X" / "in the words of X" is kept aside, by the statement it overlaps, as a possible
    voice of that statement's speaker (:func:`_give_voice`)."""
    kept: list[Statement] = []
    voices: dict[int, list[Statement]] = {}
    for st in sorted(found, key=lambda s: s.cue_start):
        if st.extra.get("fallback"):  # a transcript's speaker tag holds no statement back
            kept.append(st)
            continue
        holder = next((k for k in kept if k.content_start < st.content_end and st.content_start < k.content_end
                       and not k.extra.get("fallback")), None)
        if holder is not None and st.shape == "possessive" and holder.shape != "possessive":
            kept.remove(holder)  # "Papers repeated Tokayev's claim that ...": the owner's claim, not the relay's
            holder = None
        if holder is not None:
            if st.shape == "according to (after)":
                voices.setdefault(id(holder), []).append(st)
            continue
        kept.append(st)
    return kept, voices


def _give_voice(st: Statement, voice: Statement, text: str, mentions, places, lex: Lexicon, before) -> None:
    """A person named after the content of an organisation's statement speaks for it ("The US called claims of an
    American role 'absolutely false', in the words of White House spokeswoman Jen Psaki"): the person is the
    speaker. A channel that is not a person ("..., according to Interfax") leaves the speaker as it is."""
    if st.speaker_type == "person" or not st.speaker_type:
        return
    resolve(voice, text, mentions, places, lex, before)
    if voice.speaker_type == "person" and voice.speaker_id:
        if st.speaker_start >= 0:  # the words that name the body stay in the statement's span
            st.extra["named_at"] = strip_phrase(text, st.speaker_start, st.cue_start)[0]
        st.speaker, st.speaker_id, st.speaker_type = voice.speaker, voice.speaker_id, voice.speaker_type
        st.speaker_text, st.how = voice.speaker_text, voice.how
        st.extra["voice"] = (voice.cue_start, voice.speaker_end)  # the statement's span holds its voice


def _trim(found: list[Statement], text: str) -> None:
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
            elif other.shape == "according to (after)":
                stops.append(text.rfind(",", st.content_start, other.cue_start) if text.rfind(
                    ",", st.content_start, other.cue_start) > st.content_start else other.cue_start)
            elif other.shape == "possessive" and other.speaker_start >= st.content_start:
                stops.append(other.speaker_start)  # "repeated Tokayev's words ...: CONTENT": the owner's claim
            elif other.shape == "speaker first" and _nested_act(text, st, other):
                continue  # "He said that Kazakhstan had asked for help against ...": what he said, all of it
            elif other.shape in {"coordinated", "speaker first", "after"}:
                stops.append(other.extra.get("zone", other.speaker_start if other.speaker_start >= 0 else other.cue_start)
                             if other.shape != "after" else min(other.speaker_start, other.cue_start))
        if stops:
            end = min(stops)
            piece = text[st.content_start:end]
            piece = re.sub(r"(?:[\s,]+(?:and|while|before|which|whereas))?[\s,]*$", "", piece)
            st.content_end = st.content_start + len(piece)


ACT_COMPLEMENT = re.compile(r"\s*(?:for|on|to|of|about|against|with)\b", re.IGNORECASE)


def _nested_act(text: str, outer: Statement, inner: Statement) -> bool:
    """Whether ``inner`` is an act reported inside what ``outer`` says, not a statement of its own: its subject
    opens ``outer``'s content (no comma between) and its cue takes a prepositional complement ("asked for help",
    "called on", "appealed to"), not a proposition."""
    head = text[outer.content_start:inner.cue_start]
    return ("," not in head and inner.speaker_start <= outer.content_start
            and bool(ACT_COMPLEMENT.match(text, inner.cue_end)))


class StatementIndex:
    """One document's statements as arrays of their offsets, for the look-ups of many claims in that document
    (built once per document, so a claim costs a few array comparisons, not a DataFrame filter)."""

    def __init__(self, quotes: pd.DataFrame):
        self.quotes = quotes.reset_index(drop=True)
        self.start = self.quotes["start"].to_numpy(dtype="int64")
        self.end = self.quotes["end"].to_numpy(dtype="int64")
        self.content_start = self.quotes["content_start"].to_numpy(dtype="int64")
        self.content_end = self.quotes["content_end"].to_numpy(dtype="int64")

    def _smallest(self, mask: np.ndarray, a: np.ndarray, b: np.ndarray) -> int | None:
        hits = np.flatnonzero(mask)
        return None if not len(hits) else int(hits[np.argmin((b - a)[hits])])

    def covering(self, start: int, end: int) -> int | None:
        """The row of the statement whose content covers ``[start, end)`` (the innermost), else the one whose
        whole span covers it (the smallest), else None."""
        row = self._smallest((self.content_start <= start) & (self.content_end >= end), self.content_start,
                             self.content_end)
        if row is None:
            row = self._smallest((self.start <= start) & (self.end >= end), self.start, self.end)
        return row

    def opening(self, start: int, end: int, reach: bool = False) -> int | None:
        """The row of a statement whose attribution lies inside ``[start, end)`` and whose content runs on from
        there to the end of the span or beyond ("..., President Xi Jinping said China opposes ..."). With
        ``reach`` the content may end before the span does: a span that opens with the speaker and the cue
        ("Tokayev has blamed the violence on 20,000 "terrorists", some of them trained abroad") is the speaker's
        even where the parse of what is said stops at an apposition."""
        mask = (self.start >= start) & (self.start < self.content_start) & (self.content_start > start) & (
            self.content_start < end)
        if not reach:
            mask &= self.content_end >= end - 1
        hits = np.flatnonzero(mask)
        return None if not len(hits) else int(hits[np.argmax(self.content_start[hits])])

    def row(self, i: int) -> pd.Series:
        """The statement of row ``i``."""
        return self.quotes.iloc[i]


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
    index = StatementIndex(quotes[quotes["doc"] == doc])
    row = index.covering(start, end)
    return None if row is None else index.row(row)


def statements_by_content(tables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The corpus's statements with ``start, end`` set to the content span (how they are scored against the
    hand labels of ``labels/quotes_gold.csv``, which quote what is said).

    >>> s = statements_by_content(load_tables("../seeds"))                          # doctest: +SKIP
    >>> (s["start"] == s["content_start"]).all()                                    # doctest: +SKIP
    True
    """
    from helpers.extract.actors import actor_mentions

    quotes = quotes_table(tables, actor_mentions(tables, knowledge_dir=knowledge_dir), knowledge_dir=knowledge_dir)
    return quotes.assign(start=quotes["content_start"], end=quotes["content_end"])
