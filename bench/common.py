"""Shared by the benchmarks: replicated corpora and running a measurement in a fresh process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def replicated_corpus(n_docs: int, folder: Path) -> Path:
    """The seeds copied to ``n_docs`` documents; each copy gets one distinct last line, so no two are
    duplicates and each has its own cache key. sources.csv gets a row per copy."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    rows = (SEEDS / "sources.csv").read_text(encoding="utf-8").splitlines()
    header, by_doc = rows[0], {r.split(",", 1)[0]: r for r in rows[1:]}
    out_rows = [header]
    for i in range(n_docs):
        seed = seeds[i % len(seeds)]
        name = f"{i:05d}_{seed.name}"
        (folder / name).write_bytes(seed.read_bytes() + f"\nCopy {i} of this article.\n".encode())
        out_rows.append(name + "," + by_doc[seed.name].split(",", 1)[1])
    (folder / "sources.csv").write_text("\n".join(out_rows) + "\n", encoding="utf-8")
    return folder


def measure(code: str) -> dict:
    """Run ``code`` (which prints one JSON object) in a fresh interpreter; add its peak RSS in MiB."""
    wrapper = code + "\nimport resource, sys\nprint(json.dumps({**RESULT, 'peak_mib': " \
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    out = subprocess.run([sys.executable, "-c", "import json\n" + wrapper], capture_output=True, text=True, check=False,
                         cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])
