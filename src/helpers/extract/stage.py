"""The extraction stage: every registered extractor run once per document, cached like the parse.

After the parse, :func:`extract_corpus` splits the corpus's tables by document
(:func:`helpers.extract.registry.split_tables`) and runs the extractors of
:data:`helpers.extract.registry.REGISTRY` on each document whose rows are not cached yet. A
document's rows are cached per extractor, under a key made of

- the document: its name, the sha256 of its text, its metadata row (the publication date resolves
  dates), the parse fingerprint (pipeline, its version, the parse's knowledge files) and the
  corpus's lower-case words its names hold (see ``split_tables``);
- the extractor: the hash of its module's code and of every ``helpers`` module that module imports,
  of the knowledge files it reads, and the keys of the extractors it runs after.

So a second run with nothing changed reads every row from the cache; a changed document is
extracted again alone; a changed lexicon re-extracts every document for the extractors reading it.
The corpus-wide tables are the documents' rows concatenated in document order, the same bytes
whichever engine ran the stage: in this process, in ``workers`` processes (forked, as the parse), or
on Dask (``scheduler``, as :mod:`helpers.parse.engine`; the workers must see the cache folder).

>>> result = extract_corpus(load_tables("../seeds"))                     # doctest: +SKIP
>>> sorted(result.frames)                                                 # doctest: +SKIP
['actors', 'casualties', 'claims', 'dates', 'leftovers', 'places', 'quotes']
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import multiprocessing
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.extract import assembled
from helpers.extract.registry import REGISTRY, DocTables, run_document, run_documents, split_tables
from helpers.knowledge import knowledge_hash
from helpers.parse.cache import read_checked, write_checked
from helpers.paths import PACKAGE


@functools.cache
def module_files(module: str) -> tuple[Path, ...]:
    """The source file of ``module`` and of every ``helpers`` module it imports, transitively, sorted.

    >>> "reader.py" in [p.name for p in module_files("helpers.extract.dates")]   # dates imports the corpus reader
    True
    """
    seen: dict[str, Path] = {}
    todo = [module]
    kept = kept_imports()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _source(name)
        if path is None:
            continue
        seen[name] = path
        todo += kept.imports(name, path)
    kept.save()
    return tuple(sorted(set(seen.values())))


class KeptImports:
    """What each module imports (:func:`imported`, a parse of its code), kept per machine in
    ``root/imports/<tag>.json`` by the sha256 of the module's name and bytes, so a fresh process (a chapter's
    kernel checking the stage's keys, the build) does not parse every extractor's modules again; the tag is
    the sha256 of this module's code. The file is written with its size and sha256; a damaged one is named,
    deleted and every module parsed again. A folder that cannot be written only means parsing again."""

    def __init__(self, root: str | Path):
        tag = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:20]
        self.path = Path(root) / "imports" / f"{tag}.json"
        self.found: dict[str, list[str]] = {}
        self.added = 0
        try:
            body, problem = read_checked(self.path)
        except OSError:  # no folder to read
            body, problem = None, None
        if body is not None:
            try:
                found = json.loads(body)
                if not isinstance(found, dict) or not all(isinstance(v, list) for v in found.values()):
                    raise ValueError("not a table of module imports")
                self.found = found
            except ValueError as exc:
                problem = str(exc)
        if problem:
            print(f"[extract] bad kept imports {self.path}: {problem}; deleted, parsed again", flush=True)
            self.path.unlink(missing_ok=True)

    def imports(self, name: str, path: Path) -> list[str]:
        """:func:`imported` of module ``name`` at ``path``, kept by the sha256 of its name and bytes."""
        data = path.read_bytes()
        key = hashlib.sha256(name.encode() + b"\0" + data).hexdigest()
        if key not in self.found:
            self.found[key] = imported(name, path, data)
            self.added += 1
        return self.found[key]

    def save(self) -> None:
        if self.added:
            try:
                write_checked(self.path, json.dumps(self.found, sort_keys=True).encode())
            except OSError:
                pass
            self.added = 0


@functools.cache
def _kept_imports(root: str) -> KeptImports:
    return KeptImports(root)


def kept_imports() -> KeptImports:
    """This process's :class:`KeptImports`, in the parse cache's folder (``$BOOK_CACHE_DIR``)."""
    from helpers.parse.tables import default_cache_dir

    return _kept_imports(str(default_cache_dir()))


def imported(name: str, path: Path, data: bytes | None = None) -> list[str]:
    """The ``helpers`` modules (and names that may be submodules) that module ``name`` (its file ``path``,
    whose bytes are ``data`` if given) imports."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: list[str] = []
    code = path.read_text(encoding="utf-8") if data is None else data.decode("utf-8")
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.level:  # from .find import ..., from . import marks
            base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1])
            target = f"{base}.{node.module}" if node.module else base
            found.append(target)
            found += [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helpers"):
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]  # a submodule imported by name
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("helpers")]
    return found


