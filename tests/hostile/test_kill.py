"""Worker processes die with the build: after ``kill -TERM`` of a build in the middle of a chapter,
no process of it remains after 5 s, the output is marked incomplete, and the next build completes."""

import json
import signal
import subprocess
import time

import psutil
import pytest

from hostile.small_books import TABLES_CELL, build, build_command, build_env, write_book, write_corpus

TEXT = ("Kassym-Jomart Tokayev said on 7 January that order had been restored in Almaty.\n"
        "A burnt car in a street (Photo credit: the test)\n")
SLOW = TABLES_CELL + "\nimport time\ntime.sleep(120)"


def alive(processes):
    found = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                found.append(f"{p.pid} {' '.join(p.cmdline())[:120]}")
        except psutil.NoSuchProcess:
            continue
    return found


def start_and_kill(root, out, jobs, sig=signal.SIGTERM):
    """Start a build, wait until the slow chapter's kernel runs, send ``sig`` to the build alone;
    return the build's descendants seen before the signal, its exit code and its output."""
    build_proc = subprocess.Popen(build_command(root, out, jobs=jobs), cwd=root, env=build_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    parent = psutil.Process(build_proc.pid)
    deadline = time.monotonic() + 120
    descendants = []
    while time.monotonic() < deadline:
        descendants = parent.children(recursive=True)
        kernels = [p for p in descendants if "ipykernel" in " ".join(p.cmdline())]
        if len(kernels) >= jobs and (out / "book" / "data" / "documents.csv").exists():
            break
        time.sleep(0.2)
    else:
        build_proc.kill()
        pytest.fail("the slow chapter's kernel never started")
    time.sleep(1.0)  # mid-chapter: the kernels are in time.sleep(120)
    descendants = parent.children(recursive=True)
    build_proc.send_signal(sig)
    try:
        output, _ = build_proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        build_proc.kill()
        output, _ = build_proc.communicate()
        pytest.fail("the build did not exit within 10 s of the signal:\n" + output[-2000:])
    return descendants, build_proc.returncode, output


@pytest.mark.parametrize(("jobs", "sig"), [(1, signal.SIGTERM), (2, signal.SIGTERM), (2, signal.SIGINT)],
                         ids=["1-job-TERM", "2-jobs-TERM", "2-jobs-INT"])
def test_a_terminated_build_leaves_no_process_and_the_next_build_completes(tmp_path, jobs, sig):
    root = write_book(tmp_path / "book", {"first": SLOW, "second": SLOW},
                      {"first": ["documents.csv"], "second": ["documents.csv"]})
    write_corpus(root / "corpus", {"tokayev.txt": TEXT})
    out = tmp_path / "out"
    descendants, code, output = start_and_kill(root, out, jobs, sig)
    assert len(descendants) >= 1 + jobs - 1  # a kernel per running chapter (and the pool's workers)
    assert code != 0, output
    assert f"build stopped by {sig.name}" in output, output[-2000:]
    time.sleep(5)
    assert alive(descendants) == [], output[-2000:]
    # the build is marked incomplete, and nothing half-built was published
    assert json.loads((out / "BUILDING").read_text())["corpus"] == str(root / "corpus")
    assert not (out / "html").exists() and not (out / "data").exists()

    write_book(root, {"first": TABLES_CELL, "second": TABLES_CELL},
               {"first": ["documents.csv"], "second": ["documents.csv"]})
    build(root, out, jobs=jobs)
    assert not (out / "BUILDING").exists()
    assert (out / "html" / "chapters" / "second.html").exists()
    assert "tokayev.txt" in (out / "data" / "documents.csv").read_text(encoding="utf-8")
