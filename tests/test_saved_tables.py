"""``load_tables`` reads back the tables it kept for an unchanged corpus (``helpers.parse.saved``), and
makes them afresh when anything they were made from changed."""

import shutil

from conftest import ROOT
from pandas.testing import assert_frame_equal

from helpers.parse import saved
from helpers.parse.tables import load_tables


def same_tables(a, b):
    for name, frame in a.frames().items():
        assert_frame_equal(frame, b.frames()[name])
    assert a.texts == b.texts and a.keys == b.keys and a.tokenized == b.tokenized


def test_an_unchanged_corpus_gets_the_kept_tables_and_a_changed_one_is_read_again(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    cache = tmp_path / "cache"
    first = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert first.parsed == 5
    kept = list((cache / saved.FOLDER).glob("*.pkl"))
    assert len(kept) == 1
    again = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert again.parsed == 0
    same_tables(first, again)
    # a changed byte of one article: that article is read (and parsed) again, its new sentence is there
    doc = min(p.name for p in corpus.glob("*.txt"))
    with open(corpus / doc, "a", encoding="utf-8") as handle:
        handle.write("\nA line added to the article.\n")
    changed = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert changed.parsed == 1
    assert changed.texts[doc].endswith("A line added to the article.\n")
    assert len(list((cache / saved.FOLDER).glob("*.pkl"))) == 1  # the latest replaces the earlier copy
    # a document removed: gone from the tables
    (corpus / doc).unlink()
    removed = load_tables(corpus, pipeline="blank:en", cache_dir=cache)
    assert doc not in removed.texts and doc in set(removed.documents["doc"])  # sources.csv still lists it
    assert removed.documents.set_index("doc").loc[doc, "status"] == "missing"


def test_a_damaged_copy_or_a_missing_parse_entry_is_not_used(tmp_path):
    cache = tmp_path / "cache"
    first = load_tables(ROOT / "seeds", pipeline="blank:en", cache_dir=cache)
    (path,) = (cache / saved.FOLDER).glob("*.pkl")
    path.write_bytes(path.read_bytes()[:-10])  # truncated
    again = load_tables(ROOT / "seeds", pipeline="blank:en", cache_dir=cache)
    same_tables(first, again)
    # a parse cache entry deleted: the copy would point at it, so the corpus is read and parsed again
    entries = sorted((cache).glob("parse-*/*/*.json"))
    entries[0].unlink()
    third = load_tables(ROOT / "seeds", pipeline="blank:en", cache_dir=cache)
    assert third.parsed == 1
    same_tables(first, third)


def test_language_guesses_are_kept_by_text_and_a_damaged_file_is_named(tmp_path, capsys):
    from helpers.corpus.decoding import language
    from helpers.corpus.reader import read_corpus
    from helpers.parse.languages import LanguageGuesses

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    guesses = LanguageGuesses(tmp_path)
    assert [guesses(t) for t in texts.values()] == [language(t) for t in texts.values()]
    guesses.save()
    again = LanguageGuesses(tmp_path)
    assert [again(t) for t in texts.values()] == [language(t) for t in texts.values()]
    assert again.added == 0  # every seed answered from the file, none classified again
    assert again("Kazakhstan's president said troops would leave.")[0] == "en" and again.added == 1
    # the corpus read with the kept guesses is the corpus read with py3langid itself
    assert_frame_equal(read_corpus(ROOT / "seeds", guess_language=again).documents,
                       read_corpus(ROOT / "seeds").documents)
    # a damaged file: named on stdout, deleted, and the guesses start empty
    again.path.write_bytes(again.path.read_bytes()[:-5])
    damaged = LanguageGuesses(tmp_path)
    assert "bad language cache" in capsys.readouterr().out and not damaged.path.exists()
    assert damaged.known == {} and damaged(texts[min(texts)]) == language(texts[min(texts)])
