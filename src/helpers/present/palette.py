"""The colours of the book: one colour per family of outlet ownership, the same in every chapter's charts."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

# Colours by outlet affiliation family, fixed so every chapter colours the same outlet alike.
PALETTE = {
    "state-owned": "#c0392b",
    "private": "#2e86c1",
    "independent": "#27ae60",
    "unknown": "#7f8c8d",
}


def families_in(values: Iterable[str]) -> list[str]:
    """The ownership families among ``values``, in the palette's order (the order of every legend).

    >>> families_in(["unknown", "state-owned", "state-owned"])
    ['state-owned', 'unknown']
    """
    present = set(values)
    return [family for family in PALETTE if family in present]


def family_scale(values: Iterable[str]) -> alt.Scale:
    """The colour scale of the families among ``values``: a chart's ``family`` column coloured by the palette.

    >>> family_scale(["private", "state-owned"]).to_dict()
    {'domain': ['state-owned', 'private'], 'range': ['#c0392b', '#2e86c1']}
    """
    families = families_in(values)
    return alt.Scale(domain=families, range=[PALETTE[f] for f in families])
