"""The package's layers hold: every import of ``src/helpers`` points down (or within) a layer, no module is
over 400 lines and no function takes more than 8 parameters, except those listed here with the reason.

Layers, bottom up: ``paths``, ``knowledge``, ``reference`` < ``corpus`` < ``parse`` < ``extract`` <
``present`` < ``chapters`` < ``book``; the package's ``__init__`` and ``__main__`` sit on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "helpers"
LAYERS = {"paths": 0, "knowledge": 0, "reference": 0, "corpus": 1, "parse": 2, "extract": 3, "present": 4,
          "chapters": 5, "book": 6}
TOP = max(LAYERS.values()) + 1
MAX_LINES = 400
MAX_PARAMETERS = 8

# Justified exceptions (module or function -> why); an entry that no longer applies fails the test too.
LONG_MODULES: dict[str, str] = {}
MANY_PARAMETERS = {
    "helpers.parse.tables.load_tables": "the one entry point of chapters and the CLI: corpus, pipeline, "
                                        "knowledge, cache, workers, progress and the two engine options, all keywords",
    "helpers.parse.engine.parse_with_dask": "load_tables' engine options passed through to the Dask engine",
}


def module_name(path: Path) -> str:
    """``src/helpers/extract/quotes/find.py`` -> ``helpers.extract.quotes.find``."""
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int | None:
    """The layer of a ``helpers`` module (None for a module outside the package).

    >>> layer("helpers.extract.quotes.find"), layer("helpers.book.build"), layer("helpers"), layer("pandas")
    (3, 6, 7, None)
    """
    parts = module.split(".")
    if parts[0] != "helpers":
        return None
    if len(parts) == 1:
        return TOP
    return LAYERS.get(parts[1], TOP)


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an ``import`` or ``from ... import`` names, with its line, in functions too."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def parameter_count(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Parameters a function takes (``self`` and ``cls`` of a method not counted)."""
    args = node.args
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return len(names) - (1 if names and names[0] in {"self", "cls"} else 0)


def functions(tree: ast.AST, prefix: str) -> list[tuple[str, ast.FunctionDef]]:
    """Every function and method of a module, by dotted name (``module.Class.method``)."""
    found = []

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.append((f"{name}.{child.name}", child))
                visit(child, f"{name}.{child.name}")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{name}.{child.name}")

    visit(tree, prefix)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))
TREES = {module_name(p): (p, ast.parse(p.read_text(encoding="utf-8"), filename=str(p))) for p in MODULES}


def test_the_package_has_every_layer():
    assert {module.split(".")[1] for module in TREES if "." in module} >= set(LAYERS)


@pytest.mark.parametrize("module", sorted(TREES))
def test_imports_point_down_the_layers(module):
    path, tree = TREES[module]
    mine = layer(module)
    up = [f"{path.name}:{line} imports {name}" for line, name in imported(tree)
          if (theirs := layer(name)) is not None and theirs > mine]
    assert not up, up


def test_no_module_is_over_400_lines():
    lengths = {module: len(path.read_text(encoding="utf-8").splitlines()) for module, (path, _) in TREES.items()}
    long = {module: n for module, n in lengths.items() if n > MAX_LINES and module not in LONG_MODULES}
    assert not long, long
    stale = [module for module in LONG_MODULES if lengths.get(module, 0) <= MAX_LINES]
    assert not stale, f"no longer over {MAX_LINES} lines, drop the exception: {stale}"


def test_no_function_takes_more_than_8_parameters():
    counts = {name: parameter_count(node) for module, (_, tree) in TREES.items() for name, node in functions(tree, module)}
    many = {name: n for name, n in counts.items() if n > MAX_PARAMETERS and name not in MANY_PARAMETERS}
    assert not many, many
    stale = [name for name in MANY_PARAMETERS if counts.get(name, 0) <= MAX_PARAMETERS]
    assert not stale, f"no longer over {MAX_PARAMETERS} parameters, drop the exception: {stale}"


def test_the_checks_find_what_they_look_for(tmp_path):
    source = "from helpers.book.build import build_book\n\ndef f(a, b, c, d, e, f, g, h, i):\n    import helpers.chapters\n"
    tree = ast.parse(source)
    assert [(line, name) for line, name in imported(tree)] == [(1, "helpers.book.build"), (4, "helpers.chapters")]
    assert [layer(name) for _, name in imported(tree)] == [6, 5]  # both above extract (3)
    [(name, node)] = functions(tree, "helpers.extract.x")
    assert name == "helpers.extract.x.f" and parameter_count(node) == 9
    method = ast.parse("class A:\n    def m(self, a, *rest, key=1, **more):\n        pass\n")
    [(name, node)] = functions(method, "m")
    assert name == "m.A.m" and parameter_count(node) == 4
