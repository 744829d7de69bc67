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
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus.boilerplate import iter_lines

MAX_UNIT_CHARS = 20_000
# Characters of text in one batch through the pipeline, whatever the batch size: the statistical
# model's working memory grows with the tokens of a batch, so 64 units of 20,000 characters (one
# 2 MB line) would take over 3 GB; 64 ordinary lines are far under this budget and batch as before.
BATCH_CHARS = 50_000
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


class CacheEntryError(RuntimeError):
    """A cache entry that was verified as written, then found damaged when read (it has been deleted)."""


def file_stat(path: Path) -> tuple[int, int] | None:
    """``(size, mtime_ns)`` of ``path``, or None if it cannot be read: what kept tables check before reuse."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def read_checked(path: Path) -> tuple[bytes | None, str | None]:
    """The body of a file written by :func:`write_checked`, verified: ``(body, None)``, ``(None, None)`` if
    absent, ``(None, reason)`` if the header, size or sha256 does not match (truncated, edited, empty)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        size, digest = int(header["size"]), str(header["sha256"])
    except (ValueError, KeyError, TypeError):
        return None, "no valid header line"
    if len(body) != size:
        return None, f"{len(body)} bytes of content, the header says {size} (truncated?)"
    if hashlib.sha256(body).hexdigest() != digest:
        return None, "the content does not match its sha256"
    return body, None


def write_checked(path: Path, body: bytes) -> None:
    """Write ``body`` atomically (a temporary file, then a rename) after a header line with its size and sha256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = json.dumps({"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}).encode()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(header + b"\n" + body)
    tmp.replace(path)


class ParseCache:
    """Per-document parse results as small files under ``root/parse-<fingerprint>/``, verified on read.

    Each file is one header line, ``{"size": N, "sha256": H}``, then the result as JSON (N bytes, with
    that sha256). A file whose header, size or hash does not match (a truncated write, a full disk,
    an edit) is named on stdout, deleted and counts as absent, so the document is parsed again.
    """

    def __init__(self, root: str | Path, fingerprint: str):
        self.folder = Path(root).resolve() / f"parse-{fingerprint[:20]}"  # absolute: workers may run elsewhere
        self.rejected: list[str] = []  # "path: reason" of every bad entry found (and deleted)

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _body(self, key: str) -> bytes | None:
        """The verified JSON bytes of the entry, or None if absent; a bad entry is reported and deleted."""
        path = self.path(key)
        body, problem = read_checked(path)
        return self._reject(path, problem) if problem else body

    def _reject(self, path: Path, reason: str) -> None:
        message = f"{path}: {reason}"
        self.rejected.append(message)
        print(f"[cache] bad entry {message}; deleted, the document is parsed again", flush=True)
        path.unlink(missing_ok=True)

    def has(self, key: str) -> bool:
        """Whether a verified result of the text with this key is cached (a bad entry is deleted: False)."""
        return self._body(key) is not None

    def get(self, key: str) -> dict | None:
        """The cached result, None if absent; raises :class:`CacheEntryError` for an entry damaged since
        :meth:`has` verified it (deleted, so the next run parses it again)."""
        exists = self.path(key).exists()
        body = self._body(key)
        if body is None:
            if exists:
                raise CacheEntryError(f"{self.rejected[-1]}; it was deleted, run again to parse it anew")
            return None
        return json.loads(body)

    def put(self, key: str, result: dict) -> None:
        """Write ``result`` atomically (a temporary file, then a rename) with its size and sha256."""
        write_checked(self.path(key), json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


@dataclass(frozen=True)
class TokenSource:
    """Where one document's stored tokens are: its parse cache entry (cache folder, fingerprint, key).

    Small and picklable, so the extraction stage hands it to worker processes and Dask workers, which
    read the tokens of the documents they extract and nothing else.
    """

    root: str
    fingerprint: str
    key: str

    def rows(self) -> list[list]:
        """The document's token rows (see :func:`parse_documents`); a RuntimeError names an entry without."""
        cache = ParseCache(self.root, self.fingerprint)
        result = cache.get(self.key)
        if result is None or "tokens" not in result:
            raise RuntimeError(f"parse cache entry {cache.path(self.key)} holds no tokens; run the build again")
        return result["tokens"]


def parse_documents(
    nlp_factory: Callable,
    texts: Mapping[str, str],
    boilerplate: Mapping[str, list[tuple[int, int]]],
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[str, dict]]:
    """Parse ``texts`` (doc -> text) and yield ``(doc, result)`` per document, in the order given.

    ``result`` is ``{"sentences": [[start, end], ...], "entities": [[start, end, label, origin, id], ...]}``
    with offsets into the document's text, and, when the pipeline assigns dependencies, ``"tokens"``:
    ``[[start, end, head, dep, pos, tag, space], ...]`` (``head`` relative to the token, ``space`` 1 when
    a space follows it), from which :func:`helpers.extract.text.sentence_docs` rebuilds parsed sentences
    without running the pipeline again. ``nlp_factory`` is called once (in each worker process
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

    def parsed_stream():
        for batch in batches(stream(), batch_size):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    current, result = None, {"sentences": [], "entities": []}
    for parsed, (doc, base, last) in parsed_stream():
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
        if parsed.has_annotation("DEP"):
            result.setdefault("tokens", []).extend(token_rows(parsed, base))
        if last:
            yield doc, result


def token_rows(parsed, base: int) -> list[list]:
    """The tokens of a parsed unit as cached: ``[start, end, head - i, dep, pos, tag, space]``, offsets
    shifted by ``base`` (where the unit starts in the document).

    >>> from helpers.parse.pipeline import build_pipeline
    >>> token_rows(build_pipeline("blank:en").make_doc("Two died."), 10)
    [[10, 13, 0, '', '', '', 1], [14, 18, 0, '', '', '', 0], [18, 19, 0, '', '', '', 0]]
    """
    return [[base + t.idx, base + t.idx + len(t), t.head.i - t.i, t.dep_, t.pos_, t.tag_, int(bool(t.whitespace_))]
            for t in parsed]


def batches(items, batch_size: int, max_chars: int = BATCH_CHARS) -> Iterator[list]:
    """Group ``(text, context)`` items into lists of at most ``batch_size`` items and about ``max_chars``
    characters (a single longer item makes a batch of its own).

    >>> [len(b) for b in batches([("a" * 30, 0), ("b" * 30, 1), ("c", 2)], 64, max_chars=40)]
    [1, 2]
    """
    batch, chars = [], 0
    for text, context in items:
        if batch and (len(batch) >= batch_size or chars + len(text) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield batch


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
