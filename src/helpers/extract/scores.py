"""How well the registered extractors do against a folder of hand labels: one row per measure, the misses.

A labelled folder holds one CSV per extractor (``casualties_gold.csv``, ``interference_gold.csv``,
``actors_gold.csv``, ``places_gold.csv``, and for the seeds also ``dates_gold.csv`` and
``quotes_gold.csv``), each row an exact quote of a document's text (``labels/`` for the seeds,
``tests/corpora/dev/labels/<half>/`` for the development corpus). The predictions are the rows of the
extraction stage (:func:`helpers.extract.stage.extract_corpus`, cached per document), exactly the rows
the chapters read. Each prediction is paired with a label by overlapping span
(:func:`helpers.extract.evaluation.match_spans`); a :class:`Measure` says when a pair is *right*
(found at all, or found with the right outcome and value, speaker, actor or place). Precision is right
pairs over predictions, recall right pairs over labels, so every row carries its three counts.
A folder lacks a gold file: its measures are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.extract.evaluation import locate_quotes, match_spans, same_value

SCORE_COLUMNS = ["table", "criterion", "labels", "predictions", "right", "precision", "recall"]
MISS_COLUMNS = ["table", "miss", "doc", "start", "end", "quote", "expected", "found"]
NOT_FOUND = "not found"  # a label no extracted row overlaps
FOUND_WRONG = "found, not right"  # a label whose overlapping row fails the measure (a wrong value, speaker, id)
NOT_LABELLED = "not labelled"  # an extracted row that overlaps no label


def figure(row) -> object:
    """The figure a casualty row states: its ``low``, or its ``best`` where ``low`` is open ("about 5,800").

    >>> figure({"low": float("nan"), "best": 5800.0}), figure({"low": 12.0, "best": 12.0})
    (5800.0, 12.0)
    """
    low = row.get("low")
    return row.get("best", low) if pd.isna(low) else low


def _whole(value) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def stated_figure(row) -> str:
    """A casualty row's outcome and figure as a miss shows it: ``killed 12``, ``killed 12 or more``,
    ``detained 3-5``, ``detained about 5800``.

    >>> stated_figure({"outcome": "killed", "low": 12.0, "high": float("nan")})
    'killed 12 or more'
    >>> stated_figure({"outcome": "detained", "low": float("nan"), "high": float("nan"), "best": 5800.0})
    'detained about 5800'
    """
    low, high = row.get("low"), row.get("high")
    missing = [v is None or v == "" or (not isinstance(v, str) and pd.isna(v)) for v in (low, high)]
    if missing[0]:
        best = row.get("best")
        figure_text = "(no figure)" if best is None or best == "" or pd.isna(best) else f"about {_whole(best)}"
    elif missing[1]:
        figure_text = f"{_whole(low)} or more"
    elif same_value(low, high):
        figure_text = f"{_whole(low)}"
    else:
        figure_text = f"{_whole(low)}-{_whole(high)}"
    return f"{row.get('outcome')} {figure_text}"


def _places(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.query("kind != 'demonym'")  # nationality adjectives the model tags as places are not places


def _by_content(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.assign(start=rows["content_start"], end=rows["content_end"])  # a statement is matched on what is said


@dataclass(frozen=True)
class Context:
    """What a rule of rightness may consult besides the pair: the gazetteer's actor ids, and the actor each of
    its names and titles stands for (by :func:`claimant_key`)."""

    known_actors: frozenset[str]
    actor_of: Mapping[str, str] = field(default_factory=dict)


def claimant_key(words: object) -> str:
    """A claimant as compared: lower case, no leading article, no possessive or punctuation.

    >>> claimant_key("The Interior Ministry's"), claimant_key(float("nan"))
    ('interior ministry', '')
    """
    if words is None or (not isinstance(words, str) and pd.isna(words)):
        return ""
    text = str(words).replace("’", "'").casefold()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()))


def _claimant(pred, gold, context: Context) -> bool:
    """The same claimant: both none (the outlet's own voice), the same words (one holding the other's: "the
    press service" in "the press service of the Ministry of Internal Affairs"), or names of the same actor."""
    a, b = claimant_key(pred["claimant"]), claimant_key(gold["claimant"])
    if not a or not b:
        return a == b
    if re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a):
        return True
    return context.actor_of.get(a) is not None and context.actor_of.get(a) == context.actor_of.get(b)


def _outcome_and_value(pred, gold, _context: Context) -> bool:
    return same_value(pred["outcome"], gold["outcome"]) and same_value(figure(pred), figure(gold))


def _field(name: str) -> Callable:
    def right(pred, gold, _context: Context) -> bool:
        return same_value(pred[name], gold[name])

    return right


def _speaker_id(pred, gold, context: Context) -> bool:
    """The labelled speaker: the same id, or, where the label names a speaker the gazetteer lacks (an id not in
    ``actors.csv``), a speaker the extractor keeps as written with no id (not the outlet): the extractor cannot
    give an id the gazetteer does not hold, as for the actors (:func:`_actor_id`; ``labels/README.md``)."""
    want, got = gold["speaker_id"], pred["speaker_id"]
    if same_value(got, want):
        return True
    unresolved = got is None or (not isinstance(got, str) and pd.isna(got)) or got == ""
    return unresolved and want not in context.known_actors and want != "outlet"


