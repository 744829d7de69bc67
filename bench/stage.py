"""The extraction stage alone: seconds per document on the seeds replicated to N documents.

    .venv/bin/python bench/stage.py [--docs 50 200] [--profile OUT.prof]

Parses the replicated corpus once (into a temporary parse cache, not timed), then runs
:func:`helpers.extract.stage.extract_corpus` in this process with an empty extraction cache and
prints seconds per document, and the stage's time as a share of the parse's. With ``--profile``
the stage runs under cProfile (for the largest size) and the top cumulative costs are printed.
Do not run more than 200 documents on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from pathlib import Path

from common import replicated_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[50, 200], help="corpus sizes")
    parser.add_argument("--profile", help="write a cProfile of the stage (largest size) to this file")
    parser.add_argument("--parse-cache", help="a parse cache folder to reuse (default: a temporary one per size)")
    args = parser.parse_args()
    from helpers.extract.stage import extract_corpus
    from helpers.parse.tables import load_tables

    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'documents':>9} {'parse s':>8} {'stage s':>8} {'stage s/doc':>11} {'stage/parse':>11}")
    for n in sorted(args.docs):
        with tempfile.TemporaryDirectory(prefix="bench-stage-") as tmp:
            corpus = replicated_corpus(n, Path(tmp) / "corpus")
            started = time.perf_counter()
            tables = load_tables(corpus, cache_dir=args.parse_cache or Path(tmp) / "parse")
            parse = time.perf_counter() - started
            profiler = cProfile.Profile() if args.profile and n == max(args.docs) else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            result = extract_corpus(tables, cache_dir=Path(tmp) / "extract")
            if profiler:
                profiler.disable()
            stage = time.perf_counter() - started
            print(f"{n:>9} {parse:>8.1f} {stage:>8.1f} {stage / n:>11.3f} {stage / parse:>11.0%}  "
                  f"rows: {sum(len(f) for f in result.frames.values())}")
            if profiler:
                profiler.dump_stats(args.profile)
                pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
