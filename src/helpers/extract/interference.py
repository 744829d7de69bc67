"""Claims of foreign interference: who says foreign or external forces were behind the unrest.

A *claim* is a statement that the unrest was caused, organised, backed, trained, financed or
exploited by foreign or external forces, or a statement that rebuts or qualifies one. The book
reports claims; this module finds them and codes them, it never decides whether they are true.

Steps 1 to 3 (cues, the quote, coding) are :mod:`helpers.extract.interference_detect`
(:func:`detect_claims`); this module attributes what it finds:

4. **speaker** — from the statements table of :mod:`helpers.extract.quotes`: the statement whose content
   covers the claim gives ``speaker``, ``speaker_id`` and ``speaker_affiliation``, in a headline as in the
   body ("..., Claims Serbian President" is Vucic's claim; issue 13 item 3). A claim no statement covers
   is the outlet's own voice: ``speaker = "outlet"``.
5. **stance** — ``rebuts`` or ``qualifies`` when the part holds a rebuttal or qualification cue;
   for the outlet's own voice, ``reports`` when it names someone else's claim ("..., Claims Serbian
   President", "suggestions ... have been voiced"); otherwise ``asserts``.

The knowledge is in ``helpers/data`` (overridable with ``lexicon_dir``): ``interference_lexicon.csv``
(``pattern, signal, value, source``; signals ``claim, rebuttal, qualification, target, evidence,
hedge, report, not_claim``) and ``narratives.csv`` (``narrative, patterns, description, source``; patterns
separated by ``;``). Patterns are Python regular expressions, matched case-insensitively.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.extract.interference_detect import (
    CLAIM_COLUMNS,
    CLAUSE_JOIN,
    OUTLET,
    claim_quote,
    code_quote,
    detect_claims,
    merge_cue_quotes,
    part_cues,
    stance_of,
)
from helpers.extract.interference_lexicon import (
    EVIDENCE,
    LEXICON_FILES,
    SIGNALS,
    STANCES,
    Lexicon,
    lexicon_table,
    load_lexicon,
    narrative_table,
)
from helpers.extract.interference_marks import is_headline, quotations

__all__ = ["CLAIM_COLUMNS", "EVIDENCE", "LEXICON_FILES", "OUTLET", "SIGNALS", "STANCES", "Lexicon", "attribute_claims",
           "attribution_of", "claim_quote", "code_quote", "detect_claims", "interference_claims", "is_headline",
           "lexicon_table", "load_lexicon", "merge_cue_quotes", "narrative_table", "part_cues", "stance_of"]


def _field(row, name: str) -> str:
    """A field of a statement row (Series, dict or namedtuple) as a clean string ("" when missing)."""
    value = row.get(name, "") if isinstance(row, (Mapping, pd.Series)) else getattr(row, name, "")
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def attribution_of(text: str, start: int, end: int, sentence: tuple[int, int], speaker_id: str) -> str:
    """How the outlet gives a claim: ``outlet`` (its own voice), ``quoted`` (the speaker's words in quotation
    marks: quotations make up at least half of it) or ``indirect`` (the outlet's
    words for what the speaker said: "X blamed the unrest on foreign-trained militants").

    >>> s = 'Tokayev stated that “terrorist groups which received extensive training abroad” have attacked'
    >>> attribution_of(s, 21, 79, (0, len(s)), "tokayev"), attribution_of(s, 0, 7, (0, len(s)), "tokayev")
    ('quoted', 'indirect')
    """
    if speaker_id == OUTLET:
        return OUTLET
    inside = sum(max(0, min(end, c) - max(start, o)) for o, c in quotations(text, *sentence))
    return "quoted" if inside * 2 >= end - start else "indirect"


def attribute_claims(claims: pd.DataFrame, quotes: pd.DataFrame | None, texts: Mapping[str, str] | None = None
                     ) -> pd.DataFrame:
    """Fill ``speaker``, ``speaker_id``, ``speaker_affiliation``, ``stance`` and ``attribution`` of detected claims.

    The speaker of a claim is whoever the text says makes it: the statement whose content covers the claim
    (its speaker is the subject of the cue verb, resolved by :mod:`helpers.extract.quotes`), else a statement
    whose attribution the claim's span holds ("On Jan. 7, President Xi Jinping said China opposes ...").
    A headline is read like any sentence ("Putin: Maidan technologies were used", "..., says Ukrainian Expert":
    the named speaker's claim); a claim no statement holds is the outlet's own voice (``"outlet"``).
    ``attribution`` says how the outlet gives it (:func:`attribution_of`); it needs ``texts``.

    >>> claims = pd.DataFrame({"doc": ["001"], "start": [0], "end": [5], "headline": [True],
    ...                        "cue_stance": [""], "reported": [True], "sentence_start": [0], "sentence_end": [5]})
    >>> attribute_claims(claims, None)[["speaker", "stance"]].values.tolist()
    [['outlet', 'reports']]
    """
    from helpers.extract.quotes import StatementIndex
    from helpers.extract.quotes.find import PREDICATE

    out = claims.copy()
    has_quotes = quotes is not None and len(quotes) > 0
    indexes = {doc: StatementIndex(part) for doc, part in quotes.groupby("doc", sort=False)} if has_quotes else {}
    fields: dict[str, list] = {k: [] for k in ("speaker", "speaker_id", "speaker_affiliation", "stance",
                                               "attribution")}
    for row in out.itertuples():
        statement, start = None, int(row.start)
        said_from = start
        index = indexes.get(row.doc)
        if index is not None:
            found = index.covering(start, int(row.end))
            if found is None:
                found = index.opening(start, int(row.end))
            if found is None and texts is not None:  # the claim opens with its speaker and cue and runs on past
                found = index.opening(start, int(row.end), reach=True)  # what is said by an apposition, not a clause
                if found is not None and (CLAUSE_JOIN.search(texts[row.doc], int(index.content_end[found]), int(row.end))
                                          or PREDICATE.match(texts[row.doc], int(index.content_end[found]))):
                    found = None  # "..., and ...", or "X's account of Y is unproven": the outlet's predicate
            if found is not None:  # how it is given is judged on what is said, not on the attribution
                said_from = max(start, int(index.content_start[found]))
            statement = None if found is None else index.row(found)
        if statement is None:
            speaker, speaker_id, affiliation = OUTLET, OUTLET, OUTLET
        else:
            speaker = _field(statement, "speaker")
            speaker_id = _field(statement, "speaker_id")
            affiliation = _field(statement, "speaker_affiliation")
        text = texts.get(row.doc) if texts is not None else None
        sentence = (int(row.sentence_start), int(row.sentence_end))
        fields["speaker"].append(speaker)
        fields["speaker_id"].append(speaker_id)
        fields["speaker_affiliation"].append(affiliation)
        fields["stance"].append(stance_of(row.cue_stance, bool(row.reported), speaker_id))
        fields["attribution"].append(attribution_of(text, said_from, int(row.end), sentence, speaker_id)
                                     if text is not None else (OUTLET if speaker_id == OUTLET else ""))
    for name, values in fields.items():
        out[name] = pd.Series(values, index=out.index, dtype=object)
    return out


def statements(tables, knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The statements table of the corpus (:func:`helpers.extract.quotes.quotes_table` over its actor mentions)."""
    from helpers.extract.actors import actor_mentions
    from helpers.extract.quotes import quotes_table

    return quotes_table(tables, actor_mentions(tables, knowledge_dir=knowledge_dir))


def interference_claims(tables, quotes: pd.DataFrame | None = None,
                        lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Every claim of foreign interference in the corpus, one row each, coded and attributed.

    ``tables`` is what :func:`helpers.load_tables` returns; ``quotes`` the statements table of
    :func:`helpers.extract.quotes.quotes_table` (computed from the tables when None). Returns the columns of
    ``CLAIM_COLUMNS`` sorted by doc and start, with ``quote == tables.texts[doc][start:end]``.

    >>> claims = interference_claims(load_tables("../seeds"))                      # doctest: +SKIP
    >>> claims.loc[claims.quote.str.startswith("Foreign intelligence"), "speaker_id"].item()  # doctest: +SKIP
    'vucic'
    """
    detected = detect_claims(tables.texts, tables.sentences, lexicon_dir=lexicon_dir)
    if quotes is None:
        quotes = statements(tables)
    return attribute_claims(detected, quotes, tables.texts)[CLAIM_COLUMNS]
