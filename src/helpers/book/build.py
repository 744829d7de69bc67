"""Building the book: stage the sources, parse the corpus once, run the chapters with papermill, build.

Sources stay clean (``chapters/*.ipynb`` are committed without outputs). The build

1. copies the book sources into ``OUT/book`` (a file is copied only when its bytes changed, so
   Sphinx sees unchanged files as unchanged);
2. parses the corpus once (filling the parse cache), runs the extraction stage once per document,
   and writes the tables to ``OUT/book/data``, the build's working data folder (the chapters write
   theirs there too);
3. executes every notebook listed in ``_toc.yml`` with papermill into the staged copy, several at a
   time (``jobs``), each cell within ``timeout`` seconds. A chapter whose *inputs* did not change
   since it was last executed is not executed again: its executed copy in ``OUT/book`` is reused.
   The inputs are the notebook's bytes, its parameters, the tables it reads (the corpus folder's
   bytes and the pipeline fingerprint), the helper code and data under ``src/helpers/``, the
   reference files, any file or folder a parameter names, and the versions of the key packages;
   their hash is kept per chapter in ``OUT/runs/<notebook>.json``;
4. removes from the working data what no part of this build wrote (texts of documents no longer in
   the corpus, tables no chapter offers any more), then writes ``data.zip`` (every CSV and the
   ``texts/`` folder, deterministic bytes) and the run manifest (each chapter with its parameters,
   re-executed or reused);
5. runs ``jupyter-book build -W -n --keep-going`` (execution off, incremental: Sphinx keeps
   ``OUT/jb/_build``) unless no staged file changed since the last successful build;
6. publishes: ``OUT/data`` and then ``OUT/html`` are each replaced in one rename by a complete copy
   (:func:`helpers.book.files.publish_tree`).

Output: ``OUT/html`` and ``OUT/data``. ``OUT/BUILDING`` exists from the start of a build until both
are published, so a build that failed or was killed is marked; its ``OUT/html`` and ``OUT/data``
are still the matching pair of the last complete build. SIGTERM or SIGINT stops every child
process (papermill workers, kernels, Sphinx) before the build exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from helpers.book.datapackage import NAME as DATAPACKAGE
from helpers.book.files import (
    corpus_hash,
    file_sha256,
    helpers_hash,
    json_hash,
    now_utc,
    publish_tree,
    read_json,
    remove_leftovers,
    tree_files,
    tree_hash,
    tree_signature,
    write_json,
)
from helpers.book.layout import BuildPaths
from helpers.book.manifest import ARCHIVE, package_versions, write_data_archive, write_manifest
from helpers.book.notebooks import (
    Chapter,
    chapter_parameters,
    data_files,
    longest_first,
    plan_chapter,
    run_chapters,
)
from helpers.book.processes import children_die_with_build
from helpers.book.staging import GENERATED_STATIC, stage, toc_notebooks
from helpers.paths import PROJECT_ROOT

TABLE_FILES = ["documents.csv", "boilerplate.csv", "sentences.csv", "entities.csv"]


def default_jobs() -> int:
    """Chapters executed at a time: two, or one on a single-core machine."""
    return max(1, min(2, os.cpu_count() or 1))


def prepare_tables(paths: BuildPaths, pipeline: str, tables_key: str, workers: int,
                   scheduler: str | None) -> str:
    """Parse the corpus once and run the extraction stage once per document (both cached), write
    the tables the chapters read; return the corpus's content hash.

    Skipped when the tables of the working data (``OUT/book/data``) came from the same inputs (``OUT/runs/tables.json``).
    """
    from helpers.chapters.extracted import read_record, run_stage
    from helpers.parse.tables import load_tables
    from helpers.parse.tables_io import write_tables

    record = read_json(paths.runs / "tables.json")
    current = (record is not None and record.get("key") == tables_key and read_record(paths.work_data) is not None
               and all((paths.work_data / name).exists() for name in TABLE_FILES))
    if current:
        print("[book] tables unchanged since the last build (same corpus bytes, pipeline and helper code)", flush=True)
        return record["corpus_sha256"]
    print(f"[book] parsing {paths.corpus} with {pipeline} (cached in {os.environ['BOOK_CACHE_DIR']})", flush=True)
    started = time.perf_counter()
    tables = load_tables(paths.corpus, pipeline=pipeline, progress=True, n_process=workers, scheduler=scheduler)
    write_tables(tables, paths.work_data)
    print(f"[book] {tables.parsed} document(s) parsed, the rest read from the cache "
          f"({time.perf_counter() - started:.1f} s)", flush=True)
    started = time.perf_counter()
    result = run_stage(paths.corpus, paths.work_data, pipeline=pipeline, tables=tables, workers=workers,
                       scheduler=scheduler)
    print(f"[book] extraction stage: {result.extracted} of {result.documents} document(s) extracted, the rest "
          f"read from the cache ({time.perf_counter() - started:.1f} s)", flush=True)
    corpus_sha256 = tables.corpus.content_hash()
    del tables
    write_json(paths.runs / "tables.json", {"key": tables_key, "corpus_sha256": corpus_sha256})
    return corpus_sha256


def chapter_inputs(paths: BuildPaths, notebook: Path, shared: dict) -> dict:
    """What a chapter's input hash covers besides its notebook and parameters: a chapter that reads
    extracted tables (``CHAPTER_TABLES`` of the registry) depends on their content, not on the corpus."""
    from helpers.chapters.extracted import table_hashes
    from helpers.extract.registry import CHAPTER_TABLES

    names = CHAPTER_TABLES.get(notebook.stem)
    if names is None:
        return shared
    return {**{k: v for k, v in shared.items() if k != "tables"}, "extracted": table_hashes(paths.work_data, names)}


def start_marker(paths: BuildPaths) -> None:
    """Write ``OUT/BUILDING`` (this process, the time, the corpus); refuse if a live build holds it."""
    import psutil

    marker = read_json(paths.marker)
    if marker and marker.get("pid") != os.getpid() and psutil.pid_exists(marker.get("pid", -1)):
        try:
            same = abs(psutil.Process(marker["pid"]).create_time() - marker.get("pid_started", 0)) < 1
        except psutil.NoSuchProcess:
            same = False
        if same:
            raise RuntimeError(f"{paths.out} is being built by process {marker['pid']} (see {paths.marker}); "
                               "wait for it or stop it first")
    write_json(paths.marker, {"pid": os.getpid(), "pid_started": psutil.Process().create_time(),
                              "started": now_utc(), "corpus": str(paths.corpus)})
    remove_leftovers(paths.out)


def remove_stale_data(paths: BuildPaths, chapters: list[Chapter]) -> list[str]:
    """Delete files of the working data that this build does not produce; return their names.

    Kept: the corpus tables, ``texts/`` and the extraction stage's tables and ``extracted/`` (all
    written from the current corpus only), the files each chapter of ``_toc.yml`` offers as
    downloads, ``data.zip``, ``datapackage.json`` and ``manifest.json``.
    """
    from helpers.chapters.extracted import CSV_TABLES, FOLDER

    keep = {*TABLE_FILES, ARCHIVE, "manifest.json", DATAPACKAGE, *(f"{name}.csv" for name in CSV_TABLES)}
    for chapter in chapters:
        keep.update((read_json(paths.record(chapter.notebook)) or {}).get("data_files", []))
    for leftover in paths.work_data.rglob(".*.tmp"):  # a write that a killed build never finished
        leftover.unlink()
    removed = []
    for path in tree_files(paths.work_data):
        rel = path.relative_to(paths.work_data).as_posix()
        if rel not in keep and not rel.startswith(("texts/", f"{FOLDER}/")):
            path.unlink()
            removed.append(rel)
    if removed:
        print(f"[book] removed from the data, as no part of this build writes them: {', '.join(removed)}",
              flush=True)
    return removed


def prune_staged(paths: BuildPaths) -> list[str]:
    """Delete staged files whose source is gone (a chapter deleted from ``chapters/``), keeping the
    working data and what the build writes itself; return their names."""
    removed = []
    for path in tree_files(paths.book):
        rel = path.relative_to(paths.book).as_posix()
        if rel.startswith("data/") or rel == "run_manifest.md" or rel in {f"_static/{n}" for n in GENERATED_STATIC}:
            continue
        if not (paths.root / rel).exists():
            path.unlink()
            removed.append(rel)
    return removed


def site_files(paths: BuildPaths) -> list[str]:
    """Every file of the staged book (sources, executed chapters, data): what the site is built from."""
    return [p.relative_to(paths.book).as_posix() for p in tree_files(paths.book)]


def clean_site_if_files_went(paths: BuildPaths) -> None:
    """Start Sphinx afresh (delete ``OUT/jb``) when a file it may have built from is gone: Sphinx
    keeps the pages and downloads of removed sources, which would otherwise be published.

    ``OUT/runs/site-files.json`` holds every file any build since the last clean one showed Sphinx.
    """
    import shutil

    now = site_files(paths)
    record = read_json(paths.runs / "site-files.json")
    seen = set(record["files"]) if record else set()
    if (paths.out / "jb").exists() and (record is None or seen - set(now)):
        gone = sorted(seen - set(now))
        print(f"[book] site built afresh: {len(gone) if record else 'unknown'} file(s) gone since an earlier "
              f"build{': ' + ', '.join(gone[:5]) if gone else ''}", flush=True)
        shutil.rmtree(paths.out / "jb")
        seen = set()
    write_json(paths.runs / "site-files.json", {"files": sorted(seen | set(now))})


def build_book(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    pipeline: str | None = None,
    root: Path = PROJECT_ROOT,
    timeout: int = 1800,
    jobs: int | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> BuildPaths:
    """Build the whole book. Defaults: corpus ``seeds/``, output ``_build/``, the pinned English model.

    jobs: chapters executed at a time (default: two, or one on one core); timeout: seconds a cell
    may run; workers and scheduler: how the corpus is parsed (see :func:`helpers.parse.tables.load_tables`).
    """
    from helpers.parse.pipeline import DEFAULT_PIPELINE, pipeline_fingerprint

    started = time.perf_counter()
    pipeline = pipeline or DEFAULT_PIPELINE
    jobs = default_jobs() if jobs is None else max(1, jobs)
    paths = BuildPaths(root=root.resolve(), out=Path(out or root / "_build").resolve(),
                       corpus=Path(corpus or root / "seeds").resolve())
    if not paths.corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {paths.corpus} does not exist")
    os.environ["BOOK_OFFLINE_CHARTS"] = "1"
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"  # this environment's python3 kernel before a user-wide one
    os.environ.setdefault("BOOK_CACHE_DIR", str(paths.out / "cache"))
    os.chdir(paths.root)
    start_marker(paths)
    with children_die_with_build():
        print(f"[book] staging {paths.root} -> {paths.book}", flush=True)
        stage(paths)
        prune_staged(paths)
        code = helpers_hash()
        tables_key = json_hash({"corpus": corpus_hash(paths.corpus), "fingerprint": pipeline_fingerprint(pipeline),
                                "helpers": code})
        shared = {"tables": tables_key, "helpers": code, "reference": tree_hash(paths.root / "reference"),
                  "packages": package_versions()}
        parameters = chapter_parameters(paths, pipeline)
        corpus_sha256 = prepare_tables(paths, pipeline, tables_key, workers, scheduler)
        chapters = [plan_chapter(paths, notebook, parameters, chapter_inputs(paths, notebook, shared))
                    for notebook in toc_notebooks(paths.root)]
        todo = [c for c in chapters if c.reuse is None]
        started_chapters = time.perf_counter()
        runs = execute_chapters(paths, chapters, jobs, timeout)
        print(f"[book] {len(todo)} chapter(s) executed ({time.perf_counter() - started_chapters:.1f} s)", flush=True)
        remove_stale_data(paths, chapters)
        write_data_archive(paths)
        site_book(paths, runs, corpus_sha256, pipeline, rebuild=bool(todo))
    paths.marker.unlink(missing_ok=True)
    print(f"[book] done in {time.perf_counter() - started:.1f} s: {paths.html / 'index.html'} "
          f"({len(todo)} chapter(s) executed, {len(chapters) - len(todo)} reused)", flush=True)
    return paths


def execute_chapters(paths: BuildPaths, chapters: list[Chapter], jobs: int, timeout: int) -> list[dict]:
    """Execute the chapters whose inputs changed, reuse the others; the run of each, in order."""
    runs: dict[str, dict] = {}
    for chapter in chapters:
        if chapter.reuse is not None:
            print(f"[book] reusing {chapter.notebook.as_posix()} (inputs unchanged since "
                  f"{chapter.reuse['executed_at']})", flush=True)
            runs[chapter.notebook.as_posix()] = {**chapter.reuse["run"], "status": "reused"}
        else:
            paths.record(chapter.notebook).unlink(missing_ok=True)

    def done(chapter: Chapter, run: dict) -> None:
        run = {**run, "input_sha256": chapter.input_hash}
        write_json(paths.record(chapter.notebook), {
            "input_hash": chapter.input_hash, "executed_at": run["executed_at"], "run": run,
            "output_sha256": file_sha256(paths.book / chapter.notebook),
            "data_files": data_files(paths, chapter.notebook),
        })
        runs[chapter.notebook.as_posix()] = {**run, "status": "re-executed"}
        print(f"[book] {chapter.notebook.as_posix()} done in {run['seconds']} s", flush=True)

    run_chapters(paths, longest_first([c for c in chapters if c.reuse is None]), jobs, timeout, done)
    return [runs[c.notebook.as_posix()] for c in chapters]


def site_book(paths: BuildPaths, runs: list[dict], corpus_sha256: str, pipeline: str, rebuild: bool) -> None:
    """Write the manifest, run ``jupyter-book build`` unless no staged file changed, and publish
    ``OUT/data`` and ``OUT/html`` (each replaced in one rename)."""
    signature = json_hash([tree_signature(paths.book, {"run_manifest.md", "data/manifest.json"}),
                           package_versions()])
    record = read_json(paths.runs / "book.json")
    if record == {"signature": signature} and (paths.html / "index.html").exists() and not rebuild:
        write_manifest(paths, runs, corpus_sha256, pipeline, page=False)
        publish_tree(paths.work_data, paths.data)
        print(f"[book] no staged file changed since the last build: {paths.html} kept as it was", flush=True)
        return
    write_manifest(paths, runs, corpus_sha256, pipeline)
    clean_site_if_files_went(paths)
    print("[book] jupyter-book build -W -n --keep-going", flush=True)
    (paths.runs / "book.json").unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(paths.book), "-W", "-n",
         "--keep-going", "--path-output", str(paths.out / "jb")],
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"jupyter-book build failed (exit {result.returncode}); see the warnings above")
    print(f"[book] jupyter-book build done ({time.perf_counter() - started:.1f} s)", flush=True)
    publish_tree(paths.work_data, paths.data)
    copied = publish_tree(paths.out / "jb" / "_build" / "html", paths.html)
    print(f"[book] {paths.data} and {paths.html} published ({copied} file(s) of the html rewritten)", flush=True)
    write_json(paths.runs / "book.json", {"signature": signature})
