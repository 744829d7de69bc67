"""The data dictionary (``datapackage.json``) validates with frictionless, and the citation files hold.

The tables are built from the seeds by the extract step only (``write_tables``), plus a chapter table
written the way chapters write theirs; a full book, when one is built under ``_build/test-book``, is
checked too.
"""

from __future__ import annotations

import json
import re
import shutil

import frictionless
import pandas as pd
import pytest
import yaml
from conftest import ROOT

from helpers.book.datapackage import datapackage, table_descriptions, write_datapackage
from helpers.parse.tables_io import write_table, write_tables

BUILT_DATA = ROOT / "_build" / "test-book" / "data"


@pytest.fixture(scope="module")
def data_dir(seed_tables, tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    write_tables(seed_tables, out)
    ledger = pd.DataFrame({"word": ["dozens", "several"], "low": [12, 3], "best": [12, 3], "high": [None, None],
                           "source": ["ACLED", "project choice"]})
    write_table("vague_numbers", ledger, out)
    write_datapackage(out)
    return out


def report_errors(path) -> list[str]:
    report = frictionless.validate(str(path))
    return [f"{task.name}: {error.type}" for task in report.tasks for error in task.errors]


def test_the_package_of_the_extracted_tables_is_valid(data_dir):
    assert report_errors(data_dir / "datapackage.json") == []


def test_every_csv_is_a_resource_with_every_column_typed_and_described(data_dir):
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == sorted(p.name for p in data_dir.glob("*.csv"))
    for resource in package["resources"]:
        header = pd.read_csv(data_dir / resource["path"], nrows=0).columns.tolist()
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] for f in resource["schema"]["fields"]), resource["path"]
        assert resource["description"], resource["path"]
    types = {r["path"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in package["resources"]}
    assert types["entities.csv"]["start"] == "integer" and types["sentences.csv"]["in_boilerplate"] == "boolean"
    assert types["documents.csv"]["boilerplate_share"] == "number" and types["vague_numbers.csv"]["high"] == "number"
    docs = next(r for r in package["resources"] if r["path"] == "documents.csv")
    assert docs["description"].startswith("one row per entry")  # the corpus chapter's Data section


def test_a_value_that_breaks_its_type_fails_validation(data_dir, tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(data_dir, broken)
    sentences = (broken / "sentences.csv").read_text(encoding="utf-8").splitlines()
    sentences[1] = re.sub(r",\d+,", ",twelve,", sentences[1], count=1)
    (broken / "sentences.csv").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    assert "sentences: type-error" in report_errors(broken / "datapackage.json")


def test_an_unchanged_folder_keeps_its_file(data_dir):
    path = data_dir / "datapackage.json"
    before = path.stat().st_mtime_ns
    assert write_datapackage(data_dir) == path and path.stat().st_mtime_ns == before


def test_the_data_sections_describe_the_chapter_tables():
    described = table_descriptions()
    assert described["casualties.csv"].startswith("every claim with its span")
    assert "actor_network_edges.csv" in described and "actor_network_nodes.csv" in described


def test_no_text_in_the_download_is_named_txt_txt(data_dir):
    names = [p.name for p in (data_dir / "texts").iterdir()]
    assert "000_271d7d01dcf743bd.txt" in names and not [n for n in names if n.endswith(".txt.txt")]


def test_the_built_books_data_package_is_valid_and_in_the_archive():
    import zipfile

    if not (BUILT_DATA / "datapackage.json").is_file():  # checked at run time: the book tests build it first
        pytest.skip("no book built under _build/test-book")
    assert report_errors(BUILT_DATA / "datapackage.json") == []
    package = datapackage(BUILT_DATA)
    assert len(package["resources"]) == len(list(BUILT_DATA.glob("*.csv")))
    with zipfile.ZipFile(BUILT_DATA / "data.zip") as archive:
        assert "data/datapackage.json" in archive.namelist()


def test_the_citation_file_holds_what_cff_1_2_0_requires():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"] and cff["title"] and cff["authors"]
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(cff["date-released"]))


def test_the_licences_match_the_package_and_the_about_page():
    assert "MIT" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    about = (ROOT / "about.md").read_text(encoding="utf-8")
    assert "MIT" in about and "CC BY 4.0" in about and "chapters/sources.ipynb::outlets_list" in about
    assert "- file: about" in (ROOT / "_toc.yml").read_text(encoding="utf-8")
