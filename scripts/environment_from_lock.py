"""Write environment.yml (conda and Binder) from requirements.lock: the same pins, without hashes.

conda hands the pip section to one pip call, which cannot mix hashes with an editable install, so
hashes are enforced by `make` and CI and the pins alone are carried here. tests/test_environment.py
checks that the two files agree.

    python scripts/environment_from_lock.py            # rewrites environment.yml
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)")


def lock_pins(lock: Path = ROOT / "requirements.lock") -> list[tuple[str, str]]:
    return [m.groups() for line in lock.read_text().splitlines() if (m := PIN.match(line))]


def environment_yml(pins: list[tuple[str, str]]) -> str:
    lines = [
        "# Generated from requirements.lock by scripts/environment_from_lock.py; do not edit by hand.",
        "# The same exact versions as the hashed lock (hashes are checked by `make` and CI).",
        "name: kz-book",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in pins]
    lines += ["      - -e .", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    target = ROOT / "environment.yml"
    target.write_text(environment_yml(lock_pins()))
    print(f"wrote {target} ({len(lock_pins())} pins)", file=sys.stderr)
