"""The Dask engine: the parse of a corpus spread over the partitions of a ``dask.bag``.

Each partition is a list of documents; it gets the pipeline from the factory it is given
(``build_pipeline``; built once per worker process and kept for the next partitions), parses its
documents with :func:`helpers.parse.cache.parse_chunk` (the code the local engine runs) and writes each
result to the same parse cache as the local engine. The caller
then reads the tables from the cache as always, so the tables are the same whichever engine parsed.

Schedulers:

- ``"local"``: a ``dask.distributed.LocalCluster`` of ``n_workers`` processes, one thread each;
- ``"processes"``: dask's own process pool (no dashboard, no cluster to start);
- ``"tcp://host:8786"`` (any dask.distributed address): an existing cluster. Its workers must see
  the cache folder at the same path (a shared filesystem) and have this package installed; start
  them with ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` (see ``LOCAL_CLUSTER_CONFIG``).

>>> parse_with_dask(factory, {"a.txt": text}, {}, cache, {"a.txt": key}, scheduler="local")  # doctest: +SKIP
1
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from helpers.parse.cache import ParseCache, chunk_size, parse_chunk, worker_pipeline

SCHEDULERS = ("local", "processes")
# Dask workers sample the stack of the running task every 10 ms by default (the dashboard's profile);
# on spaCy's deep call stacks that costs about a third of the parse. The local cluster turns it off.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}


def check_scheduler(scheduler: str) -> str:
    """``scheduler`` if it names one this engine knows, else a ValueError saying what it takes.

    >>> check_scheduler("tcp://10.0.0.5:8786")
    'tcp://10.0.0.5:8786'
    """
    if scheduler in SCHEDULERS or "://" in scheduler:
        return scheduler
    raise ValueError(f"scheduler {scheduler!r}: use 'local', 'processes' or a dask.distributed address "
                     "such as 'tcp://host:8786'")


def compute(collection, scheduler: str, n_workers: int):
    """Compute a dask collection on ``scheduler`` (see the module's docstring) and return its result."""
    import dask

    if scheduler == "processes":
        return collection.compute(scheduler="processes", num_workers=n_workers)
    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
        ) as cluster, Client(cluster) as client:
            return client.compute(collection).result()
    with Client(scheduler) as client:
        return client.compute(collection).result()


def run_on_dask(function: Callable, partitions: list[list], args: tuple, scheduler: str = "local",
                n_workers: int = 2) -> list:
    """``function(partition, *args)`` for each partition, on Dask; the concatenated results.

    The extraction stage (:mod:`helpers.extract.stage`) runs its per-document function this way, on
    the same schedulers as the parse.
    """
    import dask.bag as db

    check_scheduler(scheduler)
    if not partitions:
        return []
    bag = db.from_sequence(partitions, npartitions=len(partitions))
    return compute(bag.map_partitions(_flat_call, function, *args), scheduler, max(1, n_workers))


def _flat_call(partitions: list, function: Callable, *args) -> list:
    return [out for partition in partitions for out in function(partition, *args)]


def parse_partition(items: list, nlp_factory: Callable, cache: ParseCache, batch_size: int = 64) -> list[str]:
    """Parse one partition, ``[(doc, key, text, boilerplate spans), ...]``; write each result to the cache.

    Returns the cache keys written. Runs on a Dask worker, which builds the pipeline for its first
    partition and keeps it for the next ones.
    """
    items = list(items)
    if not items:
        return []
    nlp = worker_pipeline(nlp_factory)
    keys = {doc: key for doc, key, _, _ in items}
    written = []
    for doc, result in parse_chunk(nlp, [(doc, text, spans) for doc, _, text, spans in items], batch_size):
        cache.put(keys[doc], result)
        written.append(keys[doc])
    return written


def parse_with_dask(
    nlp_factory: Callable,
    texts: Mapping[str, str],
    boilerplate: Mapping[str, list[tuple[int, int]]],
    cache: ParseCache,
    keys: Mapping[str, str],
    scheduler: str = "local",
    n_workers: int = 2,
    batch_size: int = 64,
    progress: bool = False,
) -> int:
    """Parse ``texts`` (doc -> text) on Dask and write every result to ``cache``; return how many were parsed.

    Raises RuntimeError if a result is missing from the cache afterwards (workers that do not share
    the cache folder).
    """
    import dask.bag as db

    check_scheduler(scheduler)
    docs = list(texts)
    if not docs:
        return 0
    n_workers = max(1, n_workers)
    items = [(doc, keys[doc], texts[doc], list(boilerplate.get(doc, []))) for doc in docs]
    bag = db.from_sequence(items, partition_size=chunk_size(len(items), n_workers))
    written = bag.map_partitions(parse_partition, nlp_factory, cache, batch_size)
    if progress:
        print(f"[dask] {len(docs)} document(s) in {bag.npartitions} partition(s) on {scheduler!r}", flush=True)
    done = compute(written, scheduler, n_workers)
    absent = [doc for doc in docs if not cache.has(keys[doc])]
    if absent:
        raise RuntimeError(
            f"{len(absent)} document(s) parsed on {scheduler!r} are not in the cache {cache.folder} "
            f"(first: {absent[0]}); the workers must see that folder at the same path (a shared filesystem)"
        )
    return len(set(done))