def _source(module: str) -> Path | None:
    parts = module.split(".")[1:]
    base = PACKAGE.joinpath(*parts) if parts else PACKAGE
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def extractor_keys(knowledge_dir: str | Path | None = None) -> dict[str, str]:
    """The cache key of each registered extractor: its code, its knowledge files, the keys it runs after."""
    keys: dict[str, str] = {}
    for ex in REGISTRY:
        digest = hashlib.sha256(ex.name.encode())
        for path in module_files(ex.module):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        digest.update(knowledge_hash(knowledge_dir, ex.knowledge).encode())
        for name in ex.after:
            digest.update(keys[name].encode())
        keys[ex.name] = digest.hexdigest()
    return keys


def document_key(doc_tables: DocTables, fingerprint: str, metadata: str | None = None) -> str:
    """The per-document part of the cache key (see the module's docstring); ``metadata`` is the document's
    row as :func:`metadata_json` writes it (computed here if not given)."""
    if metadata is None:
        metadata = metadata_json(doc_tables.documents).get(doc_tables.doc, "[]")
    parts = [doc_tables.doc, hashlib.sha256(doc_tables.text.encode("utf-8")).hexdigest(), fingerprint,
             metadata, json.dumps(sorted(doc_tables.vocabulary or ()))]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def metadata_json(documents: pd.DataFrame) -> dict[str, str]:
    """Each document's rows of the documents table (its ``sources.csv`` metadata, not its reading status)
    as JSON records, in one call for the whole table: the same text as the rows' own ``to_json(orient=
    "records")``, without a pandas call per document."""
    meta = documents.drop(columns=["status", "reason"], errors="ignore")
    lines = meta.to_json(orient="records", date_format="iso", lines=True).splitlines() if len(meta) else []
    rows: dict[str, list[str]] = {}
    for doc, line in zip(documents["doc"].tolist(), lines):
        rows.setdefault(doc, []).append(line)
    return {doc: "[" + ",".join(found) + "]" for doc, found in rows.items()}


class ExtractCache:
    """Each document's rows of each extractor, pickled under ``root/extract-<extractor key>/``.

    Each file is one header line, ``{"size": N, "sha256": H}``, then the pickled rows (N bytes with that
    sha256), as in the parse cache. An entry whose header, size or hash does not match (a truncated
    write, a full disk, a stray edit) is named on stdout, deleted and extracted again.
    """

    def __init__(self, root: str | Path, keys: dict[str, str]):
        self.root = Path(root).resolve()  # absolute: Dask workers may run elsewhere
        self.keys = keys

    def path(self, name: str, key: str) -> Path:
        return self.root / f"extract-{name}-{self.keys[name][:16]}" / key[:2] / f"{key}.pkl"

    def _body(self, name: str, key: str) -> bytes | None:
        path = self.path(name, key)
        body, problem = read_checked(path)
        return self._reject(path, problem) if problem else body

    def _reject(self, path: Path, reason: str) -> None:
        print(f"[extract] bad cache entry {path}: {reason}; deleted, the document is extracted again", flush=True)
        path.unlink(missing_ok=True)

    def has(self, name: str, key: str) -> bool:
        return self._body(name, key) is not None

    def find(self, name: str, key: str) -> pd.DataFrame | None:
        """The cached rows, or None if absent (or bad: then deleted)."""
        body = self._body(name, key)
        return None if body is None else pickle.loads(body)

    def put(self, name: str, key: str, frame: pd.DataFrame) -> None:
        """Write the rows atomically (a temporary file, then a rename) with their size and sha256."""
        write_checked(self.path(name, key), pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))


