"""The extractors, registered in one place (as spaCy registers its components).

Every extractor has one shape, ``extract(doc_tables, knowledge_dir=None) -> DataFrame``, over ONE
document's tables (:class:`DocTables`: its text, sentences, entities, boilerplate, its row of the
documents table, and the rows of the extractors it runs after). :data:`REGISTRY` lists them in the
order they run; ``after`` names the extractors whose rows for the same document an extractor reads
(the quotes need the actor mentions for their speakers, the interference claims need the quotes).
The extraction stage (:mod:`helpers.extract.stage`), the methodology scores and the tests iterate it.

>>> [ex.name for ex in REGISTRY]
['casualties', 'places', 'dates', 'actors', 'leftovers', 'quotes', 'claims']
>>> get("claims").after
('quotes',)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.parse.cache import TokenSource

NAME_WORD = re.compile(r"[A-Za-z][\w’'-]*")  # the words of a name, as the actor extractor reads them


@dataclass
class DocTables:
    """One document's tables, the input of every extractor (the same attributes as a corpus's ``Tables``).

    ``texts`` maps the one document to its text, so the corpus-wide extractor functions run on it
    unchanged; ``extracted`` holds the rows of earlier extractors for this document, by name. The tables
    of several documents joined (:func:`join_tables`) carry every document's text in ``joined``.
    """

    doc: str
    text: str
    sentences: pd.DataFrame
    entities: pd.DataFrame
    boilerplate: pd.DataFrame
    documents: pd.DataFrame  # the document's one row of the documents table (sources.csv metadata)
    vocabulary: frozenset[str] | None = None  # the corpus's lower-case words that this document's names hold
    extracted: dict[str, pd.DataFrame] = field(default_factory=dict)
    pipeline: str | None = None  # the pipeline that parsed the corpus (the casualty grammar parses with it)
    joined: dict[str, str] | None = None  # several documents' texts, by name (see join_tables)
    parses: dict[str, TokenSource] | None = None  # where the parse keeps each document's tokens (a parser ran)
    # the sentence Docs built so far, by (doc, start, end): each is built once and shared by the extractors
    built: dict[tuple[str, int, int], object] = field(default_factory=dict, repr=False, compare=False)
    tokens: dict[str, list] = field(default_factory=dict, repr=False, compare=False)  # stored tokens read, by doc

    @property
    def texts(self) -> dict[str, str]:
        return self.joined if self.joined is not None else {self.doc: self.text}

    def sentence_docs(self, doc: str, spans: list[tuple[int, int]]) -> list:
        """The parsed sentences ``spans`` of ``doc`` as spaCy Docs (dependencies, POS tags, entities),
        rebuilt from the parse's stored tokens (:func:`helpers.extract.text.sentence_docs`), no pipeline
        run; a ValueError if the parse stored none (``blank:en`` has no parser: check ``parses`` first).
        A sentence asked for again (the casualty grammar and the quotes' subjects read the same ones) is
        the Doc built the first time: the extractors read these Docs and never change them.
        """
        from helpers.extract.text import sentence_docs

        if not spans:
            return []
        if not self.parses or doc not in self.parses:
            raise ValueError(f"{doc}: the parse stored no tokens (pipeline {self.pipeline} has no parser?)")
        missing = list(dict.fromkeys(span for span in spans if (doc, *span) not in self.built))
        if missing:
            ents = self.entities[self.entities["doc"].to_numpy() == doc]
            if doc not in self.tokens:
                self.tokens[doc] = self.parses[doc].rows()
            rebuilt = sentence_docs(self.texts[doc], self.tokens[doc],
                                    zip(ents["start"].tolist(), ents["end"].tolist(), ents["label"].tolist()),
                                    missing)
            self.built.update({(doc, *span): built for span, built in zip(missing, rebuilt)})
        return [self.built[(doc, *span)] for span in spans]


def split_tables(tables, lowercase: Callable | None = None) -> list[DocTables]:
    """One :class:`DocTables` per document of a corpus's tables, in document order.

    The one corpus-wide input of an extractor is the actor extractor's test of a capitalised name
    ("Media", "Council"): does the corpus also write its words in lower case? Each document gets the
    corpus's lower-case words that its entities hold (``vocabulary``), so its rows are those of the
    corpus-wide run, and its cache key changes only when another document adds such a word.
    ``lowercase``: what gives a document's own lower-case words (default: the actor extractor's
    ``_lowercase_vocabulary``; the stage passes one that keeps them between runs).
    """
    from helpers.extract.actors import _lowercase_vocabulary

    def by_doc(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
        return {doc: part.reset_index(drop=True) for doc, part in frame.groupby("doc", sort=False)}

    sentences, entities = by_doc(tables.sentences), by_doc(tables.entities)
    boilerplate, documents = by_doc(tables.boilerplate), by_doc(tables.documents)
    out = [DocTables(doc, text, sentences.get(doc, tables.sentences.iloc[:0]),
                     entities.get(doc, tables.entities.iloc[:0]), boilerplate.get(doc, tables.boilerplate.iloc[:0]),
                     documents.get(doc, tables.documents.iloc[:0]))
           for doc, text in tables.texts.items()]
    lowercase = lowercase or _lowercase_vocabulary
    corpus_words = set().union(*(lowercase(d) for d in out)) if out else set()
    for d in out:
        names = {w.lower() for t in d.entities["text"] for w in NAME_WORD.findall(t)}
        d.vocabulary = frozenset(corpus_words & names)
        d.pipeline = getattr(tables, "pipeline", None)
        source = tables.token_source(d.doc) if hasattr(tables, "token_source") else None
        d.parses = {d.doc: source} if source else None
    return out


# ---- the extractors, each over one document ----


def casualties(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Casualty claims with ``subcount`` and ``superseded`` flags (:func:`helpers.extract.casualties.casualty_claims`)."""
    from helpers.extract.casualties import casualty_claims, is_subcount, with_superseded

    claims = casualty_claims(doc_tables.texts, doc_tables.sentences, lexicon_dir=knowledge_dir,
                             pipeline=doc_tables.pipeline,
                             sentence_docs=doc_tables.sentence_docs if getattr(doc_tables, "parses", None) else None)
    claims["subcount"] = is_subcount(claims, doc_tables.texts)
    return with_superseded(claims, doc_tables.texts, knowledge_dir)


