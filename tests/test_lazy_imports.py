"""The chapters do not import spaCy (nor Dask, trafilatura, py3langid) unless they parse.

Each chapter's kernel imports ``helpers`` and its chapter modules; none of them parses, so loading
spaCy there (about a second per chapter kernel) is waste. Each check runs in a fresh interpreter,
as a chapter's kernel would.
"""

import json
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT

HEAVY = ["spacy", "thinc", "dask", "distributed", "trafilatura", "py3langid"]
# the chapters that read the whole corpus call load_tables, whose pipeline fingerprint names spaCy's version
LOADS_THE_CORPUS = {"sources", "documents", "methodology"}


def loaded_after(code: str) -> list[str]:
    """Which of ``HEAVY`` are in ``sys.modules`` after running ``code`` in a fresh interpreter."""
    probe = code + f"\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT / "chapters",
                         check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_helpers_and_its_exports_loads_nothing_heavy():
    assert loaded_after("import helpers") == []
    # the names helpers exports resolve (each from its own module) when asked for
    assert loaded_after("from helpers import enable_offline_renderer, show_table, write_table, affiliation_family"
                        ", STATUSES, read_corpus") == []


def test_every_chapter_module_imports_without_spacy():
    modules = sorted(p.stem for p in (ROOT / "src" / "helpers" / "chapters").glob("*.py") if p.stem != "__init__")
    assert "extracted" in modules and "casualties" in modules
    code = "\n".join(f"import helpers.chapters.{name}" for name in modules)
    code += "\nimport helpers.present.charts, helpers.present.display, helpers.present.provenance, helpers.present.maps"
    assert loaded_after(code) == []


@pytest.mark.parametrize("notebook", sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb")))
def test_a_chapters_import_cell_loads_no_spacy(notebook):
    cells = [c for c in nbformat.read(ROOT / "chapters" / f"{notebook}.ipynb", as_version=4).cells
             if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]
    imports = cells[0].source
    assert "import" in imports
    loaded = loaded_after(imports)
    if notebook in LOADS_THE_CORPUS:
        assert "spacy" not in loaded or "load_tables" in imports, loaded
        assert not {"dask", "distributed", "trafilatura"} & set(loaded), loaded
    else:
        assert loaded == [], loaded


def test_spacy_is_still_there_for_what_parses():
    # the lazy names still give the real objects, and the parse still loads spaCy when it is asked for
    assert "spacy" in loaded_after("from helpers import build_pipeline\nbuild_pipeline('blank:en')")
    assert loaded_after("from helpers import DEFAULT_PIPELINE\nassert DEFAULT_PIPELINE.startswith('en_core_web')") \
        == ["spacy", "thinc"]
