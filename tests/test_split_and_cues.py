"""Two pieces shared by the extractors: a joined run's rows split per document (``split_rows``), and the
speech-cue lexicon compiled once per process for the same knowledge file (``cue_lexicon``)."""

import pandas as pd

from helpers.extract.quotes.cues import CueLexicon, cue_lexicon, cues_in, speech_cues
from helpers.extract.registry import run_documents, split_rows, split_tables
from helpers.knowledge import PACKAGE_DATA


def test_split_rows_gives_each_document_its_rows_in_order_whether_or_not_they_are_consecutive(seed_tables):
    docs = split_tables(seed_tables)
    places = pd.concat([r["places"] for r in run_documents(docs)], ignore_index=True)
    names = [d.doc for d in docs]
    interleaved = places.iloc[sorted(range(len(places)), key=lambda i: (i % 3, i))].reset_index(drop=True)
    for frame in (places, interleaved):  # consecutive runs per document (a slice), then scattered rows (take)
        split = split_rows(frame, names + ["no-such-document"])
        for doc in names:
            expected = frame[frame["doc"] == doc].reset_index(drop=True)
            assert len(expected) > 5
            pd.testing.assert_frame_equal(split[doc], expected, obj=doc)
        assert len(split["no-such-document"]) == 0 and list(split["no-such-document"].columns) == list(frame.columns)


def test_cue_lexicon_is_compiled_once_and_follows_a_changed_cue_file(tmp_path):
    packaged = cue_lexicon()
    assert cue_lexicon() is packaged
    fresh = CueLexicon.from_table(speech_cues())
    assert (packaged.pattern.pattern, dict(packaged.kinds)) == (fresh.pattern.pattern, dict(fresh.kinds))
    line = "The spokesman proclaimed that order was restored."  # "proclaimed" is no packaged cue
    assert not [c for c in cues_in(line, 0, len(line), packaged.pattern, packaged.kinds, []) if c[2] == "proclaimed"]
    table = pd.read_csv(PACKAGE_DATA / "speech_cues.csv", dtype=str, keep_default_na=False)
    extra = {c: "" for c in table.columns} | {"cue": "proclaimed", "kind": "verb", "source": "test"}
    pd.concat([table, pd.DataFrame([extra])]).to_csv(tmp_path / "speech_cues.csv", index=False)
    mine = cue_lexicon(tmp_path)
    assert mine is not packaged
    assert [c[2] for c in cues_in(line, 0, len(line), mine.pattern, mine.kinds, [])] == ["proclaimed"]
