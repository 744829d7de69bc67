"""The Dask engine and the worker processes give the same tables, byte for byte, as the local parse.

The seeds replicated to 200 documents (each copy with a distinct last line, so each is parsed),
rule-only pipeline (blank:en: the engine is the point, not the model).
"""

import filecmp

import pytest
from conftest import SEEDS

from helpers import load_tables, write_tables
from helpers.parse.engine import check_scheduler

N_DOCS = 200


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("replicated")
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(N_DOCS):
        seed = seeds[i % len(seeds)]
        (folder / f"{i:04d}_{seed.name}").write_bytes(seed.read_bytes() + f"\nCopy {i} of this article.\n".encode())
    return folder


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    tables = load_tables(corpus, pipeline="blank:en", cache_dir=tmp / "cache")
    assert tables.parsed == N_DOCS
    return write_tables(tables, tmp / "data")


def assert_same_bytes(written, expected):
    assert [p.name for p in written] == [p.name for p in expected]
    for mine, theirs in zip(written, expected):
        assert filecmp.cmp(mine, theirs, shallow=False), mine.name


def test_a_local_dask_cluster_gives_byte_identical_tables(corpus, local, tmp_path):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        tables = load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path / "cache",
                             scheduler=cluster.scheduler_address, n_process=2)
    assert tables.parsed == N_DOCS
    assert len(list((tmp_path / "cache").rglob("*.json"))) == N_DOCS  # the workers wrote the shared cache
    assert_same_bytes(write_tables(tables, tmp_path / "data"), local)
    again = load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path / "cache", scheduler="local")
    assert again.parsed == 0  # read from the cache, no cluster started


def test_dask_processes_and_worker_processes_give_byte_identical_tables(corpus, local, tmp_path):
    dask_tables = load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path / "c1", scheduler="processes",
                              n_process=2)
    assert_same_bytes(write_tables(dask_tables, tmp_path / "dask"), local)
    pool_tables = load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path / "c2", n_process=2)
    assert pool_tables.parsed == N_DOCS
    assert_same_bytes(write_tables(pool_tables, tmp_path / "pool"), local)


def test_an_unknown_scheduler_is_a_clear_error(corpus, tmp_path):
    assert check_scheduler("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
    with pytest.raises(ValueError, match="use 'local', 'processes' or a dask.distributed address"):
        load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path, scheduler="threads")
