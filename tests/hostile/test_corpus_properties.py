"""Property-based: any generated corpus (unicode and colliding names, random bytes and encodings) is read
without an exception, every entry listed once with a known status, and its tables can be written."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.corpus.reader import STATUSES, read_corpus
from helpers.parse.tables import load_tables
from helpers.parse.tables_io import write_tables
from helpers.present.provenance import documents_html

SENTENCE = "Police said 14 protesters were detained in Aktau on Wednesday.\n"
STEMS = st.text(alphabet="ab -_.Алматыстн1é", min_size=1, max_size=10).filter(lambda s: s not in {".", ".."})
NAMES = st.tuples(STEMS, st.sampled_from([".txt", ".md", ".html", ".TXT", ".pdf", ""])).map("".join)
CONTENTS = st.one_of(
    st.binary(max_size=300),
    st.just(SENTENCE.encode()),
    st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "latin-1"]).map(
        lambda enc: SENTENCE.replace("Aktau", "Актау").encode(enc, "replace")),
    st.text(max_size=200).map(lambda t: (SENTENCE + t).encode("utf-8", "surrogatepass")),
)
counter = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(NAMES, CONTENTS, min_size=0, max_size=6))
def test_any_corpus_is_read_listed_and_written(tmp_path, files):
    folder = tmp_path / f"corpus{next(counter)}"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    corpus = read_corpus(folder)
    docs = corpus.documents
    assert sorted(docs["doc"]) == sorted(n for n in files if n != "sources.csv")
    assert set(docs["status"]) <= set(STATUSES)
    assert (docs.loc[docs["status"] != "ok", "reason"] != "").all()
    for row in docs[docs["status"] == "ok"].itertuples():
        assert row.n_chars == len(corpus.texts[row.doc]) and "\0" not in corpus.texts[row.doc]
        if row.encoding == "utf-8" and row.format != "html":
            assert corpus.texts[row.doc] == files[row.doc].decode("utf-8")
    tables = load_tables(folder, pipeline="blank:en", cache_dir=tmp_path / "cache")
    write_tables(tables, tmp_path / f"out{next(counter)}")
    ids = re.findall(r'id="([^"]+)"', documents_html(tables.documents, tables.texts, tables.sentences))
    assert len(ids) == len(set(ids))
