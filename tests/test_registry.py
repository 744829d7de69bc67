"""The extractor registry: one shape, declared dependencies and knowledge, the tables chapters read."""

import inspect

import pytest
from conftest import SEEDS

from helpers.extract.registry import CHAPTER_TABLES, REGISTRY, get, run_document, split_tables
from helpers.extract.stage import _source, module_files
from helpers.knowledge import knowledge_path
from helpers.paths import PACKAGE

D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_every_extractor_has_one_shape_over_one_document():
    for ex in REGISTRY:
        params = list(inspect.signature(ex.extract).parameters.values())
        assert [p.name for p in params] == ["doc_tables", "knowledge_dir"], ex.name
        assert params[1].default is None, ex.name


def test_dependencies_run_earlier_and_knowledge_files_exist():
    seen = set()
    for ex in REGISTRY:
        assert set(ex.after) <= seen, f"{ex.name} runs after {ex.after}, not all registered before it"
        seen.add(ex.name)
        for name in ex.knowledge:
            assert knowledge_path(name).is_file()
        assert _source(ex.module) in module_files(ex.module)
    quotes = {p.relative_to(PACKAGE).as_posix() for p in module_files("helpers.extract.quotes")}
    assert {"extract/quotes/__init__.py", "extract/actors.py"} <= quotes  # a package, and what it imports
    assert len([q for q in quotes if q.startswith("extract/quotes/")]) > 1  # its modules (relative imports)
    assert [ex.name for ex in REGISTRY] == ["casualties", "places", "dates", "actors", "leftovers", "quotes", "claims"]


def test_the_tables_chapters_read_are_published():
    from helpers.chapters.extracted import CSV_TABLES

    published = set(CSV_TABLES) | {"leftovers"}
    for chapter, names in CHAPTER_TABLES.items():
        assert set(names) <= published, chapter
    assert CHAPTER_TABLES["actors"] == ("actors", "quotes", "leftovers")


def test_an_unknown_name_lists_the_registered_ones():
    with pytest.raises(KeyError, match="no extractor 'speeches'; registered: casualties, places"):
        get("speeches")


def test_a_document_gets_only_its_own_rows_and_the_rows_it_depends_on(seed_tables):
    docs = split_tables(seed_tables)
    assert [d.doc for d in docs] == [D000, D001, D002, D003, D004]
    d002 = docs[2]
    assert set(d002.sentences["doc"]) == {D002} and list(d002.documents["doc"]) == [D002]
    out = run_document(d002, names=["claims"])
    assert sorted(out) == ["actors", "claims", "quotes"]  # claims run after quotes, quotes after actors
    assert d002.extracted == {}
    # "Americans" in 001 is a name: the corpus never writes "americans"; its vocabulary holds only such words
    assert "americans" not in docs[1].vocabulary and docs[1].vocabulary <= {
        w.lower() for t in docs[1].entities["text"] for w in t.replace("-", " ").split() + t.split()}