class KeptVocabularies:
    """Each document's lower-case words (the actor extractor's ``_lowercase_vocabulary``, which
    :func:`helpers.extract.registry.split_tables` needs for every document on every run), kept under
    ``root/vocabulary/<actor extractor key>.pkl`` by the sha256 of the document's text and of its
    sentences' spans and boilerplate flags: a document whose text or sentences changed, or a changed
    actor extractor (its code or knowledge), computes them again. The file is written like a cache entry
    (size and sha256 in a header line); a damaged one is named, deleted and computed again.

    Call it with a document's tables (it is ``split_tables``'s ``lowercase``); :meth:`save` writes what
    was added.
    """

    def __init__(self, root: str | Path, actor_key: str):
        self.path = Path(root) / "vocabulary" / f"{actor_key[:24]}.pkl"
        body, problem = read_checked(self.path)
        if problem:
            print(f"[extract] bad kept vocabularies {self.path}: {problem}; deleted, computed again", flush=True)
            self.path.unlink(missing_ok=True)
        self.words: dict[str, frozenset[str]] = pickle.loads(body) if body else {}
        self.added = 0

    @staticmethod
    def key(doc_tables: DocTables) -> str:
        sentences = doc_tables.sentences
        digest = hashlib.sha256(doc_tables.text.encode("utf-8"))
        digest.update(sentences["start"].to_numpy(dtype="int64").tobytes() + b"\0")
        digest.update(sentences["end"].to_numpy(dtype="int64").tobytes() + b"\0")
        digest.update(sentences["in_boilerplate"].astype(bool).to_numpy().tobytes())
        return digest.hexdigest()

    def __call__(self, doc_tables: DocTables) -> frozenset[str]:
        from helpers.extract.actors import _lowercase_vocabulary

        key = self.key(doc_tables)
        if key not in self.words:
            self.words[key] = frozenset(_lowercase_vocabulary(doc_tables))
            self.added += 1
        return self.words[key]

    def save(self) -> None:
        if self.added:
            write_checked(self.path, pickle.dumps(self.words, protocol=pickle.HIGHEST_PROTOCOL))
            self.added = 0


JOINED = 32  # documents extracted in one run of the extractors (their fixed costs paid once for all)


def extract_documents(items: Iterable[tuple[str, DocTables]], cache: ExtractCache,
                      knowledge_dir: str | Path | None = None, kept: dict | None = None) -> list[str]:
    """Run the extractors whose rows the cache lacks on each ``(key, doc_tables)``; write the rows.

    Up to :data:`JOINED` documents at a time are extracted in one run over their joined tables
    (:func:`helpers.extract.registry.run_documents`), and each document's rows are cached on their own.
    If that run raises, each document of the batch is extracted alone, so an error names its document.
    Every engine runs this function (in this process, in a worker process, on a Dask partition).
    Returns the document keys done; ``kept`` (in this process only) also gets the rows written, by
    ``(extractor, key)``, so the stage need not read back what it has just cached.
    """
    items, done = list(items), []
    for i in range(0, len(items), JOINED):
        batch = items[i:i + JOINED]
        missing = {key: {ex.name for ex in REGISTRY if not cache.has(ex.name, key)} for key, _ in batch}
        names = [ex.name for ex in REGISTRY if any(ex.name in m for m in missing.values())]
        if not names:
            done += [key for key, _ in batch]
            continue
        try:
            results = run_documents([d for _, d in batch], knowledge_dir, names)
        except Exception as exc:
            if len(batch) == 1:
                raise RuntimeError(f"extracting {batch[0][1].doc}: {type(exc).__name__}: {exc}") from exc
            print(f"[extract] {len(batch)} documents together failed ({type(exc).__name__}); one by one",
                  flush=True)
            for item in batch:  # alone, each document caches its rows or raises naming itself
                done += extract_documents([item], cache, knowledge_dir, kept)
            continue
        for (key, _), frames in zip(batch, results):
            for name in missing[key] & set(frames):
                cache.put(name, key, frames[name])
                if kept is not None:
                    kept[(name, key)] = frames[name]
            done.append(key)
    return done


