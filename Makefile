# The two commands of the README: `make book` and `make test`. Each sets up what it needs first.
#   make book                       build the book from seeds/ into _build/html (tables in _build/data)
#   make book CORPUS=path/to/folder build it from another folder into _build/corpus-<name>/
#   make test                       helpers, chapters, the built book in headless Chromium
#   make lock                       re-resolve requirements.in into requirements.lock and environment.yml

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?=
OUT    ?= $(if $(CORPUS),_build/corpus-$(notdir $(patsubst %/,%,$(CORPUS))),_build)

.PHONY: book test lock chromium clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (the lock is resolved for it); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/python -m helpers build $(if $(CORPUS),--corpus $(CORPUS)) --out $(OUT)

chromium:
	@command -v chromium > /dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium > /dev/null; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links \
	  --no-emit-index-url -o requirements.lock requirements.in
	$(BIN)/python scripts/environment_from_lock.py

clean:
	rm -rf _build
