"""The modules each extractor imports, kept per machine: read back they equal a fresh parse of the code, an
edited module is parsed again, and a damaged file is named, deleted and parsed again."""

from __future__ import annotations

import json

import pytest

from helpers.extract import stage
from helpers.extract.registry import REGISTRY
from helpers.parse.cache import write_checked


def _graph(root, module):
    """module_files(module) computed with the kept imports of ``root`` (no per-process memo), the store, and
    how many modules it had to parse."""
    kept = stage.KeptImports(root)
    seen, todo = {}, [module]
    while todo:
        name = todo.pop()
        path = stage._source(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        todo += kept.imports(name, path)
    added = kept.added
    kept.save()
    return tuple(sorted(set(seen.values()))), kept, added


def test_kept_imports_equal_a_fresh_parse_for_every_extractor(tmp_path):
    for ex in REGISTRY:
        first, _, _ = _graph(tmp_path, ex.module)
        again, _, parsed = _graph(tmp_path, ex.module)
        assert first == again == stage.module_files(ex.module)
        assert parsed == 0
    kept = stage.KeptImports(tmp_path)
    for ex in REGISTRY:
        for path in stage.module_files(ex.module):
            name = "helpers." + ".".join(path.relative_to(stage.PACKAGE).with_suffix("").parts)
            name = name.removesuffix(".__init__")
            assert kept.imports(name, path) == stage.imported(name, path)
    assert kept.added == 0


def test_an_edited_module_is_parsed_again(tmp_path):
    package = tmp_path / "module.py"
    package.write_text("from helpers.extract import dates\n")
    kept = stage.KeptImports(tmp_path / "cache")
    assert "helpers.extract" in kept.imports("helpers.extract.module", package)
    package.write_text("from helpers.corpus import reader\n")
    assert kept.imports("helpers.extract.module", package) == ["helpers.corpus", "helpers.corpus.reader"]
    assert kept.added == 2


@pytest.mark.parametrize("how", ["truncated", "not_json", "not_a_table"])
def test_a_damaged_file_is_named_deleted_and_parsed_again(tmp_path, how, capsys):
    expected, kept, _ = _graph(tmp_path, "helpers.extract.dates")
    data = kept.path.read_bytes()
    if how == "truncated":
        kept.path.write_bytes(data[: len(data) // 2])
    elif how == "not_json":
        write_checked(kept.path, b"{not json")
    else:
        write_checked(kept.path, json.dumps({"key": "not a list"}).encode())
    again, _, parsed = _graph(tmp_path, "helpers.extract.dates")
    assert again == expected and parsed > 0
    assert f"bad kept imports {kept.path}" in capsys.readouterr().out
    assert _graph(tmp_path, "helpers.extract.dates")[2] == 0


def test_an_unwritable_folder_only_means_parsing_again(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    files, _, parsed = _graph(blocker, "helpers.extract.dates")
    assert files == stage.module_files("helpers.extract.dates") and parsed > 0
    assert _graph(blocker, "helpers.extract.dates")[2] == parsed  # nothing could be kept
