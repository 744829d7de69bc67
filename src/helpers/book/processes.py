"""Child processes die with the build: on SIGTERM or SIGINT every descendant is stopped first.

A build starts papermill workers, their Jupyter kernels, Sphinx and (for a parse) spaCy or Dask
workers. Killing only the parent would leave them running, still writing chapters into ``OUT/``;
:func:`children_die_with_build` installs handlers that stop every descendant (``SIGTERM``, then
``SIGKILL`` after a grace period) and then raise :class:`BuildStopped` in the build.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import psutil

GRACE_SECONDS = 2.0
SIGNALS = (signal.SIGTERM, signal.SIGINT)


class BuildStopped(RuntimeError):
    """The build received SIGTERM or SIGINT; its child processes were stopped."""


def stop_descendants(pid: int | None = None, grace: float = GRACE_SECONDS) -> list[int]:
    """Stop every descendant of ``pid`` (default: this process): SIGTERM, then SIGKILL after ``grace``
    seconds for those still alive. Returns the pids that were found.

    The whole tree is listed before any process is signalled, so a kernel whose parent dies first
    (and is re-parented to init) is still reached.
    """
    try:
        children = psutil.Process(pid or os.getpid()).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for child in children:
        try:
            child.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(alive, timeout=grace)
    return [c.pid for c in children]


@contextmanager
def children_die_with_build() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT stop every descendant process, then raise BuildStopped.

    Outside the main thread (where Python cannot install signal handlers) the block runs unchanged.
    The handlers in place before are restored afterwards.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        for sig in SIGNALS:  # a second signal while stopping must not interrupt the stopping
            signal.signal(sig, signal.SIG_IGN)
        stopped = stop_descendants()
        raise BuildStopped(f"build stopped by {signal.Signals(signum).name}; "
                           f"{len(stopped)} child process(es) stopped with it")

    previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
