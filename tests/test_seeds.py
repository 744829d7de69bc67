"""The corpus in seeds/ is the five articles of ../shared/seeds, byte for byte, with their metadata."""

import hashlib

import pandas as pd
from conftest import ROOT, SEED_DOCS, SEEDS


def test_seeds_match_their_recorded_sha256():
    recorded = dict(line.split()[::-1] for line in (ROOT / "tests" / "seeds.sha256").read_text().splitlines())
    actual = {doc: hashlib.sha256((SEEDS / doc).read_bytes()).hexdigest() for doc in SEED_DOCS}
    assert actual == recorded
    assert len(actual) == 5


def test_sources_csv_has_one_row_per_seed_with_outlet_and_date():
    sources = pd.read_csv(SEEDS / "sources.csv", dtype=str, keep_default_na=False)
    assert sorted(sources["doc"]) == SEED_DOCS
    for column in ["title", "outlet", "outlet_country", "outlet_affiliation", "published", "published_basis",
                   "url", "confidence"]:
        assert column in sources.columns
    assert sources.set_index("doc").loc["002_0e5ec4742fbe5a91.txt", "outlet"] == "Sputnik International"
    assert (sources["published"].str.match(r"2022-01-0[5-8]")).all()
