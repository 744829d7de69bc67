"""Command line: ``python -m helpers extract|build ...``.

A user-facing failure (a corpus folder that does not exist, a ``sources.csv`` that cannot be used, a
chapter that fails, an unknown pipeline) prints one line naming the file and the fix, and exits 1;
no traceback.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="parse a corpus folder, run every extractor and write the tables as CSV")
    extract.add_argument("--corpus", required=True, help="folder of .txt, .md or .html articles")
    extract.add_argument("--out", required=True, help="folder for the CSV tables")
    extract.add_argument("--pipeline", default=None, help="spaCy pipeline: default model, 'blank:en' or an installed one")
    extract.add_argument("--knowledge-dir", default=None, help="folder whose CSV files replace the packaged knowledge")
    extract.add_argument("--workers", type=int, default=1, help="processes that parse (or Dask workers)")
    extract.add_argument("--cache-dir", default=None, help="parse cache (default: _build/cache)")
    extract.add_argument("--scheduler", default=None,
                         help="parse with Dask: 'local' (a local cluster), 'processes' or an address tcp://host:8786")

    build = sub.add_parser("build", help="build the whole book")
    build.add_argument("--corpus", default=None, help="corpus folder (default: seeds/)")
    build.add_argument("--out", default=None, help="output folder: OUT/html and OUT/data (default: _build)")
    build.add_argument("--pipeline", default=None, help="spaCy pipeline (default: the pinned English model)")
    build.add_argument("--jobs", type=int, default=None, help="chapters executed at a time (default: min(2, cores))")
    build.add_argument("--timeout", type=int, default=1800, help="seconds a chapter's cell may run (default 1800)")
    build.add_argument("--workers", type=int, default=1, help="processes that parse the corpus (or Dask workers)")
    build.add_argument("--scheduler", default=None, help="parse with Dask: 'local', 'processes' or tcp://host:8786")

    new = sub.add_parser("new-chapter", help="scaffold chapters/<name>.ipynb from the template and list it in _toc.yml")
    new.add_argument("title", help='the chapter title, e.g. "Timeline"')
    new.add_argument("--root", default=None, help="project folder (default: this project)")

    args = parser.parse_args(argv)
    if args.command == "new-chapter":
        from helpers.book.scaffold import new_chapter

        path = new_chapter(args.title, **({"root": args.root} if args.root else {}))
        print(f"created {path} and listed it in _toc.yml; open it in Jupyter from chapters/, then `make book`")
        return 0
    try:
        return _run(args)
    except (OSError, RuntimeError, ValueError) as exc:  # SourcesError, ChapterFailed, FileNotFoundError, ...
        prefix = "book" if args.command == "build" else args.command
        print(f"[{prefix}] FAILED: {exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    """Run the extract or build command of the parsed ``args``."""
    if args.command == "extract":
        from helpers.parse.pipeline import DEFAULT_PIPELINE
        from helpers.parse.tables import load_tables
        from helpers.parse.tables_io import write_tables

        tables = load_tables(args.corpus, pipeline=args.pipeline or DEFAULT_PIPELINE,
                             knowledge_dir=args.knowledge_dir, cache_dir=args.cache_dir,
                             n_process=args.workers, progress=True, scheduler=args.scheduler)
        for path in write_tables(tables, args.out):
            print(path)
        counts = tables.documents["status"].value_counts().to_dict()
        print(f"{len(tables.documents)} entries: {counts}; {tables.parsed} parsed, the rest from the cache")
        from helpers.chapters.extracted import run_stage

        result = run_stage(args.corpus, args.out, pipeline=args.pipeline or DEFAULT_PIPELINE,
                           knowledge_dir=args.knowledge_dir, tables=tables, workers=args.workers,
                           scheduler=args.scheduler, cache_dir=args.cache_dir)
        print(f"extraction stage: {result.extracted} of {result.documents} document(s) extracted, the rest from "
              f"the cache; tables in {args.out}")
        return 0
    if args.command == "build":
        from helpers.book.build import build_book

        build_book(corpus=args.corpus, out=args.out, pipeline=args.pipeline, jobs=args.jobs,
                   timeout=args.timeout, workers=args.workers, scheduler=args.scheduler)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
