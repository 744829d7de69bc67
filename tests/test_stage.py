"""The extraction stage: each document extracted once, cached by its content, the extractor's code and
knowledge; the corpus-wide tables are exactly those of the extractors run over the whole corpus."""

import shutil

import pandas as pd
import pytest
from conftest import SEEDS

from helpers import load_tables
from helpers.chapters.extracted import ensure_extracted, load_extracted, read_record, run_stage
from helpers.extract.actors import actor_mentions, model_leftovers
from helpers.extract.casualties import casualty_claims, is_subcount
from helpers.extract.interference import interference_claims
from helpers.extract.places import mention_dates, place_mentions
from helpers.extract.quotes import quotes_table
from helpers.extract.registry import REGISTRY, dates
from helpers.extract.stage import extract_corpus
from helpers.knowledge import PACKAGE_DATA

D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def stage(seed_tables, tmp_path_factory):
    return extract_corpus(seed_tables, cache_dir=tmp_path_factory.mktemp("extract-cache"))


def test_per_document_rows_equal_the_corpus_wide_extractors(seed_tables, stage):
    t = seed_tables
    claims = casualty_claims(t.texts, t.sentences)
    claims["subcount"] = is_subcount(claims, t.texts)
    mentions = actor_mentions(t)
    whole = {"casualties": claims, "places": mention_dates(place_mentions(t), t.texts, t.documents),
             "dates": dates(t), "actors": mentions, "leftovers": model_leftovers(t),
             "quotes": quotes_table(t, mentions), "claims": interference_claims(t)}
    assert sorted(stage.frames) == sorted(whole)
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(stage.frames[name], frame.reset_index(drop=True), obj=name)
    # "Media" (001) is set aside as a common word: other seeds write "media" in lower case
    left = stage.frames["leftovers"]
    assert left.loc[(left["doc"] == D001) & (left["text"] == "Media"), "reason"].str.startswith("common word").all()


def test_nothing_changed_is_a_cache_hit(seed_tables, stage, tmp_path):
    assert (stage.documents, stage.extracted) == (5, 5)
    cache = tmp_path / "cache"
    extract_corpus(seed_tables, cache_dir=cache)
    again = extract_corpus(seed_tables, cache_dir=cache)
    assert again.extracted == 0
    for name in stage.frames:
        pd.testing.assert_frame_equal(again.frames[name], stage.frames[name], obj=name)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_one_changed_document_re_extracts_that_document_only(corpus, tmp_path, cache_dir):
    cache = tmp_path / "cache"
    first = extract_corpus(load_tables(corpus, cache_dir=cache_dir), cache_dir=cache)
    assert first.extracted == 5
    line = "At least 7 police officers were killed in Taraz, the interior ministry said.\n"
    (corpus / D002).write_bytes((corpus / D002).read_bytes() + line.encode())
    second = extract_corpus(load_tables(corpus, cache_dir=cache_dir), cache_dir=cache)
    assert second.extracted == 1
    added = second.frames["casualties"].query("doc == @D002")
    assert added["quote"].str.endswith("7 police officers were killed").tolist() == [True]
    assert (added["low"].tolist(), added["victim_group"].tolist()) == ([7.0], ["security_forces"])
    unchanged = second.frames["casualties"].query("doc != @D002").reset_index(drop=True)
    pd.testing.assert_frame_equal(unchanged, first.frames["casualties"].query("doc != @D002").reset_index(drop=True))


def test_a_changed_knowledge_file_re_extracts_every_document(seed_tables, tmp_path):
    cache = tmp_path / "cache"
    extract_corpus(seed_tables, cache_dir=cache)
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    vague = (PACKAGE_DATA / "vague_numbers.csv").read_text(encoding="utf-8")
    (knowledge / "vague_numbers.csv").write_text(vague.replace("dozens,12,", "dozens,24,", 1), encoding="utf-8")
    assert "dozens,24," in (knowledge / "vague_numbers.csv").read_text()
    edited = extract_corpus(seed_tables, knowledge_dir=knowledge, cache_dir=cache)
    assert edited.extracted == 5
    folders = sorted(p.name.rsplit("-", 1)[0] for p in cache.iterdir())
    # only the casualty extractor reads vague_numbers.csv: the others' rows came from the cache
    assert folders.count("extract-casualties") == 2 and folders.count("extract-places") == 1
    assert len(folders) == len(REGISTRY) + 1


def test_a_failing_extractor_names_the_document(seed_tables, tmp_path):
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "speech_cues.csv").write_text("not,the,columns\n1,2,3\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=rf"extracting {D000}: "):
        extract_corpus(seed_tables, knowledge_dir=knowledge, cache_dir=tmp_path / "cache")


def test_chapters_read_the_tables_the_stage_wrote_and_it_runs_again_for_another_corpus(corpus, tmp_path, cache_dir):
    data = tmp_path / "data"
    with pytest.raises(FileNotFoundError, match="no extracted table 'casualties'; run `python -m helpers extract"):
        load_extracted(data, "casualties")
    run_stage(corpus, data, cache_dir=cache_dir)
    record = read_record(data)
    claims = load_extracted(data, "casualties")
    assert (data / "casualties.csv").exists() and record["tables"]["casualties"]
    assert claims.loc[claims["quote"].str.startswith("At least 18"), "outlet"].tolist() == ["jewworldorder.org"]
    ensure_extracted(corpus, data)  # same corpus: nothing to do
    assert read_record(data) == record
    (corpus / D004).unlink()
    ensure_extracted(corpus, data)
    assert D004 not in set(load_extracted(data, "places")["doc"])
    assert read_record(data)["tables"]["places"] != record["tables"]["places"]
