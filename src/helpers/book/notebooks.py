"""Chapters: their parameters, their inputs (what makes a chapter current), and executing them with papermill."""

from __future__ import annotations

import ast
import hashlib
import multiprocessing
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers.book.files import file_sha256, json_hash, now_utc, read_json, tree_hash
from helpers.book.layout import BuildPaths

DOWNLOAD = re.compile(r"\{download\}`(?:[^`<]*<([^>`]+)>|([^`<>]+))`")


class ChapterFailed(RuntimeError):
    """A chapter raised (or ran past the timeout) while papermill executed it."""


def chapter_parameters(paths: BuildPaths, pipeline: str) -> dict:
    """The parameters every chapter gets (each chapter uses those its parameters cell declares)."""
    return {
        "corpus_dir": paths.for_chapter(paths.corpus),
        "data_dir": paths.for_chapter(paths.work_data),
        "pipeline": pipeline,
    }


def parameters_cell_index(notebook: Path) -> int:
    """Position of the notebook's cell tagged ``parameters`` (as papermill finds it), or -1."""
    from papermill.iorw import load_notebook_node
    from papermill.utils import find_first_tagged_cell_index

    return find_first_tagged_cell_index(load_notebook_node(str(notebook)), "parameters")


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters papermill infers from the cell tagged ``parameters``, by name: ``name``,
    ``inferred_type_name``, ``default`` (the source text of the value) and ``help`` (its comment).

    >>> notebook_parameters(PROJECT_ROOT / "chapters" / "casualties.ipynb")["corpus_dir"]["default"]  # doctest: +SKIP
    '"../seeds"'
    """
    import papermill as pm

    try:
        return pm.inspect_notebook(notebook)
    except ValueError as exc:  # no kernel named in the notebook's metadata, so no language to read it in
        raise ChapterFailed(f"{notebook}: {exc}") from exc


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters``."""
    parameters = notebook_parameters(notebook)
    if not parameters and parameters_cell_index(notebook) < 0:
        raise ChapterFailed(f"{notebook}: no cell tagged 'parameters'")
    return set(parameters)


def parameter_defaults(notebook: Path) -> dict:
    """Literal values assigned in the ``parameters`` cell (names whose value is not a literal are left out).

    >>> parameter_defaults(PROJECT_ROOT / "chapters" / "casualties.ipynb")["reference_dir"]  # doctest: +SKIP
    '../reference'
    """
    values = {}
    for name, parameter in notebook_parameters(notebook).items():
        try:
            values[name] = ast.literal_eval(parameter["default"])
        except (ValueError, SyntaxError):
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


@dataclass
class Chapter:
    """One chapter of this build: what it gets, the hash of its inputs, and whether it can be reused."""

    notebook: Path
    parameters: dict
    input_hash: str
    reuse: dict | None  # the record of the earlier execution, when its outputs can be reused
    last_seconds: float | None = None  # how long its last execution took (None: never executed here)


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
        and all((paths.work_data / name).exists() for name in record.get("data_files", []))
    )
    last = (record or {}).get("run", {}).get("seconds")
    return Chapter(notebook, wanted, input_hash, record if reusable else None,
                   float(last) if isinstance(last, (int, float)) else None)


def longest_first(chapters: list[Chapter]) -> list[Chapter]:
    """The chapters in the order they are handed to the workers: the longest last execution first
    (a chapter never executed counts as longest), ties in the order given (``_toc.yml``'s), so the
    last chapter to finish is a short one and the cores idle least."""
    return sorted(chapters, key=lambda c: -(c.last_seconds if c.last_seconds is not None else float("inf")))