def places(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Place mentions with their role and the date their sentence states (:mod:`helpers.extract.places`)."""
    from helpers.extract.places import mention_dates, place_mentions

    return mention_dates(place_mentions(doc_tables, knowledge_dir), doc_tables.texts, doc_tables.documents)


def dates(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Date mentions, resolved against the publication date, with ``refers_to`` (event or statement)."""
    from helpers.extract.dates import date_mentions, statement_dates

    mentions = date_mentions(doc_tables, lexicon_dir=knowledge_dir)
    statement = statement_dates(mentions, doc_tables.texts, lexicon_dir=knowledge_dir)
    mentions["refers_to"] = pd.Series("event", index=mentions.index, dtype=object).where(~statement, "statement")
    return mentions


def actors(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Actor mentions resolved to ``actors.csv`` (:func:`helpers.extract.actors.actor_mentions`)."""
    from helpers.extract.actors import actor_mentions

    return actor_mentions(doc_tables, knowledge_dir=knowledge_dir)


def leftovers(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The model's names no gazetteer covers, with what became of each (:func:`helpers.extract.actors.model_leftovers`)."""
    from helpers.extract.actors import model_leftovers

    return model_leftovers(doc_tables, knowledge_dir=knowledge_dir)


def quotes(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Statements with their speakers, resolved from this document's actor mentions (``after`` actors)."""
    from helpers.extract.quotes import quotes_table

    return quotes_table(doc_tables, doc_tables.extracted["actors"], knowledge_dir=knowledge_dir)


def claims(doc_tables: DocTables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Claims of foreign interference, attributed to this document's statements (``after`` quotes)."""
    from helpers.extract.interference import interference_claims

    return interference_claims(doc_tables, doc_tables.extracted["quotes"], lexicon_dir=knowledge_dir)


@dataclass(frozen=True)
class Extractor:
    """A registered extractor: its name, the function, what it runs after, the knowledge files it reads."""

    name: str
    extract: Callable[..., pd.DataFrame]
    module: str  # the module that does the work: its code (and the helpers modules it imports) keys the cache
    knowledge: tuple[str, ...]  # the knowledge files it reads (a changed one re-extracts every document)
    after: tuple[str, ...] = ()
    text_column: str = "text"  # the column that equals text[start:end] (checked when the table is written)


REGISTRY: list[Extractor] = [
    Extractor("casualties", casualties, "helpers.extract.casualties",
              ("vague_numbers.csv", "number_words.csv", "casualty_terms.csv", "victim_groups.csv",
               "casualty_paths.csv", "casualty_scopes.csv", "casualty_revisions.csv", "places.csv"),
              text_column="quote"),
    Extractor("places", places, "helpers.extract.places", ("places.csv", "place_roles.csv", "actors.csv")),
    Extractor("dates", dates, "helpers.extract.dates", ("date_words.csv", "number_words.csv")),
    Extractor("actors", actors, "helpers.extract.actors", ("actors.csv", "actor_name_patterns.csv",
                                                          "actor_titles.csv")),
    Extractor("leftovers", leftovers, "helpers.extract.actors", ("actors.csv",)),
    Extractor("quotes", quotes, "helpers.extract.quotes", ("speech_cues.csv", "places.csv", "actors.csv",
                                                          "actor_name_patterns.csv"),
              after=("actors",), text_column="statement"),
    Extractor("claims", claims, "helpers.extract.interference", ("interference_lexicon.csv", "narratives.csv"),
              after=("quotes",), text_column="quote"),
]

# The tables each chapter reads (besides its parameters): a chapter is executed again only when one changed.
CHAPTER_TABLES: dict[str, tuple[str, ...]] = {
    "casualties": ("casualties",),
    "geography": ("places",),
    "actors": ("actors", "quotes", "leftovers"),
    "foreign_interference": ("claims",),
    "timeline": ("dates", "timeline_events"),
}


def get(name: str) -> Extractor:
    """The registered extractor ``name``; a KeyError naming the registered ones otherwise."""
    for ex in REGISTRY:
        if ex.name == name:
            return ex
    raise KeyError(f"no extractor {name!r}; registered: {', '.join(ex.name for ex in REGISTRY)}")


def join_tables(docs: list[DocTables]) -> DocTables:
    """Several documents' tables as one, in their order: the extractors are written corpus-wide, so one run
    over the joined tables pays their fixed costs (lexicons, pandas calls) once for all of them.

    ``vocabulary`` is the union of the documents' own: a word of one document's names is in it exactly
    when it is in that document's vocabulary (the corpus's lower-case words that its names hold).
    """
    def joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
        full = [f for f in frames if len(f)]
        return pd.concat(full, ignore_index=True) if len(full) > 1 else (full or frames)[0].reset_index(drop=True)

    first = docs[0]
    return DocTables(first.doc, first.text, joined([d.sentences for d in docs]), joined([d.entities for d in docs]),
                     joined([d.boilerplate for d in docs]), joined([d.documents for d in docs]),
                     frozenset().union(*(d.vocabulary or () for d in docs)), pipeline=first.pipeline,
                     joined={d.doc: d.text for d in docs},
                     parses={doc: src for d in docs for doc, src in (d.parses or {}).items()} or None)


def split_rows(frame: pd.DataFrame, docs: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of a joined run for each of ``docs`` (its ``doc`` column), each re-indexed from 0; a document
    without rows gets the table's columns and no row (its dtypes may differ from those of a run of that
    document alone; the stage's tables leave out empty rows unless no document has any, and an empty
    table's CSV is its header either way)."""
    rows: dict[str, list[int]] = {}
    for position, doc in enumerate(frame["doc"].tolist() if len(frame) else ()):  # one pass, rows kept in order
        rows.setdefault(doc, []).append(position)
    empty = frame.iloc[:0].reset_index(drop=True)
    return {doc: _rows_at(frame, rows[doc]) if doc in rows else empty for doc in docs}


def _rows_at(frame: pd.DataFrame, positions: list[int]) -> pd.DataFrame:
    """``frame.take(positions)`` re-indexed from 0; a run of consecutive positions (a joined run's rows are in
    document order) is copied as one slice, about half the cost of ``take`` on a wide table, the same frame."""
    if positions[-1] - positions[0] + 1 == len(positions):
        return frame.iloc[positions[0]:positions[-1] + 1].copy().reset_index(drop=True)
    return frame.take(positions).reset_index(drop=True)


def run_documents(docs: list[DocTables], knowledge_dir: str | Path | None = None,
                  names: list[str] | None = None) -> list[dict[str, pd.DataFrame]]:
    """:func:`run_document` over several documents at once (joined, then each document's rows split off),
    the same rows as one run per document."""
    if len(docs) == 1:
        return [run_document(docs[0], knowledge_dir, names)]
    frames = run_document(join_tables(docs), knowledge_dir, names)
    split = {name: split_rows(frame, [d.doc for d in docs]) for name, frame in frames.items()}
    return [{name: split[name][d.doc] for name in frames} for d in docs]


def run_document(doc_tables: DocTables, knowledge_dir: str | Path | None = None,
                 names: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """Run the registered extractors (all, or ``names`` and what they run after) on one document, in order."""
    wanted = set(names or [ex.name for ex in REGISTRY])
    for ex in reversed(REGISTRY):
        if ex.name in wanted:
            wanted.update(ex.after)
    out = {}
    for ex in REGISTRY:
        if ex.name in wanted:
            doc_tables.extracted = {k: v for k, v in out.items() if k in ex.after}
            out[ex.name] = ex.extract(doc_tables, knowledge_dir)
    doc_tables.extracted = {}
    doc_tables.built.clear()  # the sentence Docs and tokens shared by this run's extractors
    doc_tables.tokens.clear()
    return out
