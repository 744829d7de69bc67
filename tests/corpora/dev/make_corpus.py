"""Write the development corpus (texts, sources.csv, gold labels) from its annotated sources.

Each text is written once, in ``authoring/NAME.txt``: a header of ``key: value`` lines, a line
``---``, then the body with inline labels ``{words|TAG}`` (nestable; several tags as
``{words|TAG|TAG}``). The body without the markup is the document; the labels become rows of the
gold tables with ``quote`` = the labelled words. Tags (fields separated by ``;``, trailing ones
may be left out):

- ``a:ACTOR_ID;note`` (the last field, the note, may itself hold ``;``)                                        -> actors_gold.csv
- ``p:PLACE_ID;ROLE;note`` (ROLE ``e`` = event_location, default mention) -> places_gold.csv
- ``c:number_text;outcome;victim_group;low;high;qualifier;claimant;forecast;location;note``
                                                             -> casualties_gold.csv
- ``i:speaker_id;stance;target;evidence;hedged;note``        -> interference_gold.csv

A quote that would be located at an earlier occurrence of the same words (the project's
``locate_quotes`` assigns repeated quotes in row order) is widened by a neighbouring word, and
the note says so. The style of a text (header ``style``) decides its half (``styles.csv``), so no
style is in both halves.

    PYTHONPATH=src .venv/bin/python tests/corpora/dev/make_corpus.py
"""

from __future__ import annotations

import csv
import sys
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
AUTHORING = HERE / "authoring"
SOURCE_COLUMNS = ["doc", "title", "outlet", "outlet_country", "outlet_affiliation", "published",
                  "published_basis", "url", "confidence", "note", "style", "informed_by"]
TABLES = {
    "a": ("actors_gold.csv", ["actor_id", "note"]),
    "p": ("places_gold.csv", ["place_id", "role", "note"]),
    "c": ("casualties_gold.csv", ["number_text", "outcome", "victim_group", "low", "high", "qualifier",
                                  "claimant", "forecast", "location", "note"]),
    "i": ("interference_gold.csv", ["speaker_id", "stance", "target", "evidence", "hedged", "note"]),
}
ROLES = {"": "mention", "m": "mention", "e": "event_location"}


