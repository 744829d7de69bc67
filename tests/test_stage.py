"""The extraction stage: each document extracted once, cached by its content, the extractor's code and
knowledge; the corpus-wide tables are exactly those of the extractors run over the whole corpus."""

import shutil

import pandas as pd
import pytest
from conftest import SEEDS

from helpers import load_tables
from helpers.chapters.extracted import ensure_extracted, load_extracted, read_record, run_stage
from helpers.extract.actors import actor_mentions, model_leftovers
from helpers.extract.casualties import casualty_claims, is_subcount, with_superseded
from helpers.extract.interference import interference_claims
from helpers.extract.places import mention_dates, place_mentions
from helpers.extract.quotes import quotes_table
from helpers.extract.registry import REGISTRY, dates
from helpers.extract.stage import ExtractCache, extract_corpus, extractor_keys
from helpers.knowledge import PACKAGE_DATA

D000, D001, D002, D003, D004 = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def stage(seed_tables, tmp_path_factory):
    return extract_corpus(seed_tables, cache_dir=tmp_path_factory.mktemp("extract-cache"))


def test_per_document_rows_equal_the_corpus_wide_extractors(seed_tables, stage):
    t = seed_tables
    claims = casualty_claims(t.texts, t.sentences)
    claims["subcount"] = is_subcount(claims, t.texts)
    claims = with_superseded(claims, t.texts)
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
    assert len([f for f in folders if f.startswith("extract-")]) == len(REGISTRY) + 1


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


# ---- several documents in one run of the extractors, and the parse's stored tokens ----


def test_documents_extracted_together_give_the_rows_of_one_run_each(seed_tables):
    from helpers.extract.registry import run_document, run_documents, split_tables

    docs = split_tables(seed_tables)
    together = run_documents(docs)
    assert len(together) == 5 and sum(len(f["casualties"]) for f in together) > 10
    for d, rows in zip(docs, together):
        alone = run_document(d)
        for name in alone:
            if len(alone[name]):
                pd.testing.assert_frame_equal(rows[name], alone[name], obj=f"{d.doc} {name}")
            else:  # no rows: the columns (an empty table's dtypes never reach the stage's tables, see split_rows)
                assert (len(rows[name]), list(rows[name].columns)) == (0, list(alone[name].columns)), name
            assert set(rows[name]["doc"]) <= {d.doc}


def test_rebuilt_sentences_carry_the_parse_of_their_line(seed_tables):
    from helpers.extract.registry import split_tables
    from helpers.extract.text import analysed_sentences
    from helpers.parse.pipeline import build_pipeline

    nlp = build_pipeline(seed_tables.pipeline)
    d003 = next(d for d in split_tables(seed_tables) if d.doc == D003)
    _, text, spans = next(analysed_sentences(d003.texts, d003.sentences))
    rebuilt = d003.sentence_docs(D003, spans)
    line_of = {}
    for a, b in spans:  # each sentence is parsed inside its line (stripped), as the parse cut the text into units
        start = text.rfind("\n", 0, a) + 1
        line = text[start:].split("\n", 1)[0]
        start += len(line) - len(line.lstrip())
        line_of[(a, b)] = (start, start + len(line.strip()))
    lines = {span: nlp(text[span[0]:span[1]]) for span in set(line_of.values())}
    for (a, b), doc in zip(spans, rebuilt):
        start, _ = line_of[(a, b)]
        expected = lines[line_of[(a, b)]].char_span(a - start, b - start).as_doc()
        assert doc.text == text[a:b]
        assert [(t.text, t.dep_, t.head.i, t.pos_, t.tag_, t.ent_iob_, t.ent_type_) for t in doc] == \
            [(t.text, t.dep_, t.head.i, t.pos_, t.tag_, t.ent_iob_, t.ent_type_) for t in expected]
    killed = next(doc for doc in rebuilt if "officers killed" in doc.text)  # 003: "...officers killed in the clashes"
    assert [t.dep_ for t in killed if t.text == "thirteen"] == ["pobj"]


