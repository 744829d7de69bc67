"""Check the development corpus and its hand labels, and print counts per half and per style.

Checks: every label's quote is an exact substring of its document (and, for a quote repeated
in a document, that it has as many occurrences as rows, which is how ``locate_quotes`` assigns
them); every document has a ``sources.csv`` row and every row a document; the halves share no
style; a weak host (``reference/weak_hosts.csv``) in ``informed_by`` is named in the note with
the reason it is kept; every label uses known values (outcomes, victim groups, qualifiers, stances, evidence,
place roles), known actor ids (``src/helpers/data/actors.csv`` or ``new_actors.csv``) and known
place ids (``src/helpers/data/places.csv`` or a numeric GeoNames id); the texts and tables are
what ``make_corpus.py`` writes from ``authoring/``; at least 40 texts in at least 15 styles.

    python tests/corpora/dev/check_labels.py      # prints counts; exits 1 and lists problems if any
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[2] / "src" / "helpers" / "data"
WEAK_HOSTS = HERE.parents[2] / "reference" / "weak_hosts.csv"
NOT_FOUND = "no primary or reputable source found"
HALVES = ("tune", "test")
TABLES = ("casualties", "interference", "actors", "places")
ALLOWED = {
    ("casualties", "outcome"): {"killed", "injured", "detained", "beheaded", "other"},
    ("casualties", "victim_group"): {"security_forces", "rioters_protesters", "civilians", "mixed_unspecified"},
    ("casualties", "qualifier"): {"exact", "at_least", "more_than", "approx", "up_to", "vague"},
    ("casualties", "forecast"): {"True", "False"},
    ("interference", "stance"): {"asserts", "reports", "rebuts", "qualifies", "reports_no_evidence"},
    ("interference", "evidence"): {"none", "assertion_of_training", "language_spoken", "coordination_timing", "other"},
    ("interference", "hedged"): {"True", "False"},
    ("places", "role"): {"event_location", "mention"},
}
MIN_TEXTS, MIN_STYLES = 40, 15


def read_csv(path: Path) -> list[dict]:
    """Rows of a CSV file as dicts (empty list if the file is missing)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def texts(half: str) -> dict[str, str]:
    """The documents of one half: file name -> text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((HERE / half).glob("*.txt"))}


def labels(half: str, table: str) -> list[dict]:
    """The gold rows of one table of one half."""
    return read_csv(HERE / "labels" / half / f"{table}_gold.csv")


def quote_problems(half: str) -> list[str]:
    """Quotes that are not in their document, occur fewer times than labelled, or are labelled twice."""
    docs = texts(half)
    problems = []
    for table in TABLES:
        seen: Counter = Counter()
        spans: set = set()
        for row in labels(half, table):
            doc, quote = row["doc"], row["quote"]
            if doc not in docs:
                problems.append(f"{half}/{table}: row names {doc!r}, which is not a document of the half")
                continue
            if not quote:
                problems.append(f"{half}/{table}: empty quote in {doc}")
                continue
            seen[(doc, quote)] += 1
            position, start = -1, 0
            for _ in range(seen[(doc, quote)]):
                position = docs[doc].find(quote, start)
                start = position + 1
                if position < 0:
                    break
            if position < 0:
                which = "is not" if seen[(doc, quote)] == 1 else f"does not occur {seen[(doc, quote)]} times"
                problems.append(f"{half}/{table}: {doc}: quote {quote!r} {which} in the text")
            elif (doc, position, quote) in spans:
                problems.append(f"{half}/{table}: {doc}: {quote!r} at {position} is labelled twice")
            spans.add((doc, position, quote))
    return problems


def source_problems(half: str) -> list[str]:
    """Documents without a sources.csv row, rows without a document, and malformed rows."""
    rows = read_csv(HERE / half / "sources.csv")
    listed = [r["doc"] for r in rows]
    docs = set(texts(half))
    problems = [f"{half}: {d} has no row in sources.csv" for d in sorted(docs - set(listed))]
    problems += [f"{half}: sources.csv lists {d}, which does not exist" for d in sorted(set(listed) - docs)]
    problems += [f"{half}: sources.csv lists {d} twice" for d, n in Counter(listed).items() if n > 1]
    for r in rows:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("published", "")):
            problems.append(f"{half}: {r['doc']}: published {r.get('published')!r} is not YYYY-MM-DD")
        if "written for testing" not in r.get("outlet", ""):
            problems.append(f"{half}: {r['doc']}: outlet must say it is written for testing")
        if r.get("url", ""):
            problems.append(f"{half}: {r['doc']}: url must be empty (no real address)")
        if not r.get("style") or not r.get("informed_by", "").startswith("http"):
            problems.append(f"{half}: {r['doc']}: needs a style and informed_by addresses")
        for host in weak_hosts_in(r.get("informed_by", "")):
            if NOT_FOUND not in r.get("note", "") or host not in r.get("note", ""):
                problems.append(f"{half}: {r['doc']}: informed_by cites the weak host {host} but the note does not "
                                f"name it and say '{NOT_FOUND}'")
    return problems


def weak_hosts_in(addresses: str) -> list[str]:
    """The hosts of reference/weak_hosts.csv that ``;``-separated addresses cite (a host or its subdomain)."""
    weak = [r["host"] for r in read_csv(WEAK_HOSTS)]
    found = []
    for address in filter(None, addresses.split(";")):
        name = (urlparse(address).hostname or "").lower()
        found += [w for w in weak if (name == w or name.endswith("." + w)) and w not in found]
    return found


def style_problems() -> list[str]:
    """Styles found in both halves, and too few texts or styles."""
    styles = {h: {r["style"] for r in read_csv(HERE / h / "sources.csv")} for h in HALVES}
    problems = [f"style {s!r} is in both halves" for s in sorted(styles["tune"] & styles["test"])]
    n_texts = sum(len(texts(h)) for h in HALVES)
    n_styles = len(styles["tune"] | styles["test"])
    if n_texts < MIN_TEXTS:
        problems.append(f"only {n_texts} texts (need {MIN_TEXTS})")
    if n_styles < MIN_STYLES:
        problems.append(f"only {n_styles} styles (need {MIN_STYLES})")
    return problems


def value_problems(half: str) -> list[str]:
    """Labels with values outside the allowed sets, or unknown actor and place ids."""
    actors = {r["actor_id"] for r in read_csv(DATA / "actors.csv") + read_csv(HERE / "new_actors.csv")}
    places = {r["place_id"] for r in read_csv(DATA / "places.csv")}
    problems = []
    for (table, column), allowed in ALLOWED.items():
        for r in labels(half, table):
            if r[column] not in allowed:
                problems.append(f"{half}/{table}: {r['doc']}: {column} {r[column]!r} not in {sorted(allowed)}")
    for table, column in (("actors", "actor_id"), ("interference", "speaker_id")):
        for r in labels(half, table):
            if r[column] not in actors and r[column] != "outlet":
                problems.append(f"{half}/{table}: {r['doc']}: {column} {r[column]!r} is in neither actors.csv "
                                "nor new_actors.csv")
    for r in labels(half, "places"):
        if r["place_id"] not in places and not r["place_id"].isdigit():
            problems.append(f"{half}/places: {r['doc']}: place_id {r['place_id']!r} is not in places.csv "
                            "nor a GeoNames id")
    for r in labels(half, "casualties"):
        for column in ("low", "high"):
            if r[column] and not r[column].isdigit():
                problems.append(f"{half}/casualties: {r['doc']}: {column} {r[column]!r} is not a whole number")
    return problems


def generated_problems() -> list[str]:
    """Differences between the committed files and what make_corpus.py builds from authoring/."""
    sys.path.insert(0, str(HERE))
    import make_corpus

    styles = make_corpus.read_styles()
    problems = []
    built: dict[tuple[str, str], list[dict]] = {}
    for path in sorted(make_corpus.AUTHORING.glob("*.txt")):
        text, header, rows = make_corpus.build_doc(path)
        half = styles[header["style"]]["half"]
        doc = HERE / half / (path.stem + ".txt")
        if not doc.exists() or doc.read_text(encoding="utf-8") != text:
            problems.append(f"{half}/{doc.name} differs from authoring/{path.name}: run make_corpus.py")
        for kind, (filename, _) in make_corpus.TABLES.items():
            built.setdefault((half, filename), []).extend(rows[kind])
    for (half, filename), rows in built.items():
        if read_csv(HERE / "labels" / half / filename) != rows:
            problems.append(f"labels/{half}/{filename} differs from authoring/: run make_corpus.py")
    return problems


def all_problems() -> list[str]:
    """Every problem found by the checks above."""
    problems = style_problems() + generated_problems()
    for half in HALVES:
        problems += source_problems(half) + quote_problems(half) + value_problems(half)
    return problems


def counts() -> list[str]:
    """Lines of counts: texts and labels per half, texts per style."""
    lines = []
    for half in HALVES:
        sources = read_csv(HERE / half / "sources.csv")
        per_table = ", ".join(f"{t} {len(labels(half, t))}" for t in TABLES)
        lines.append(f"{half}: {len(sources)} texts in {len({r['style'] for r in sources})} styles; {per_table}")
        style_of = {r["doc"]: r["style"] for r in sources}
        for style, n in sorted(Counter(style_of.values()).items()):
            docs = [d for d, s in style_of.items() if s == style]
            per = ", ".join(f"{t} {sum(1 for r in labels(half, t) if r['doc'] in docs)}" for t in TABLES)
            lines.append(f"  {style:15s} {n} texts; {per}")
    return lines


def main() -> int:
    """Print the counts and any problems; exit status 1 if there are problems."""
    print("\n".join(counts()))
    problems = all_problems()
    for problem in problems:
        print("PROBLEM:", problem)
    print("all checks passed" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
