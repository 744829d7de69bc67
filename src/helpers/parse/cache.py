"""One parse of the corpus, cached: sentences and entities of every usable document.

Each document is cut into *units*: its lines outside boilerplate (long lines cut further), with
their offsets into the original text. Units stream through ``nlp.pipe`` (batched), and each
document's result is written to the cache as soon as its last unit is parsed, so no more than one
batch of parsed Docs is held at once. With ``n_process > 1`` the documents are cut into chunks that
worker processes parse whole (each builds the pipeline once and sends back only the small results,
not the Docs), a bounded number of chunks in flight at a time; the Dask engine
(:mod:`helpers.parse.engine`) runs the same :func:`parse_chunk` on the partitions of a ``dask.bag``.

The cache key of a document is the sha256 of its text plus the pipeline fingerprint (pipeline name
and version, spaCy version, this code, the knowledge files). A second call with the same inputs
reads the cache and does not load spaCy at all; changing one document re-parses that one only;
changing a gazetteer changes the fingerprint and re-parses everything.
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from helpers.corpus.boilerplate import iter_lines

MAX_UNIT_CHARS = 20_000
SENTENCE_COLUMNS = ["doc", "start", "end", "in_boilerplate"]
ENTITY_COLUMNS = ["doc", "start", "end", "text", "label", "origin", "entity_id"]


def text_key(text: str) -> str:
    """sha256 of a document's text, the per-document part of the cache key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def units(text: str, boilerplate: list[tuple[int, int]], max_chars: int = MAX_UNIT_CHARS) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` to parse: non-blank lines outside boilerplate, cut at ``max_chars``.

    >>> list(units("Title\\nLeave a Reply\\n  Body text.  ", [(6, 19)]))
    [(0, 5), (22, 32)]
    """
    skip = set(boilerplate)
    for start, end in iter_lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end = start + len(stripped)
        if (start, end) in skip:
            continue
        while end - start > max_chars:
            cut = text.rfind(". ", start, start + max_chars)
            cut = cut + 1 if cut > start else start + max_chars
            yield start, cut
            start = cut + len(text[cut:end]) - len(text[cut:end].lstrip())
        yield start, end


class ParseCache:
    """Per-document parse results as small JSON files under ``root/<fingerprint>/``."""

    def __init__(self, root: str | Path, fingerprint: str):
        self.folder = Path(root).resolve() / f"parse-{fingerprint[:20]}"  # absolute: workers may run elsewhere

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether the result of the text with this key is cached (without reading it)."""
        return self.path(key).exists()

    def get(self, key: str) -> dict | None:
        path = self.path(key)
        if not path.exists():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def put(self, key: str, result: dict) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)


def parse_documents(
    nlp_factory: Callable,
    texts: Mapping[str, str],
    boilerplate: Mapping[str, list[tuple[int, int]]],
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[str, dict]]:
    """Parse ``texts`` (doc -> text) and yield ``(doc, result)`` per document, in the order given.

    ``result`` is ``{"sentences": [[start, end], ...], "entities": [[start, end, label, origin, id], ...]}``
    with offsets into the document's text. ``nlp_factory`` is called once (in each worker process
    when ``n_process > 1``), only if there is text. ``nlp_factory`` must be picklable for
    ``n_process > 1`` (e.g. ``functools.partial(build_pipeline, "blank:en", None)``).
    """
    docs = list(texts)
    if not docs:
        return
    if n_process > 1 and len(docs) > 1:
        yield from _parse_in_processes(nlp_factory, docs, texts, boilerplate, n_process, batch_size)
        return
    yield from _parse_stream(nlp_factory(), docs, texts, boilerplate, batch_size)