def test_the_stage_uses_the_stored_parse_and_finds_what_a_second_parse_finds(seed_tables, tmp_path):
    from helpers.extract.casualty_grammar import parser_pipeline

    parser_pipeline.cache_clear()
    fresh = extract_corpus(seed_tables, cache_dir=tmp_path / "cache")
    assert parser_pipeline.cache_info().misses == 0  # the model was not loaded to parse sentences again
    again = casualty_claims(seed_tables.texts, seed_tables.sentences, pipeline=seed_tables.pipeline)
    again["subcount"] = is_subcount(again, seed_tables.texts)
    again = with_superseded(again, seed_tables.texts)
    pd.testing.assert_frame_equal(fresh.frames["casualties"], again)
    assert parser_pipeline.cache_info().misses == 1


def test_a_sentence_is_rebuilt_once_per_run_and_as_the_doc_constructor_builds_it(seed_tables):
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, ORTH, POS, SENT_START, SPACY, TAG
    from spacy.tokens import Doc

    from helpers.extract.registry import run_document, split_tables
    from helpers.extract.text import _vocab, analysed_sentences

    d003 = next(d for d in split_tables(seed_tables) if d.doc == D003)
    _, text, spans = next(analysed_sentences(d003.texts, d003.sentences))
    first = d003.sentence_docs(D003, spans[:3])
    again = d003.sentence_docs(D003, spans[1:4])  # the casualty grammar and the quotes ask for overlapping sentences
    assert again[0] is first[1] and again[1] is first[2] and len(d003.built) == 4
    rows = d003.tokens[D003]
    ents = d003.entities
    for (a, b), doc in zip(spans[:4], first + again[2:]):  # the constructor's Doc of the same stored tokens
        inside = [row for row in rows if a <= row[0] and row[1] <= b]
        iob = [next((("B-" if s == row[0] else "I-") + label for s, e, label
                     in zip(ents["start"], ents["end"], ents["label"]) if s <= row[0] and row[1] <= e), "O")
               for row in inside]
        n = len(inside)
        expected = Doc(_vocab(), words=[text[r[0]:r[1]] for r in inside],
                       spaces=[bool(r[6]) for r in inside[:-1]] + [False],
                       heads=[k + r[2] if 0 <= k + r[2] < n else k for k, r in enumerate(inside)],
                       deps=[r[3] for r in inside], pos=[r[4] for r in inside], tags=[r[5] for r in inside], ents=iob)
        attrs = [ORTH, SPACY, HEAD, DEP, POS, TAG, ENT_IOB, ENT_TYPE, SENT_START]
        assert (doc.to_array(attrs) == expected.to_array(attrs)).all()
        assert [e.text for e in doc.ents] == [e.text for e in expected.ents]
    assert any(doc.ents for doc in first)  # 003's first sentences name places and people
    run_document(d003, None, ["casualties"])
    assert not d003.built and not d003.tokens  # a run's Docs are let go when it ends


