"""Who published each row: the one join of a table with the documents' outlet metadata, the outlet's short
name, and the family of its ownership that the charts colour by (:mod:`helpers.present.palette`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.corpus.reader import UNKNOWN

OUTLET_COLUMNS = ("outlet", "outlet_affiliation", "published")


def short_outlet(outlet: str) -> str:
    """An outlet's name without the parenthesised remarks of sources.csv (kept in the documents table).

    >>> short_outlet("Europa Press wire (English rendering; publisher of this copy unknown)")
    'Europa Press wire'
    """
    return str(outlet).split(" (")[0].strip() or str(outlet)


def affiliation_family(affiliation: str) -> str:
    """Group an outlet's ownership note into state-owned, private, independent or unknown.

    >>> affiliation_family("state-owned (Rossiya Segodnya)")
    'state-owned'
    """
    text = str(affiliation).lower()
    if "state" in text:
        return "state-owned"
    if "private" in text:
        return "private"
    if "not documented" in text:  # an outlet that only calls itself independent stays unknown
        return "unknown"
    if "independent" in text:
        return "independent"
    return "unknown"


def with_outlets(frame: pd.DataFrame, documents: pd.DataFrame, columns: Sequence[str] = OUTLET_COLUMNS) -> pd.DataFrame:
    """``frame`` (rows with a ``doc``) with the documents' ``columns`` joined on, ``outlet`` shortened
    (:func:`short_outlet`) and a ``family`` of the ownership (:func:`affiliation_family`).

    The missing-value rule: a value that is missing (a row whose document is not in ``documents``) or
    empty is "unknown", as the corpus reader writes it for a document without metadata.

    >>> documents = pd.DataFrame({"doc": ["002"], "outlet": ["Sputnik International"],
    ...                           "outlet_affiliation": ["state-owned (Rossiya Segodnya)"], "published": ["2022-01-08"]})
    >>> with_outlets(pd.DataFrame({"doc": ["002", "999"]}), documents).values.tolist()   # seed 002, and no document
    [['002', 'Sputnik International', 'state-owned (Rossiya Segodnya)', '2022-01-08', 'state-owned'], \
['999', 'unknown', 'unknown', 'unknown', 'unknown']]
    """
    out = frame.join(documents.set_index("doc")[list(columns)], on="doc")
    for column in columns:
        out[column] = out[column].fillna("").astype(str).replace("", UNKNOWN)
    if "outlet" in out:
        out["outlet"] = out["outlet"].map(short_outlet).replace("", UNKNOWN)
    out["family"] = out["outlet_affiliation"].map(affiliation_family)
    return out
