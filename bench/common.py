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
    """Run ``code`` (which sets ``RESULT``) in a fresh interpreter; add its peak RSS in MiB, and that of
    its largest child process (worker processes, Dask workers), once they have ended."""
    wrapper = code + "\nimport resource, sys\nprint(json.dumps({**RESULT, 'peak_mib': " \
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 'children_peak_mib': " \
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    out = subprocess.run([sys.executable, "-c", "import json\n" + wrapper], capture_output=True, text=True, check=False,
                         cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def snapshot(dest: Path) -> Path:
    """A copy of the project as it is now (tracked and new, not ignored, files: ``git ls-files``) in ``dest``.

    Builds of the copy run with ``PYTHONPATH=dest/src`` (see :func:`project_env`), so the copy's own
    helpers are imported and edits made to the real tree meanwhile do not change a measurement.
    """
    if dest.exists():
        shutil.rmtree(dest)
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest


def project_env(project: Path, cache: Path) -> dict:
    """Environment for a build of ``project``: its own ``src/`` first on the path, its own parse cache."""
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(project / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["BOOK_CACHE_DIR"] = str(cache)
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    return env


def build(project: Path, out: Path, cache: Path, *args: str) -> dict:
    """``python -m helpers build --out OUT ARGS`` on ``project``; seconds, CPU seconds (the build's process and
    every process it waited for: workers, kernels, Sphinx), the manifest's chapters, the log."""
    import resource
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "helpers", "build", "--out", str(out), *args], cwd=project,
                            env=project_env(project, cache), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and every process it waited for (kernels too)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if result.returncode != 0:
        raise RuntimeError(f"build failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    manifest = json.loads((out / "data" / "manifest.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "cpu": cpu, "chapters": manifest["chapters"], "log": result.stdout}