def _chunks(items: list, n: int) -> list[list]:
    size = max(1, min(32, -(-len(items) // (4 * n))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _run(todo: list[tuple[str, DocTables]], cache: ExtractCache, knowledge_dir, workers: int,
         scheduler: str | None) -> dict:
    """Extract ``todo`` on the engine chosen; the rows extracted in this process, by (extractor, key)
    (none from worker processes or Dask: the stage reads those from the cache)."""
    kept: dict = {}
    if not todo:
        return kept
    if scheduler:
        from helpers.parse.engine import run_on_dask

        run_on_dask(extract_documents, _chunks(todo, workers), (cache, knowledge_dir), scheduler, workers)
    elif workers > 1 and len(todo) > 1:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with multiprocessing.get_context(method).Pool(workers) as pool:
            for result in [pool.apply_async(extract_documents, (chunk, cache, knowledge_dir))
                           for chunk in _chunks(todo, workers)]:
                result.get()
    else:
        extract_documents(todo, cache, knowledge_dir, kept)
    return kept


@dataclass
class Extracted:
    """What the stage returns: each registered extractor's corpus-wide table, and how many documents it extracted."""

    frames: dict[str, pd.DataFrame]
    documents: int
    extracted: int  # documents extracted in this call (the others came from the cache)
    keys: dict[str, str] = field(default_factory=dict)  # each document's key (document_key), by name


def extract_corpus(tables, knowledge_dir: str | Path | None = None, cache_dir: str | Path | None = None,
                   workers: int = 1, scheduler: str | None = None, progress: bool = False) -> Extracted:
    """Every registered extractor's corpus-wide table, each document extracted once and cached.

    ``tables`` is what :func:`helpers.parse.tables.load_tables` returns. ``cache_dir`` defaults to the
    parse cache's folder; ``workers`` and ``scheduler`` choose the engine as for the parse.
    """
    from helpers.parse.tables import default_cache_dir

    if scheduler:
        from helpers.parse.engine import check_scheduler

        check_scheduler(scheduler)
    cache = ExtractCache(cache_dir or default_cache_dir(), extractor_keys(knowledge_dir))
    vocabularies = KeptVocabularies(cache.root, cache.keys["actors"])
    docs = split_tables(tables, lowercase=vocabularies)
    vocabularies.save()
    metadata = metadata_json(tables.documents)
    keys = [document_key(d, tables.fingerprint, metadata.get(d.doc, "[]")) for d in docs]
    folder = getattr(tables.corpus, "folder", None)
    found = {}
    for ex in REGISTRY:  # each entry read once, unless the table kept from the last run holds its rows
        kept = assembled.kept_rows(cache, folder, tables.fingerprint, ex.name)
        found[ex.name] = [kept[key] if key in kept else cache.find(ex.name, key) for key in keys]
    todo = [(key, d) for i, (key, d) in enumerate(zip(keys, docs)) if any(f[i] is None for f in found.values())]
    if progress:
        print(f"[extract] {len(todo)} of {len(docs)} document(s) to extract, the rest from the cache", flush=True)
    fresh = _run(todo, cache, knowledge_dir, max(1, workers), scheduler)
    out = {}
    for ex in REGISTRY:
        frames = [f if f is not None else fresh.pop((ex.name, key), None) for f, key in zip(found.pop(ex.name), keys)]
        frames = [f if f is not None else cache.find(ex.name, key) for f, key in zip(frames, keys)]
        absent = [d.doc for d, f in zip(docs, frames) if f is None]
        if absent:
            raise RuntimeError(f"{len(absent)} document(s) extracted are not in the cache {cache.root} "
                               f"(first: {absent[0]}); Dask workers must see that folder at the same path")
        if not frames:
            frames = [run_document(DocTables("", "", tables.sentences.iloc[:0], tables.entities.iloc[:0],
                                             tables.boilerplate.iloc[:0], tables.documents.iloc[:0]),
                                   knowledge_dir, [ex.name])[ex.name]]
        kept = assembled.pieces(frames)
        if not kept:  # no rows at all: the first document's (empty) frame, read as it was cached
            kept = [frames[0] if not isinstance(frames[0], assembled.Rows) else cache.find(ex.name, keys[0])]
        out[ex.name] = pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0].reset_index(drop=True)
        if keys:
            assembled.keep(cache, folder, tables.fingerprint, ex.name, keys, [len(f) for f in frames], out[ex.name])
    return Extracted(out, len(docs), len(todo), {d.doc: key for d, key in zip(docs, keys)})