def test_the_kept_tables_give_the_rows_the_cache_entries_give(corpus, tmp_path, cache_dir, capsys):
    """A document added between two others and one removed: the tables assembled with the rows kept from
    the last run equal those read entry by entry and those of a run on an empty cache; a damaged kept
    table is named and not used."""
    from helpers.extract import assembled

    cache = tmp_path / "cache"
    extract_corpus(load_tables(corpus, cache_dir=cache_dir), cache_dir=cache)
    kept = sorted((cache / assembled.FOLDER).glob("*.pkl"))
    assert len(kept) == len(REGISTRY)
    (corpus / D001.replace("001_", "001a_")).write_bytes((corpus / D000).read_bytes() + b"\nA copy of it.\n")
    (corpus / D003).unlink()
    tables = load_tables(corpus, cache_dir=cache_dir)
    reusable = assembled.kept_rows(ExtractCache(cache, extractor_keys()), tables.corpus.folder, tables.fingerprint,
                                   "places")
    assert len(reusable) == 5  # every document of the last run: its entry is untouched
    with_kept = extract_corpus(tables, cache_dir=cache)
    assert 1 <= with_kept.extracted < 5  # the copy, and documents whose corpus vocabulary changed
    for path in (cache / assembled.FOLDER).glob("*.pkl"):
        path.unlink()
    entry_by_entry = extract_corpus(tables, cache_dir=cache)
    cold = extract_corpus(tables, cache_dir=tmp_path / "empty")
    assert cold.extracted == 5
    for name in cold.frames:
        pd.testing.assert_frame_equal(with_kept.frames[name], cold.frames[name], obj=name)
        pd.testing.assert_frame_equal(entry_by_entry.frames[name], cold.frames[name], obj=name)
    assert D003 not in set(with_kept.frames["places"]["doc"])
    path = min((cache / assembled.FOLDER).glob("*.pkl"))
    path.write_bytes(path.read_bytes()[:-7])
    capsys.readouterr()
    again = extract_corpus(tables, cache_dir=cache)
    assert f"[extract] bad kept table {path}" in capsys.readouterr().out and again.extracted == 0
    for name in cold.frames:
        pd.testing.assert_frame_equal(again.frames[name], cold.frames[name], obj=name)


def test_sentence_links_point_at_the_sentence_holding_each_row(seed_tables, stage):
    """Every place mention of the seeds links to the appendix anchor of the sentence that starts at or
    before it (found here by a plain scan of the sentences table); a document the appendix does not
    show gets no link."""
    from helpers.present.provenance import PAGE, anchor, sentence_links

    rows = stage.frames["places"]
    links = sentence_links(rows, seed_tables.sentences, seed_tables.documents)
    usable = seed_tables.sentences[~seed_tables.sentences["in_boilerplate"]]
    for row, link in zip(rows.itertuples(), links):
        starts = usable.loc[(usable["doc"] == row.doc) & (usable["start"] <= row.start), "start"]
        assert link == f"{PAGE}#{anchor(row.doc, int(starts.max()))}"
    hidden = seed_tables.documents.assign(status=lambda d: d["status"].where(d["doc"] != D003, "duplicate"))
    links = sentence_links(rows, seed_tables.sentences, hidden)
    assert set(links[rows["doc"] == D003]) == {""} and (links[rows["doc"] != D003] != "").all()


def test_kept_vocabularies_give_the_words_split_tables_computes(seed_tables, tmp_path, capsys):
    """The documents' lower-case words kept between runs are those ``split_tables`` computes itself; a
    changed text is computed again, a damaged file is named, deleted and computed again."""
    from helpers.extract.registry import split_tables
    from helpers.extract.stage import KeptVocabularies

    plain = [d.vocabulary for d in split_tables(seed_tables)]
    kept = KeptVocabularies(tmp_path, "a" * 64)
    assert [d.vocabulary for d in split_tables(seed_tables, lowercase=kept)] == plain and kept.added == 5
    kept.save()
    again = KeptVocabularies(tmp_path, "a" * 64)
    assert [d.vocabulary for d in split_tables(seed_tables, lowercase=again)] == plain and again.added == 0
    # "media" is a lower-case word of another seed, so 001's "Media" is in its vocabulary
    assert "media" in plain[1]
    d000 = split_tables(seed_tables)[0]
    d000.text, d000.vocabulary = d000.text.replace("security", "Security"), None  # as split_tables has it
    assert KeptVocabularies.key(d000) not in again.words and "security" not in again(d000) and again.added == 1
    path = tmp_path / "vocabulary" / f"{'a' * 24}.pkl"
    path.write_bytes(path.read_bytes()[:-3])
    capsys.readouterr()
    damaged = KeptVocabularies(tmp_path, "a" * 64)
    assert f"[extract] bad kept vocabularies {path}" in capsys.readouterr().out and not path.exists()
    assert [d.vocabulary for d in split_tables(seed_tables, lowercase=damaged)] == plain and damaged.added == 5


