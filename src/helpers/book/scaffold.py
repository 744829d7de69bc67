"""``python -m helpers new-chapter "Title"``: a new chapter from the template, listed in ``_toc.yml``.

The template (``templates/chapter.ipynb``) has what every chapter has: the overview with glued
numbers, a ``parameters`` cell, one imports cell, the load call, one section with a chart, the Data
section and Limitations. The new notebook is appended to the numbered part of ``_toc.yml``, so the
build executes it and the test suite picks it up without further edits.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import yaml
from sphinx_external_toc.parsing import Document, FileItem, MalformedError, create_toc_dict, parse_toc_yaml

from helpers.paths import PROJECT_ROOT, TEMPLATES

TEMPLATE = TEMPLATES / "chapter.ipynb"


def chapter_slug(title: str) -> str:
    """File name for a chapter title: lower case, words joined by underscores, no numbers needed.

    >>> chapter_slug("Timeline of events")
    'timeline_of_events'
    """
    slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        raise ValueError(f"cannot make a file name from the title {title!r}; start it with a letter")
    return slug


def _fill(source: str, title: str, slug: str) -> str:
    return source.replace("{title}", title).replace("{slug}", slug)


def add_to_toc(toc: Path, entry: str) -> None:
    """Append ``entry`` to the numbered part of ``_toc.yml`` (read and written with ``sphinx_external_toc``),
    keeping the comment lines the file opens with."""
    try:
        site = parse_toc_yaml(toc)
    except MalformedError as exc:
        raise ValueError(f"{toc}: {exc}") from exc
    if entry in site:
        raise ValueError(f"{toc} already lists {entry}")
    numbered = next((tree for tree in site.root.subtrees if tree.numbered), None)
    if numbered is None:
        raise ValueError(f"{toc} has no part with 'numbered: true' to add the chapter to")
    numbered.items.append(FileItem(entry))
    site[entry] = Document(entry)
    lines = toc.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = "".join(itertools.takewhile(lambda line: line.startswith("#"), lines))
    toc.write_text(comments + yaml.safe_dump(create_toc_dict(site), sort_keys=False, allow_unicode=True),
                   encoding="utf-8")


def new_chapter(title: str, root: str | Path = PROJECT_ROOT) -> Path:
    """Create ``chapters/<slug>.ipynb`` from the template and list it in ``_toc.yml``; return its path."""
    root = Path(root)
    slug = chapter_slug(title)
    target = root / "chapters" / f"{slug}.ipynb"
    if target.exists():
        raise FileExistsError(f"{target} exists already; choose another title")
    notebook = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["source"] = [_fill(line, title, slug) for line in cell["source"]]
    target.parent.mkdir(parents=True, exist_ok=True)
    add_to_toc(root / "_toc.yml", f"chapters/{slug}")
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return target
