"""Fair labels: the book's own prose never adopts a contested label.

The labels are knowledge, kept with the reason and the source in ``src/helpers/data/contested_labels.csv``
(kind ``contested``). A label may appear in the book's prose only inside quotation marks (or code), or in
a sentence that attributes it: an attribution cue of the same file (kind ``attribution``: "said",
"according to", "called", "described as", ...; the noun "claims" is not one, it counts rows).
The prose is ``index.md``, the markdown cells of every notebook in ``chapters/``, and, when a built book
exists under ``_build/test-book/html``, the paragraphs, list items and headings of its pages (tables,
cell outputs and the documents appendix are the articles' words and the data, not the book's prose).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

DATA = ROOT / "src" / "helpers" / "data"
BUILT = ROOT / "_build" / "test-book" / "html"
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|`[^`\n]*`')
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[A-Z*\"“(‘_])")


def knowledge() -> tuple[list[str], list[str]]:
    """(contested labels, attribution cues) from the knowledge files."""
    with open(DATA / "contested_labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    labels = [r["label"] for r in rows if r["kind"] == "contested"]
    return labels, [r["label"] for r in rows if r["kind"] == "attribution"]


def label_pattern(label: str) -> re.Pattern:
    """A label as a word or word prefix ("terrorist" also finds "terrorists"), any case."""
    head = r"\b" if label[0].isalnum() else ""
    tail = r"\w*" if label[-1].isalnum() else ""
    return re.compile(head + re.escape(label) + tail, re.IGNORECASE)


def unfair_labels(text: str, labels: list[str], cues: list[str]) -> list[str]:
    """Every use of a contested label outside quotation and attribution, as 'label: sentence'."""
    cue_patterns = [re.compile(r"\b" + re.escape(c) + r"\b", re.IGNORECASE) for c in cues]
    found = []
    for block in re.split(r"\n\s*\n", re.sub(r"```.*?```", " ", text, flags=re.DOTALL)):
        for sentence in SENTENCE_END.split(" ".join(block.split())):
            quoted = [m.span() for m in QUOTED.finditer(sentence)]
            if any(p.search(sentence) for p in cue_patterns):
                continue
            for label in labels:
                for m in label_pattern(label).finditer(sentence):
                    if not any(a <= m.start() and m.end() <= b for a, b in quoted):
                        found.append(f"{label}: {sentence}")
    return found


def notebook_markdown(path: Path) -> str:
    """The markdown cells of a notebook, one block each."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def page_prose(path: Path) -> str:
    """The prose of a rendered page: paragraphs, list items and headings outside tables and outputs."""
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes())
    main = (tree.xpath("//main") or [tree])[0]
    for el in main.xpath(".//table | .//pre | .//code | .//script | .//style | .//*[contains(@class, 'output')]"):
        el.drop_tree()
    return "\n\n".join(" ".join(el.text_content().split())
                       for el in main.xpath(".//p | .//li[not(.//p)] | .//h1 | .//h2 | .//h3"))


PROSE = {"index.md": lambda: (ROOT / "index.md").read_text(encoding="utf-8")}
PROSE.update({f"chapters/{p.name}": (lambda p=p: notebook_markdown(p)) for p in sorted((ROOT / "chapters").glob("*.ipynb"))})


@pytest.mark.parametrize("name", list(PROSE))
def test_the_book_prose_uses_no_contested_label_as_its_own(name):
    labels, cues = knowledge()
    assert not unfair_labels(PROSE[name](), labels, cues)


def test_the_rendered_pages_use_no_contested_label_as_their_own():
    if not BUILT.is_dir():  # checked when the test runs: the book tests (run earlier) build it
        pytest.skip("no built book under _build/test-book/html (tests/test_book_*.py builds it)")
    labels, cues = knowledge()
    pages = [p for p in sorted(BUILT.rglob("*.html"))
             if p.name not in ("documents.html", "genindex.html", "search.html") and "_static" not in p.parts]
    assert pages
    found = {str(p.relative_to(BUILT)): unfair_labels(page_prose(p), labels, cues) for p in pages}
    assert not {page: uses for page, uses in found.items() if uses}


@pytest.mark.parametrize("sentence", [
    "In the first days of January 2022 the unrest was put down with the help of troops of the CSTO.",
    "The claims of Mikhail Pogrebinsky (independent expert) tie first.",
    "Where a ground is named: the attackers were trained (5 claims), the language they spoke (2).",
    "*Other* includes the row Armed groups (as labelled by officials).",
    "The Cradle (independent) carries 13 claims.",
    "Terrorists attacked the mayor's office in Almaty.",
])
def test_a_label_put_back_fails(sentence):
    labels, cues = knowledge()
    assert len(unfair_labels(sentence, labels, cues)) == 1


@pytest.mark.parametrize("sentence", [
    'The row "Terrorists", "bandits", "extremists" holds the speakers\' words.',
    "Tokayev called them terrorists and bandits.",
    "According to the officials, armed groups attacked the mayor's office.",
    "The Cradle describes itself as an independent online outlet.",
    "Where a ground is named: the speaker says the attackers were trained (5 claims).",
    "The override is `independent expert` in the knowledge file.",
])
def test_quoted_or_attributed_labels_pass(sentence):
    labels, cues = knowledge()
    assert unfair_labels(sentence, labels, cues) == []


def test_the_old_landing_summary_fails_and_the_new_one_passes():
    labels, cues = knowledge()
    index = (ROOT / "index.md").read_text(encoding="utf-8")
    assert unfair_labels(index, labels, cues) == []
    old = ("In the first days of January 2022, protests over the price of liquefied gas in western Kazakhstan "
           "spread to Almaty and other cities, turned violent, and were put down with the help of troops of the "
           "Russia-led Collective Security Treaty Organization (CSTO).")
    assert unfair_labels(index + "\n\n" + old, labels, cues) == [f"put down with the help of: {old}"]


def test_every_contested_label_has_a_reason_and_a_source():
    with open(DATA / "contested_labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["kind"] for r in rows} == {"contested", "attribution"}
    assert all(r["label"] and r["why"] and r["source"] for r in rows)
    assert len({r["label"].lower() for r in rows}) == len(rows)


def test_the_knowledge_files_name_actors_and_outlets_in_the_sources_words():
    labels, cues = knowledge()
    with open(DATA / "actors.csv", encoding="utf-8") as f:
        actors = list(csv.DictReader(f))
    with open(ROOT / "seeds" / "sources.csv", encoding="utf-8") as f:
        outlets = list(csv.DictReader(f))
    names = [a["canonical"] for a in actors] + [a["affiliation"] for a in actors]
    names += [o["outlet_affiliation"] for o in outlets]
    assert [n for n in names if unfair_labels(n, labels, cues)] == []
    pogrebinsky = next(a for a in actors if a["actor_id"] == "pogrebinsky")
    assert pogrebinsky["affiliation"] == "expert"