def test_the_content_hash_follows_every_value_and_the_order():
    from helpers.chapters.extracted import content_hash

    frame = pd.DataFrame({"doc": ["a", "b"], "value": [1.0, 2.0], "flag": [True, False]})
    same = frame.copy()
    assert content_hash(frame) == content_hash(same)
    assert content_hash(frame) != content_hash(frame.iloc[::-1].reset_index(drop=True))
    nudged = frame.copy()
    nudged.loc[1, "value"] = 2.0000000001  # beyond what a CSV with 6 significant digits would show
    assert content_hash(frame) != content_hash(nudged)
    assert content_hash(frame) != content_hash(frame.astype({"value": "object"}))  # the dtypes count
    assert content_hash(frame) != content_hash(frame.rename(columns={"flag": "flags"}))
    listed = pd.DataFrame({"doc": ["a"], "spans": [[1, 2]]})  # cells pandas cannot hash: hashed as CSV
    assert content_hash(listed) != content_hash(pd.DataFrame({"doc": ["a"], "spans": [[1, 3]]}))


def test_published_tables_join_only_the_changed_documents_and_equal_those_joined_whole(corpus, tmp_path, cache_dir):
    """A document added, one edited and one removed: the published tables (pickles and CSV) written with the
    rows kept from the last run are those of a run from an empty data folder and cache; a kept table
    whose file was touched is not used."""
    import pickle

    from helpers.chapters import published_kept

    data, cache = tmp_path / "data", tmp_path / "cache"
    run_stage(corpus, data, cache_dir=cache)
    (corpus / D001.replace("001_", "001a_")).write_bytes((corpus / D000).read_bytes() + b"\nA copy of it.\n")
    (corpus / D002).write_bytes((corpus / D002).read_bytes().replace(b"Kazakhstan", b"Kazakhstan,", 3))
    (corpus / D003).unlink()
    calls = []  # (the documents of the stage's table, those joined afresh)
    real = published_kept.spliced

    def counting(join, frame, kept, keys):
        joined = []
        out = real(lambda f: (joined.append(set(f["doc"])), join(f))[1], frame, kept, keys)
        calls.append((set(frame["doc"]), set().union(*joined)))
        return out

    published_kept.spliced = counting
    try:
        run_stage(corpus, data, cache_dir=cache)
    finally:
        published_kept.spliced = real
    assert len(calls) == len(published_kept.ROW_BY_ROW)
    # the added and the edited document are joined afresh; documents whose rows did not change are not
    added = D001.replace("001_", "001a_")
    assert all(joined >= ({added, D002} & docs) and joined < docs for docs, joined in calls)
    whole = tmp_path / "whole"
    run_stage(corpus, whole, cache_dir=tmp_path / "empty-cache")
    for name in read_record(whole)["tables"]:
        spliced_frame = pickle.loads((data / "extracted" / f"{name}.pkl").read_bytes())
        pd.testing.assert_frame_equal(spliced_frame, pickle.loads((whole / "extracted" / f"{name}.pkl").read_bytes()),
                                      obj=name)
        if (whole / f"{name}.csv").exists():
            assert (data / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name
    assert read_record(data)["tables"] == read_record(whole)["tables"]
    assert D003 not in set(pickle.loads((data / "extracted" / "places.pkl").read_bytes())["doc"])
    # a kept table touched since (another size) is not used: joined whole, the same table
    pkl = data / "extracted" / "places.pkl"
    pkl.write_bytes(pkl.read_bytes() + b"\0")
    shared = published_kept.shared_key(extractor_keys())
    assert "places" not in published_kept.read_kept(cache, data, shared)
    assert "actors" in published_kept.read_kept(cache, data, shared)