def parse_markup(body: str, name: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Return the plain text and the labels ``(start, end, tag)`` of an annotated body."""
    out: list[str] = []
    length = 0
    stack: list[int] = []
    labels: list[tuple[int, int, str]] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "{":
            stack.append(length)
            i += 1
        elif ch == "|" and stack:
            close = body.find("}", i)
            if close < 0:
                raise ValueError(f"{name}: label opened at character {i} is never closed")
            start = stack.pop()
            for tag in body[i + 1:close].split("|"):
                labels.append((start, length, tag.strip()))
            i = close + 1
        elif ch in "{}|":
            raise ValueError(f"{name}: stray {ch!r} at character {i} of the body")
        else:
            out.append(ch)
            length += 1
            i += 1
    if stack:
        raise ValueError(f"{name}: {len(stack)} label(s) without '|TAG}}'")
    return "".join(out), labels


def label_row(tag: str, name: str) -> tuple[str, dict]:
    """Turn one tag into (table key, field values)."""
    kind, _, rest = tag.partition(":")
    if kind not in TABLES:
        raise ValueError(f"{name}: unknown tag {tag!r} (use a:, p:, c:, i:)")
    columns = TABLES[kind][1]
    values = [v.strip() for v in rest.split(";", len(columns) - 1)]  # the note may hold ";"
    row = dict(zip(columns, values + [""] * (len(columns) - len(values))))
    if kind == "p":
        if row["role"] not in ROLES:
            raise ValueError(f"{name}: place role {row['role']!r} in {tag!r} is not e or m")
        row["role"] = ROLES[row["role"]]
    if kind == "c":
        row["forecast"] = "True" if row["forecast"] in ("True", "true", "1") else "False"
    if kind == "i":
        row["hedged"] = "True" if row["hedged"] in ("True", "true", "1") else "False"
    return kind, row


def _widenings(text: str, start: int, end: int):
    """Spans around [start, end) widened by up to six words on either side (within the line), nearest first."""
    lefts, rights = [start], [end]
    for _ in range(6):
        s = lefts[-1]
        while s > 0 and text[s - 1] == " ":
            s -= 1
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        lefts.append(s)
        e = rights[-1]
        while e < len(text) and text[e] == " ":
            e += 1
        while e < len(text) and not text[e].isspace():
            e += 1
        rights.append(e)
    for total in range(1, 13):
        for left in range(total + 1):
            right = total - left
            if left < len(lefts) and right < len(rights):
                yield lefts[left], rights[right]


def place_quotes(text: str, spans: list[tuple[int, int]], name: str) -> list[tuple[int, int]]:
    """Choose for each labelled span (in order) a quote that ``locate_quotes`` puts there."""
    searched: dict[str, int] = {}
    chosen: list[tuple[int, int]] = []
    for start, end in spans:
        for s, e in [(start, end), *_widenings(text, start, end)]:
            quote = text[s:e]
            if text.find(quote, searched.get(quote, 0)) == s:
                searched[quote] = s + 1
                chosen.append((s, e))
                break
        else:
            raise ValueError(f"{name}: cannot make a quote that locates {text[start:end]!r} at {start}")
    return chosen


def build_doc(path: Path) -> tuple[str, dict, dict[str, list[dict]]]:
    """Read one annotated file: (text, header, rows per table key)."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: no '---' line between header and body")
    header = {}
    for line in head.splitlines():
        if line.strip():
            key, colon, value = line.partition(":")
            if not colon:
                raise ValueError(f"{path}: header line {line!r} is not 'key: value'")
            header[key.strip()] = value.strip()
    text, labels = parse_markup(body.strip("\n") + "\n", path.name)
    rows: dict[str, list[dict]] = {k: [] for k in TABLES}
    parsed = sorted(((s, e) + label_row(t, path.name) for s, e, t in labels), key=lambda r: (r[0], -r[1]))
    for kind in TABLES:
        mine = [r for r in parsed if r[2] == kind]
        twice = [text[s:e] for (s, e, _, _), nxt in pairwise(mine) if (s, e) == nxt[:2]]
        if twice:
            raise ValueError(f"{path.name}: labelled twice as {kind}: {twice}")
        spans = place_quotes(text, [(s, e) for s, e, _, _ in mine], path.name)
        for (s, e), (s0, e0, _, row) in zip(spans, mine):
            if (s, e) != (s0, e0):
                extra = f"quote widened from {text[s0:e0]!r} so that it locates"
                row["note"] = f"{row['note']}; {extra}" if row["note"] else extra
            rows[kind].append({"doc": path.stem + ".txt", "quote": text[s:e], **row})
    return text, header, rows


def read_styles() -> dict[str, dict]:
    """The styles table: style id -> outlet description and half."""
    with open(AUTHORING / "styles.csv", encoding="utf-8", newline="") as fh:
        return {r["style"]: r for r in csv.DictReader(fh)}


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write rows to a CSV file with the given columns."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    """Regenerate tune/, test/ and labels/ from authoring/."""
    styles = read_styles()
    halves: dict[str, dict] = {h: {"sources": [], **{k: [] for k in TABLES}} for h in ("tune", "test")}
    for half in halves:
        for folder in (HERE / half, HERE / "labels" / half):
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.txt"):
                old.unlink()
    for path in sorted(AUTHORING.glob("*.txt")):
        text, header, rows = build_doc(path)
        style = styles.get(header.get("style", ""))
        if style is None:
            raise ValueError(f"{path}: style {header.get('style')!r} is not in styles.csv")
        half = style["half"]
        doc = path.stem + ".txt"
        (HERE / half / doc).write_text(text, encoding="utf-8")
        halves[half]["sources"].append({
            "doc": doc, "title": header.get("title", ""), "outlet": style["outlet"],
            "outlet_country": style["outlet_country"], "outlet_affiliation": style["outlet_affiliation"],
            "published": header.get("published", ""), "published_basis": header.get("published_basis", ""),
            "url": "", "confidence": "not applicable: a text written for testing",
            "note": header.get("note", ""), "style": style["style"], "informed_by": header.get("informed_by", ""),
        })
        for kind in TABLES:
            halves[half][kind].extend(rows[kind])
    for half, parts in halves.items():
        write_csv(HERE / half / "sources.csv", SOURCE_COLUMNS, parts["sources"])
        for kind, (filename, columns) in TABLES.items():
            write_csv(HERE / "labels" / half / filename, ["doc", "quote", *columns], parts[kind])
        counts = ", ".join(f"{TABLES[k][0].split('_')[0]} {len(parts[k])}" for k in TABLES)
        print(f"{half}: {len(parts['sources'])} texts; {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
