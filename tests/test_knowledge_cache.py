"""Knowledge loaded once per process (helpers.knowledge.cached_knowledge), keyed by the files' content."""

import shutil

import pytest

from helpers.extract.actors import read_actors
from helpers.extract.casualty_lexicon import load_lexicon
from helpers.extract.places import Knowledge
from helpers.paths import PACKAGE_DATA


def test_same_bytes_reuse_the_loaded_knowledge(tmp_path):
    shutil.copy(PACKAGE_DATA / "places.csv", tmp_path / "places.csv")  # a user's copy, same bytes
    assert Knowledge.read(tmp_path) is Knowledge.read(None)
    assert load_lexicon() is load_lexicon()


def test_an_edited_copy_is_read_again(tmp_path):
    before = load_lexicon(tmp_path)
    assert "thirteen" in before.number_words  # "thirteen security officers were killed" (003)
    words = (PACKAGE_DATA / "number_words.csv").read_text(encoding="utf-8")
    (tmp_path / "number_words.csv").write_text(words.replace("thirteen,", "thirtteen,"), encoding="utf-8")
    after = load_lexicon(tmp_path)
    assert after is not before
    assert "thirtteen" in after.number_words and "thirteen" not in after.number_words


def test_a_loaded_table_is_a_copy_the_caller_may_change():
    table = read_actors()
    table.loc[table["actor_id"] == "tokayev", "canonical"] = "changed"
    assert read_actors().set_index("actor_id").loc["tokayev", "canonical"] == "Kassym-Jomart Tokayev"


def test_a_bad_file_fails_every_time_naming_it(tmp_path):
    (tmp_path / "actors.csv").write_text("actor_id,canonical\ntokayev,Tokayev\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ValueError, match="actors.csv: lacks column"):
            read_actors(tmp_path)
