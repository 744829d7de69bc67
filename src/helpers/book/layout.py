"""Where a build reads and writes (``BuildPaths``) and which files make up the book sources."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BOOK_FILES = ["_config.yml", "_toc.yml"]
BOOK_DIRS = ["chapters", "_static", "_ext"]
SKIP_NAMES = {".ipynb_checkpoints", "__pycache__", ".git", ".venv", "_build"}


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
        """The published data folder (replaced as a whole at the end of a successful build)."""
        return self.out / "data"

    @property
    def work_data(self) -> Path:
        """Where the build writes its data: ``OUT/book/data`` (the chapters' ``data_dir``, the
        downloads of the staged book), published to ``OUT/data`` when the build succeeds."""
        return self.book / "data"

    @property
    def marker(self) -> Path:
        """``OUT/BUILDING``: present from the start of a build until it has published html and data."""
        return self.out / "BUILDING"

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