def _actor_id(pred, gold, context: Context) -> bool:
    """The labelled id, or an unresolved mention where the label names an actor the gazetteer lacks."""
    want = gold["actor_id"]
    return pred["actor_id"] == want or (want not in context.known_actors and not bool(pred["resolved"]))


@dataclass(frozen=True)
class Measure:
    """One row of the scores: a table, what makes a pair right, the extractor and gold file it reads."""

    table: str  # how the page names the table
    criterion: str  # what a right pair is
    extractor: str  # a name of the registry
    gold_file: str
    fields: tuple[str, ...]  # the fields a miss shows (expected / found)
    right: Callable | None = None  # (prediction row, label row, Context) -> bool; None: any overlap is right
    numeric: tuple[str, ...] = ()  # gold columns read as numbers
    view: Callable[[pd.DataFrame], pd.DataFrame] | None = None  # how the rows are matched to the labels
    compared: tuple[str, ...] = ()  # coded fields whose agreement on matched pairs is reported (field_agreement)
    describe: Callable | None = None  # how a miss shows a row's fields (default: "field value, ...")


MEASURES = [
    Measure("casualty figures", "outcome and value right", "casualties", "casualties_gold.csv",
            ("outcome", "low", "high"), _outcome_and_value, ("low", "high"),
            compared=("outcome", "victim_group", "qualifier", "low", "high", "claimant", "forecast"),
            describe=stated_figure),
    Measure("interference claims", "claim found", "claims", "interference_gold.csv", ("speaker_id",),
            compared=("speaker_id", "stance", "evidence")),
    Measure("interference claims", "speaker right", "claims", "interference_gold.csv", ("speaker_id",),
            _speaker_id),
    Measure("actor mentions", "mention found", "actors", "actors_gold.csv", ("actor_id",), compared=("actor_id",)),
    Measure("actor mentions", "actor right", "actors", "actors_gold.csv", ("actor_id",), _actor_id),
    Measure("place mentions", "place found", "places", "places_gold.csv", ("place_id",), view=_places,
            compared=("place_id", "role")),
    Measure("place mentions", "place right", "places", "places_gold.csv", ("place_id",), _field("place_id"),
            view=_places),
    Measure("date mentions", "date found", "dates", "dates_gold.csv", ("date",), compared=("date",)),
    Measure("date mentions", "date right", "dates", "dates_gold.csv", ("date",), _field("date")),
    Measure("statements", "statement found", "quotes", "quotes_gold.csv", ("speaker_id",), view=_by_content,
            compared=("speaker_id",)),
    Measure("statements", "speaker right", "quotes", "quotes_gold.csv", ("speaker_id",), _field("speaker_id"),
            view=_by_content),
]


# The casualty claimant, scored for the benches (bench/score_dev.py), not yet on the methodology page: a figure
# found (any overlap) whose claimant is the labelled one (:func:`_claimant`).
CLAIMANT_MEASURE = Measure("casualty claimants", "claimant right", "casualties", "casualties_gold.csv", ("claimant",),
                           _claimant, ("low", "high"))


@dataclass
class Scored:
    """The outcome of one measure on one folder: the pairs, which of them are right, and the rows."""

    measure: Measure
    pred: pd.DataFrame
    gold: pd.DataFrame
    pairs: dict  # label index -> prediction index, for every overlapping pair
    right: set  # label indexes whose pair is right

    def row(self) -> dict:
        """The measure's row of the scores table (counts, precision, recall)."""
        n_pred, n_gold, n_right = len(self.pred), len(self.gold), len(self.right)
        return {"table": self.measure.table, "criterion": self.measure.criterion, "labels": n_gold,
                "predictions": n_pred, "right": n_right,
                "precision": n_right / n_pred if n_pred else float("nan"),
                "recall": n_right / n_gold if n_gold else float("nan")}


