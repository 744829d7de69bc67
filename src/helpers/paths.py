"""Where things are: the project's root folder (the checkout holding `_toc.yml`) and the package's data."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE.parents[1]
PACKAGE_DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"
LABELS = PROJECT_ROOT / "labels"
