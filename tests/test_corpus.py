"""Reading a corpus folder: metadata, boilerplate as spans, and a named status for every bad input."""

import shutil

import pytest
from conftest import ROOT, SEEDS, seed_text

from helpers.corpus.boilerplate import boilerplate_spans
from helpers.corpus.reader import read_corpus

SECOND = ROOT / "tests" / "corpora" / "second"


def test_seeds_are_read_with_their_outlets_and_original_text():
    corpus = read_corpus(SEEDS)
    docs = corpus.documents.set_index("doc")
    assert list(docs["status"]) == ["ok"] * 5
    assert docs.loc["002_0e5ec4742fbe5a91.txt", "outlet"] == "Sputnik International"
    assert docs.loc["002_0e5ec4742fbe5a91.txt", "outlet_affiliation"] == "state-owned (Rossiya Segodnya)"
    assert docs.loc["001_c6950bd78c059d3e.txt", "published"] == "2022-01-07"
    # the text is the file, decoded, untouched: offsets are offsets into the file's characters
    for doc, text in corpus.texts.items():
        assert text == seed_text(doc)
        assert docs.loc[doc, "n_chars"] == len(text)


def test_boilerplate_is_marked_as_spans_of_the_original_text():
    corpus = read_corpus(SEEDS)
    spans = corpus.boilerplate
    for row in spans.itertuples():
        line = corpus.texts[row.doc][row.start:row.end]
        assert line and line == line.strip() and "\n" not in line
    by_rule = {(r.doc[:3], r.rule_id): corpus.texts[r.doc][r.start:r.end] for r in spans.itertuples()}
    assert by_rule[("001", "wp_powered_by")].startswith("Powered by WordPress | Designed by")
    assert by_rule[("003", "comment_prompt")] in {"Please enter your comment!", "Please enter your name here"}
    assert by_rule[("002", "other_script")] == "Заголовок открываемого материала"
    assert by_rule[("000", "photo_credit")].endswith("(Photo credit: AP)")
    assert by_rule[("000", "tweet_link")].endswith("pic.twitter.com/0IhdUrt8lw")
    # article sentences are not boilerplate
    text = seed_text("001_c6950bd78c059d3e.txt")
    at = text.index("At least 18 security officers were killed")
    assert not ((spans["doc"] == "001_c6950bd78c059d3e.txt") & (spans["start"] <= at) & (spans["end"] > at)).any()
    assert corpus.documents.set_index("doc").loc["004_8df69c7030b76481.txt", "boilerplate_chars"] == 0


def test_boilerplate_rules_can_be_replaced_by_a_users_file(tmp_path):
    rules = tmp_path / "boilerplate.csv"
    rules.write_text("rule_id,kind,match,pattern\nkaz_riot,caption,line,Kazakhstan riot\n")
    text = seed_text("001_c6950bd78c059d3e.txt")
    from helpers.corpus.boilerplate import load_rules

    found = boilerplate_spans("001", text, load_rules(rules))
    assert [text[s:e] for s, e in zip(found["start"], found["end"])] == ["Kazakhstan riot"]


def test_missing_corpus_folder_is_an_error_that_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no_such_folder"):
        read_corpus(tmp_path / "no_such_folder")


@pytest.fixture
def bad_corpus(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(SEEDS / "003_2d1796695ef79f70.txt", folder / "a_seed.txt")
    shutil.copy(SEEDS / "003_2d1796695ef79f70.txt", folder / "b_copy_of_seed.txt")
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_blank.md").write_bytes(b"\n   \n")
    (folder / "e_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "f_latin1.txt").write_bytes("Almaty police said the rioters were arrested — café".encode("cp1252"))
    (folder / "g_huge.txt").write_bytes(b"Over 3,000 people have been detained. " * 140_000)  # 5.3 MB
    (folder / "h_russian.txt").write_text(
        "Беспорядки в Казахстане начались второго января в Жанаозене после роста цен на газ. "
        "Затем протесты охватили Алматы и другие города страны, где были захвачены здания. " * 5,
        encoding="utf-8")
    (folder / "i_report.pdf").write_bytes(b"%PDF-1.4 ...")
    (folder / "j_subfolder").mkdir()
    (folder / "k_page.html").write_text("<html><head><script>alert(1)</script></head><body></body></html>")
    (folder / "sources.csv").write_text("doc,outlet\na_seed.txt,Europa Press\nz_gone.txt,Nowhere Daily\n")
    return folder


def test_every_bad_input_gets_a_named_status_and_reason(bad_corpus):
    docs = read_corpus(bad_corpus).documents.set_index("doc")
    expected = {
        "a_seed.txt": "ok",
        "b_copy_of_seed.txt": "duplicate",
        "c_empty.txt": "empty",
        "d_blank.md": "empty",
        "e_image.txt": "binary",
        "f_latin1.txt": "undecodable",
        "g_huge.txt": "too_large",
        "h_russian.txt": "other_language",
        "i_report.pdf": "unsupported",
        "j_subfolder": "unsupported",
        "k_page.html": "no_main_text",
        "z_gone.txt": "missing",
    }
    assert docs["status"].to_dict() == expected
    assert docs.loc["b_copy_of_seed.txt", "reason"] == "same bytes as a_seed.txt"
    assert "byte 45" in docs.loc["f_latin1.txt", "reason"]
    assert "5,320,000 bytes" in docs.loc["g_huge.txt", "reason"]
    assert ".pdf" in docs.loc["i_report.pdf", "reason"]
    assert (docs.loc[docs["status"] != "ok", "reason"] != "").all()
    assert docs.loc["a_seed.txt", "outlet"] == "Europa Press"
    assert docs.loc["a_seed.txt", "published"] == "unknown"


def test_html_is_read_through_its_main_text_without_scripts_or_navigation():
    corpus = read_corpus(SECOND)
    docs = corpus.documents.set_index("doc")
    text = corpus.texts["003_europa_press_wire.html"]
    assert docs.loc["003_europa_press_wire.html", "title"].startswith("Protesters attempt to storm public buildings")
    assert "Dozens of attackers have been eliminated, their identities are being determined" in text
    assert "trackPageView" not in text and "Weather this weekend" not in text and "Home | World" not in text


def test_a_document_without_metadata_is_kept_with_unknowns():
    docs = read_corpus(SECOND).documents.set_index("doc")
    row = docs.loc["voi_no_metadata.md"]
    assert row["status"] == "ok" and row["metadata"] == "none"
    assert row["outlet"] == "unknown" and row["published"] == "unknown"
    assert row["title"].startswith("Chaotic Protests In Kazakhstan")


def test_sources_csv_without_a_doc_column_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "sources.csv").write_text("file,outlet\na.txt,X\n")
    with pytest.raises(ValueError, match=r"sources\.csv: needs a 'doc' column"):
        read_corpus(tmp_path)