def _parse_stream(nlp, docs: list[str], texts: Mapping[str, str], boilerplate: Mapping[str, list[tuple[int, int]]],
                  batch_size: int) -> Iterator[tuple[str, dict]]:
    """Stream the units of ``docs`` through ``nlp.pipe`` in this process; yield each document's result."""

    def stream():
        for doc in docs:
            spans = list(units(texts[doc], boilerplate.get(doc, [])))
            if not spans:
                yield "", (doc, 0, True)
            for i, (start, end) in enumerate(spans):
                yield texts[doc][start:end], (doc, start, i == len(spans) - 1)

    current, result = None, {"sentences": [], "entities": []}
    for parsed, (doc, base, last) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        if doc != current:
            current, result = doc, {"sentences": [], "entities": []}
        for sent in parsed.sents:
            stripped = sent.text.strip()
            if stripped:
                lead = len(sent.text) - len(sent.text.lstrip())
                s = base + sent.start_char + lead
                result["sentences"].append([s, s + len(stripped)])
        for ent in parsed.ents:
            origin = ent.id_ if ent.id_ else "model"
            result["entities"].append(
                [base + ent.start_char, base + ent.end_char, ent.label_, origin, ent.kb_id_]
            )
        if last:
            yield doc, result


def chunk_size(n_docs: int, n_process: int, most: int = 32) -> int:
    """Documents per chunk: about four chunks per process (load balance), at most ``most``.

    >>> chunk_size(1000, 2), chunk_size(5, 2)
    (32, 1)
    """
    return max(1, min(most, math.ceil(n_docs / (4 * n_process))))


_PIPELINES: dict[bytes, object] = {}


def worker_pipeline(nlp_factory: Callable):
    """The pipeline ``nlp_factory`` builds, built once per worker process (worker processes and Dask
    workers parse many chunks; loading the model for each would cost about a second a chunk).

    Keyed by the pickled factory (e.g. ``partial(build_pipeline, "blank:en", None)``), so a worker
    that later gets another pipeline or knowledge folder builds that one.
    """
    key = pickle.dumps(nlp_factory)
    if key not in _PIPELINES:
        _PIPELINES.clear()  # one pipeline held at a time
        _PIPELINES[key] = nlp_factory()
    return _PIPELINES[key]


def parse_chunk(nlp, items: list[tuple[str, str, list[tuple[int, int]]]], batch_size: int = 64) -> list[tuple[str, dict]]:
    """Parse a chunk of documents, ``[(doc, text, boilerplate spans), ...]``, with ``nlp``; return the results.

    The same function serves worker processes and Dask partitions, so every engine gives the same rows.
    """
    texts = {doc: text for doc, text, _ in items}
    spans = {doc: list(map(tuple, bp)) for doc, _, bp in items}
    return list(_parse_stream(nlp, list(texts), texts, spans, batch_size))


def _parse_chunk_in_worker(nlp_factory: Callable, items, batch_size: int) -> list[tuple[str, dict]]:
    return parse_chunk(worker_pipeline(nlp_factory), items, batch_size)


def _parse_in_processes(nlp_factory, docs, texts, boilerplate, n_process: int, batch_size: int):
    """Chunks of documents parsed by ``n_process`` worker processes, results yielded in order.

    At most ``2 * n_process`` chunks are in flight, so neither the texts sent nor the results waiting
    are ever the whole corpus. Workers are forked where the system can (no re-import, and it works
    from any ``__main__``, a notebook or a script read from stdin), spawned elsewhere.
    """
    size = chunk_size(len(docs), n_process)
    chunks = ([(doc, texts[doc], list(boilerplate.get(doc, []))) for doc in docs[i:i + size]]
              for i in range(0, len(docs), size))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(n_process) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_parse_chunk_in_worker, (nlp_factory, chunk, batch_size)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def result_frames(doc: str, text: str, result: dict, boilerplate: list[tuple[int, int]]):
    """Turn one document's cached result into rows of the sentences and entities tables."""
    sentences = [(doc, s, e, False) for s, e in result["sentences"]]
    sentences += [(doc, s, e, True) for s, e in boilerplate]
    entities = [(doc, s, e, text[s:e], label, origin, eid) for s, e, label, origin, eid in result["entities"]]
    return sentences, entities