def source_cell_number(source: Path, executed_index: int, injected: bool) -> int:
    """Position (1-based) in the source notebook of the executed notebook's cell ``executed_index``.

    papermill inserts its injected-parameters cell after the ``parameters`` cell; it is not counted.
    """
    shift = 1 if injected and executed_index > parameters_cell_index(source) else 0
    return executed_index + 1 - shift


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
    started_cells: list[int] = []  # the cell running, known without papermill saving the notebook per cell
    started = time.perf_counter()
    os.chdir(paths.root)
    try:
        # written once at the end, not at every cell's start and end (each save encodes every output so far)
        pm.execute_notebook(
            notebook.as_posix(), os.path.relpath(target, paths.root), parameters=wanted,
            cwd=str(source.parent), kernel_name="python3", progress_bar=False,
            execution_timeout=timeout, log_output=False, config=kernel_config(),
            request_save_on_cell_execute=False,
            on_cell_start=lambda cell, cell_index: started_cells.append(cell_index),
        )
    except pm.PapermillExecutionError as exc:
        cell = source_cell_number(source, exc.cell_index, bool(wanted))
        raise ChapterFailed(
            f"{notebook.as_posix()} failed in cell {cell} ({exc.ename}: {exc.evalue}); "
            f"the executed copy with the traceback is {target}"
        ) from exc
    except (CellTimeoutError, DeadKernelError) as exc:
        index = started_cells[-1] if started_cells else None
        cell = source_cell_number(source, index, bool(wanted)) if index is not None else "?"
        what = (f"CellTimeoutError: still running after the timeout of {timeout} s"
                if isinstance(exc, CellTimeoutError) else f"DeadKernelError: {exc}")
        raise ChapterFailed(f"{notebook.as_posix()} failed in cell {cell} ({what}); "
                            f"no executed copy is written for it") from exc
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

    A chapter is handed to a worker only when one is free, so after the first failure no queued
    chapter starts; those already running finish (and are recorded, so the next build reuses them)
    before the failure is raised, naming the notebook and cell and the chapters not started.
    """
    if jobs <= 1 or len(chapters) <= 1:
        for i, chapter in enumerate(chapters):
            print(f"[book] executing {chapter.notebook.as_posix()}", flush=True)
            try:
                run = execute_chapter(paths, chapter.notebook, chapter.parameters, timeout=timeout)
            except ChapterFailed as exc:
                _raise_first(exc, chapters[i + 1:])
            done(chapter, run)
        return
    failures: list[ChapterFailed] = []
    queue = list(chapters)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no state forked from the build
    print(f"[book] executing {len(chapters)} chapters, {jobs} at a time: "
          + ", ".join(c.notebook.as_posix() for c in chapters), flush=True)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chapters)), mp_context=context) as pool:
        running: dict = {}
        while running or (queue and not failures):
            while queue and not failures and len(running) < jobs:
                chapter = queue.pop(0)
                print(f"[book] executing {chapter.notebook.as_posix()}", flush=True)
                running[pool.submit(_execute_in_worker, str(paths.root), str(paths.out), str(paths.corpus),
                                    chapter.notebook.as_posix(), chapter.parameters, timeout)] = chapter
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                chapter = running.pop(future)
                try:
                    run = future.result()
                except ChapterFailed as exc:
                    failures.append(exc)
                except Exception as exc:  # noqa: BLE001 (whatever a worker raised, name the notebook)
                    failures.append(ChapterFailed(
                        f"{chapter.notebook.as_posix()} failed in cell ? ({type(exc).__name__}: {exc})"))
                else:
                    done(chapter, run)
    if failures:
        _raise_first(failures[0], queue)


def _raise_first(failure: ChapterFailed, not_started: list[Chapter]) -> None:
    """Raise ``failure``, naming the chapters that were not started because of it."""
    if not_started:
        raise ChapterFailed(f"{failure}; not started: "
                            + ", ".join(c.notebook.as_posix() for c in not_started)) from failure
    raise failure


RUN_TIMES = ("start_time", "end_time", "duration")


def hide_injected_parameters(notebook: Path) -> None:
    """Remove papermill's injected-parameters cell from the page (the run manifest lists them), and
    make the executed notebook a function of its inputs: cell ids derived from position and source
    (nbformat and papermill draw random ones), no run times in its metadata (the manifest has them).
    """
    nb = nbformat.read(notebook, as_version=4)
    for index, cell in enumerate(nb.cells):
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
        if "id" in cell:
            cell["id"] = f"c{index}-{hashlib.sha256(cell.source.encode('utf-8')).hexdigest()[:8]}"
        cell.metadata.pop("execution", None)
        for key in RUN_TIMES:
            cell.metadata.get("papermill", {}).pop(key, None)
    for key in RUN_TIMES:
        nb.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(nb, notebook)
