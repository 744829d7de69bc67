"""The extraction stage alone: seconds per document on the seeds replicated to N documents.

    .venv/bin/python bench/stage.py [--docs 50 200] [--joined 1 32] [--profile OUT.prof] [--parse-cache DIR]

Parses the replicated corpus once (into a temporary parse cache, not timed), then runs
:func:`helpers.extract.stage.extract_corpus` in this process with an empty extraction cache and
prints seconds per document (wall clock and this process's CPU time: on a shared machine the CPU
time is the steadier of the two), and the stage's time as a share of the parse's. With
``--parse-cache`` the parse's seconds are those of the run that filled that cache (kept beside it
in ``bench-parse-N.json``), so the share stays the cold parse's when the cache is reused. ``--joined`` runs the
stage once per value of :data:`helpers.extract.stage.JOINED` (documents extracted in one run of the
extractors; 1 is one run per document) and says whether every table is identical to the first
value's (dtypes and values, ``pandas.testing.assert_frame_equal``). With ``--profile`` the stage runs
under cProfile (for the largest size, last ``--joined`` value) and the top cumulative costs are printed.
Do not run more than 200 documents on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import tempfile
import time
from pathlib import Path

from common import replicated_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[50, 200], help="corpus sizes")
    parser.add_argument("--joined", type=int, nargs="+", default=None,
                        help="documents per run of the extractors (default: the stage's JOINED)")
    parser.add_argument("--profile", help="write a cProfile of the stage (largest size) to this file")
    parser.add_argument("--parse-cache", help="a parse cache folder to reuse (default: a temporary one per size)")
    args = parser.parse_args()
    import pandas as pd

    from helpers.extract import stage as stage_module
    from helpers.parse.tables import load_tables

    joined = args.joined or [stage_module.JOINED]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'documents':>9} {'joined':>6} {'parse s':>8} {'stage s':>8} {'stage s/doc':>11} {'cpu s/doc':>9} "
          f"{'stage/parse':>11}")
    for n in sorted(args.docs):
        with tempfile.TemporaryDirectory(prefix="bench-stage-") as tmp:
            corpus = replicated_corpus(n, Path(tmp) / "corpus")
            started = time.perf_counter()
            tables = load_tables(corpus, cache_dir=args.parse_cache or Path(tmp) / "parse")
            parse = parse_seconds(args.parse_cache, n, time.perf_counter() - started, tables.parsed)
            first = None
            for j in joined:
                stage_module.JOINED = j
                profiler = cProfile.Profile() if args.profile and n == max(args.docs) and j == joined[-1] else None
                started, cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                result = stage_module.extract_corpus(tables, cache_dir=Path(tmp) / f"extract-{j}")
                if profiler:
                    profiler.disable()
                stage, cpu = time.perf_counter() - started, time.process_time() - cpu
                same = ""
                if first is None:
                    first = result.frames
                else:
                    for name, frame in first.items():
                        pd.testing.assert_frame_equal(result.frames[name], frame, obj=name)
                    same = f"  tables identical to joined={joined[0]}"
                print(f"{n:>9} {j:>6} {parse:>8.1f} {stage:>8.1f} {stage / n:>11.3f} {cpu / n:>9.3f} "
                      f"{stage / parse:>11.0%}  "
                      f"rows: {sum(len(f) for f in result.frames.values())}{same}  "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
                if profiler:
                    profiler.dump_stats(args.profile)
                    pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)


def parse_seconds(cache: str | None, n: int, seconds: float, parsed: int) -> float:
    """The parse's seconds: this run's, or, when a reused ``cache`` already held the documents, those of
    the run that parsed them (written beside the cache when it parsed all ``n``)."""
    if not cache:
        return seconds
    record = Path(cache) / f"bench-parse-{n}.json"
    if parsed == n:
        record.write_text(json.dumps({"documents": n, "seconds": seconds}), encoding="utf-8")
        return seconds
    if parsed == 0 and record.is_file():
        return float(json.loads(record.read_text(encoding="utf-8"))["seconds"])
    return seconds


if __name__ == "__main__":
    main()