def read_labels(labels_dir: str | Path, gold_file: str, texts: dict[str, str],
                numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    """One gold file of ``labels_dir``, its quotes located as spans in ``texts``; a clear error naming
    the file when a quote is not in its document or a document is not in the corpus."""
    path = Path(labels_dir) / gold_file
    gold = pd.read_csv(path, keep_default_na=False, na_values={c: [""] for c in numeric})
    try:
        return locate_quotes(gold, texts)
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def _context(knowledge_dir: str | Path | None = None) -> Context:
    """The :class:`Context` of the gazetteer in effect."""
    from helpers.extract.actors import actor_names, read_actors

    actors = read_actors(knowledge_dir)
    names = actor_names(actors)
    return Context(frozenset(actors["actor_id"]), {claimant_key(n): a for n, a in zip(names["name"], names["actor_id"])})


def score_measure(measure: Measure, frames: dict[str, pd.DataFrame], gold: pd.DataFrame,
                  context: Context) -> Scored:
    """Pair ``measure``'s predictions (from the stage's ``frames``) with ``gold`` and decide which are right."""
    rows = frames[measure.extractor]
    pred = measure.view(rows) if measure.view else rows
    result = match_spans(pred, gold)
    pairs = {gi: pi for pi, gi, _ in result["pairs"]}
    right = {gi for gi, pi in pairs.items()
             if measure.right is None or measure.right(pred.loc[pi], gold.loc[gi], context)}
    return Scored(measure, pred, gold, pairs, right)


def score_frames(frames: dict[str, pd.DataFrame], texts: dict[str, str], labels_dir: str | Path,
                 knowledge_dir: str | Path | None = None) -> list[Scored]:
    """Every measure whose gold file ``labels_dir`` holds, on the stage's ``frames`` of the labelled corpus."""
    context = _context(knowledge_dir)
    golds: dict[str, pd.DataFrame] = {}
    out = []
    for measure in MEASURES:
        if not (Path(labels_dir) / measure.gold_file).exists():
            continue
        if measure.gold_file not in golds:
            golds[measure.gold_file] = read_labels(labels_dir, measure.gold_file, texts, measure.numeric)
        out.append(score_measure(measure, frames, golds[measure.gold_file], context))
    return out


def score_claimants(tables, labels_dir: str | Path, knowledge_dir: str | Path | None = None) -> Scored:
    """The :data:`CLAIMANT_MEASURE` of ``tables`` against ``labels_dir``'s ``casualties_gold.csv``."""
    from helpers.extract.stage import extract_corpus

    frames = extract_corpus(tables, knowledge_dir).frames
    gold = read_labels(labels_dir, CLAIMANT_MEASURE.gold_file, tables.texts, CLAIMANT_MEASURE.numeric)
    return score_measure(CLAIMANT_MEASURE, frames, gold, _context(knowledge_dir))


def score_folder(tables, labels_dir: str | Path, knowledge_dir: str | Path | None = None) -> list[Scored]:
    """Run (or read from the cache) the extraction stage on ``tables`` and score it against ``labels_dir``."""
    from helpers.extract.stage import extract_corpus

    frames = extract_corpus(tables, knowledge_dir).frames
    return score_frames(frames, tables.texts, labels_dir, knowledge_dir)


def scores_table(scored: list[Scored]) -> pd.DataFrame:
    """One row per measure: table, criterion, labels, predictions, right, precision, recall."""
    return pd.DataFrame([s.row() for s in scored], columns=SCORE_COLUMNS)


def field_agreement(scored: list[Scored]) -> pd.DataFrame:
    """For each measure's ``compared`` fields, the share of its matched pairs whose values agree
    (:func:`helpers.extract.evaluation.same_value`): table, field, pairs, agree, share."""
    rows = []
    for s in scored:
        for name in s.measure.compared:
            if name not in s.pred.columns or name not in s.gold.columns:
                continue
            agree = sum(same_value(s.pred.at[pi, name], s.gold.at[gi, name]) for gi, pi in s.pairs.items())
            rows.append({"table": s.measure.table, "field": name, "pairs": len(s.pairs), "agree": agree,
                         "share": agree / len(s.pairs) if s.pairs else float("nan")})
    return pd.DataFrame(rows, columns=["table", "field", "pairs", "agree", "share"])


def _describe(row, fields: tuple[str, ...]) -> str:
    parts = []
    for name in fields:
        value = row.get(name)
        if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append(f"{name} {value}")
    return ", ".join(parts) or "no " + " or ".join(fields)


def misses_table(scored: list[Scored], texts: dict[str, str]) -> pd.DataFrame:
    """The misses of the strictest measure of each table (the last listed in :data:`MEASURES`): every label
    not found right, :data:`NOT_FOUND` (no row over it) or :data:`FOUND_WRONG` (with what was expected and what
    the paired row says), and every row paired with no label, :data:`NOT_LABELLED`."""
    last = {s.measure.table: s for s in scored}
    rows = []
    for s in last.values():
        fields = s.measure.fields
        describe = s.measure.describe or (lambda row, fields=fields: _describe(row, fields))
        for gi in s.gold.index:
            if gi in s.right:
                continue
            g = s.gold.loc[gi]
            pi = s.pairs.get(gi)
            miss, found = NOT_FOUND, "nothing extracted here"
            if pi is not None:
                p = s.pred.loc[pi]
                miss, found = FOUND_WRONG, f"{texts[p['doc']][int(p['start']):int(p['end'])]!r}: {describe(p)}"
            rows.append({"table": s.measure.table, "miss": miss, "doc": g["doc"], "start": int(g["start"]),
                         "end": int(g["end"]), "quote": g["quote"], "expected": describe(g), "found": found})
        paired = set(s.pairs.values())
        for pi in s.pred.index:
            if pi in paired:
                continue
            p = s.pred.loc[pi]
            rows.append({"table": s.measure.table, "miss": NOT_LABELLED, "doc": p["doc"], "start": int(p["start"]),
                         "end": int(p["end"]), "quote": texts[p["doc"]][int(p["start"]):int(p["end"])],
                         "expected": "no label", "found": describe(p)})
    return pd.DataFrame(rows, columns=MISS_COLUMNS)
