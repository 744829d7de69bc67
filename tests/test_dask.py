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


# ---- the extraction stage on the same engines ----

N_STAGE = 20  # documents extracted per engine (the extractors cost more per document than the rule-only parse)


@pytest.fixture(scope="module")
def small(corpus, tmp_path_factory):
    import shutil

    from helpers import load_tables

    folder = tmp_path_factory.mktemp("small")
    for path in sorted(corpus.iterdir())[:N_STAGE]:
        shutil.copy(path, folder)
    return folder, load_tables(folder, pipeline="blank:en", cache_dir=tmp_path_factory.mktemp("small-parse"))


def run_engine(small, out, **engine):
    from helpers.chapters.extracted import CSV_TABLES, read_record, run_stage

    folder, tables = small
    result = run_stage(folder, out / "data", pipeline="blank:en", tables=tables, cache_dir=out / "cache", **engine)
    assert (result.documents, result.extracted) == (N_STAGE, N_STAGE)
    return [out / "data" / f"{name}.csv" for name in sorted(CSV_TABLES)], read_record(out / "data")["tables"]


def test_the_extraction_stage_gives_byte_identical_tables_on_every_engine(small, tmp_path):
    from dask.distributed import LocalCluster

    local, local_hashes = run_engine(small, tmp_path / "local")
    assert len(local_hashes) == 8 and "leftovers" in local_hashes
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = run_engine(small, tmp_path / "cluster", scheduler=cluster.scheduler_address, workers=2)
    for written, hashes in (on_cluster, run_engine(small, tmp_path / "dask", scheduler="processes", workers=2),
                            run_engine(small, tmp_path / "pool", workers=2)):
        assert_same_bytes(written, local)
        assert hashes == local_hashes  # the tables the chapters read (dtypes kept) too
