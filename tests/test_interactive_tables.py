"""The tables as readers see them, on the seeds' own rows: labels for codes, counts without decimals,
nothing for a missing value, ownership as a badge, the columns shown first, and the DataTables bundle
served from _static as a classic script."""

import json
import re
import shutil
import subprocess

import pandas as pd
import pytest

from helpers.chapters.casualties import claims_table, ledger, reconcile
from helpers.knowledge import knowledge_path
from helpers.present.display import show_table
from helpers.present.interactive import (
    GLOBAL,
    code_labels,
    datatables_bundle,
    datatables_files,
    reader_frame,
)

SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


@pytest.fixture(scope="module")
def claims(seed_tables):
    from helpers.extract.registry import casualties

    return claims_table(seed_tables, casualties(seed_tables))


def cells(page: str) -> list[str]:
    """The text of every body cell of a rendered table (tags dropped, entities kept as written)."""
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", page, flags=re.DOTALL)]


def row_of(frame: pd.DataFrame, quote: str) -> pd.Series:
    rows = frame[frame["quote"] == quote]
    assert len(rows) == 1, (quote, len(rows))
    return rows.iloc[0]


def test_a_seed_claim_shows_its_count_as_a_whole_number_its_open_end_empty_and_its_group_in_words(claims):
    # seed 001: "At least 18 security officers were killed" (best 18.0 and high missing in the claims table)
    shown = reader_frame(ledger(claims))
    row = row_of(shown, "At least 18 security officers were killed")
    assert (row["best"], row["low"], row["high"]) == ("18", "18", "")
    assert row["qualifier"] == "at least" and row["victims"] == "security forces"
    # seed 001: "Over 3,000 people have been detained"
    row = row_of(shown, "Over 3,000 people have been detained")
    assert row["best"] == "3001" and row["qualifier"] == "more than" and row["victims"] == "people (unspecified)"


def test_the_ledger_page_has_no_float_count_no_nan_and_no_snake_case_code(claims):
    page = show_table(ledger(claims), links=("in context",))._repr_html_()
    texts = cells(page)
    assert "18" in texts and "3001" in texts
    assert not [t for t in texts if t in {"nan", "None", "NaN", "<NA>"}]
    assert not [t for t in texts if re.fullmatch(r"-?\d+\.0+", t)], "a count printed with decimals"
    codes = [t for t in texts if SNAKE.fullmatch(t)]
    assert not codes, codes


def test_ownership_is_a_short_badge_with_the_full_note_of_sources_csv_on_hover(claims):
    page = show_table(ledger(claims))._repr_html_()
    # seed 003 (Europa Press wire): "private news agency (ownership not cited)" in seeds/sources.csv
    assert '<span class="kz-badge" title="private news agency (ownership not cited)">private</span>' in page
    # seed 001 (jewworldorder.org): the long note sits in the title, the cell shows the family
    assert ('title="anonymous blog; owner not documented; patchwork of TASS copy">unknown</span>') in page
    assert ">anonymous blog; owner not documented" not in page


def test_the_reader_needs_first_are_visible_and_the_rest_hidden_under_columns(claims):
    styler = show_table(ledger(claims), links=("in context",))
    columns = list(styler.data.columns)
    options = styler.datatable
    hidden = {columns[i] for d in options.get("columnDefs", []) for i in d["targets"]}
    for needed in ("quote", "as written", "outcome", "victims", "according to", "in context"):
        assert needed not in hidden
    assert {"low", "high", "qualifier", "document [start:end]"} <= hidden
    assert {"extend": "colvis", "text": "Columns"} in options["layout"]["topStart"][-1]["buttons"]
    assert options["paging"] is False and options["layout"]["bottomStart"] == "info"  # 22 claims: one page


def test_the_reconciliation_shows_rule_and_groups_as_words(claims):
    page = show_table(reconcile(claims))._repr_html_()
    texts = cells(page)
    assert "most conservative (lowest best)" in texts and "security forces" in texts
    assert "most_conservative" not in texts and "security_forces" not in texts
    assert ">victims</th>" in page and ">victim_group</th>" not in page


def test_a_long_quote_is_clamped_with_its_full_text_kept(seed_tables):
    text = seed_tables.texts["003_2d1796695ef79f70.txt"]
    quote = next(s for s in text.split("\n") if len(s) > 200)
    page = show_table(pd.DataFrame({"quote": [quote]}))._repr_html_()
    import html

    assert f'<div class="kz-clamp" title="{html.escape(quote)}">{html.escape(quote)}</div>' in page


def test_a_hostile_cell_stays_text_in_the_table_and_in_the_script():
    table = pd.DataFrame({"outlet": ["<script>alert(1)</script>"], "quote": ['" onmouseover="alert(1)' * 10]})
    page = show_table(table)._repr_html_()
    assert "<script>alert(1)" not in page and 'title="" onmouseover' not in page
    script = page[page.index("<script>(function"):]
    assert script.count("<script") == 1 and "</script>" not in script[:-len("</script>")]


def test_the_table_script_names_its_table_and_the_bundle_global(claims):
    styler = show_table(ledger(claims))
    page = styler._repr_html_()
    table_id = re.search(r'<table id="([^"]+)"', page).group(1)
    script = page[page.index("<script>(function"):]
    assert json.dumps(table_id) in script and f"window.{GLOBAL}" in script
    assert styler.to_html().count("<script") == 0  # the plain table (what other builders get) has no script


def test_code_labels_name_every_code_of_the_knowledge_files():
    labels = code_labels()
    victim_groups = pd.read_csv(knowledge_path("victim_groups.csv"))["victim_group"]
    for code in set(victim_groups):
        assert code in labels and not SNAKE.fullmatch(labels[code])


def test_a_bad_code_labels_file_is_named_with_the_reason(tmp_path):
    (tmp_path / "code_labels.csv").write_text("code,kind,label,source\nsecurity_forces,cell,security forces,x\n")
    with pytest.raises(ValueError, match=r"code_labels.csv: line 2 .*kind"):
        code_labels(tmp_path)
    (tmp_path / "code_labels.csv").write_text("code,label\nsecurity_forces,security forces\n")
    with pytest.raises(ValueError, match=r"code_labels.csv: missing column"):
        code_labels(tmp_path)


def test_the_bundle_is_one_classic_script_that_sets_the_global(tmp_path):
    bundle = datatables_bundle()
    assert "export{" not in bundle and f"window.{GLOBAL}={{" in bundle
    assert re.search(rf"window\.{GLOBAL}=\{{[^}}]*ITable:", bundle)
    assert set(datatables_files()) == {"itables-bundle.js", "itables-bundle.css"}
    if shutil.which("node"):  # a syntax error would stop every table of the book
        (tmp_path / "bundle.js").write_text(bundle, encoding="utf-8")
        check = subprocess.run(["node", "--check", str(tmp_path / "bundle.js")], check=False, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr[:500]
