"""The colours of the book: one colour-blind-safe palette (Okabe and Ito's eight colours), one meaning per colour.

The ownership families of the outlets take three of the eight colours (and grey for "unknown"), the
same in every chapter; no other chart uses those three colours for anything else. The other
categories a chart colours by (a claim's stance, the ground a speaker offers, how a date was
established, how precisely a place is drawn) take the remaining colours, each role its own list, so
within one chart a colour means one thing. Counts are drawn in one hue (``SEQUENTIAL``), darker for more.

Source of the colours: Okabe, M. and Ito, K. (2008), "Color Universal Design (CUD): How to make
figures and presentations that are friendly to colorblind people", https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7",
}
GREY, LIGHT_GREY = "#8C8C8C", "#C8C8C8"
SEQUENTIAL = "blues"  # one hue for counts (a heatmap's cells)

# Colours by outlet ownership family, fixed so every chapter colours the same outlet alike.
PALETTE = {
    "state-owned": OKABE_ITO["vermillion"],
    "private": OKABE_ITO["blue"],
    "independent": OKABE_ITO["bluish green"],
    "unknown": GREY,
}

# The other roles: each maps the values a chart colours by to colours outside the families' three.
ROLES = {
    "stance": {"asserts": OKABE_ITO["reddish purple"], "reports": LIGHT_GREY, "rebuts": OKABE_ITO["orange"],
               "qualifies": OKABE_ITO["sky blue"], "reports_no_evidence": OKABE_ITO["black"]},
    # by the code of the ground (extract/interference.py's EVIDENCE); the chart shows its label
    "ground": {"none": LIGHT_GREY, "assertion_of_training": OKABE_ITO["reddish purple"],
               "language_spoken": OKABE_ITO["orange"], "coordination_timing": OKABE_ITO["sky blue"],
               "other": OKABE_ITO["black"]},
    "date basis": {"stated in an article": OKABE_ITO["black"], "reference timeline": OKABE_ITO["sky blue"],
                   "publication date only": LIGHT_GREY},
    "place level": {"city or a site in it": OKABE_ITO["orange"], "region (drawn at its centre)": OKABE_ITO["yellow"]},
    "actor type": {"person": OKABE_ITO["reddish purple"], "government body": OKABE_ITO["orange"],
                   "security force": OKABE_ITO["black"], "alliance": OKABE_ITO["sky blue"],
                   "media": OKABE_ITO["yellow"], "group": "#7A5C99", "rights organisation": "#A6761D",
                   "other": LIGHT_GREY},
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
    {'domain': ['state-owned', 'private'], 'range': ['#D55E00', '#0072B2']}
    """
    families = families_in(values)
    return alt.Scale(domain=families, range=[PALETTE[f] for f in families])


# colours for values a role does not list yet (a new actor type from a new corpus), in this order
SPARE = ["#4D4D4D", "#FDB863", "#E7D4E8", "#A6761D"]


def role_colours(role: str, values: Iterable[str]) -> dict[str, str]:
    """The colour of each value a chart draws for one role (``"stance"``, ``"ground"``, ...), in the role's
    order; a value the role does not list gets the next spare colour (after the listed ones), and more such
    values than spare colours raise, naming the role and the values (no two values share a colour).

    >>> role_colours("stance", ["rebuts", "asserts"])
    {'asserts': '#CC79A7', 'rebuts': '#E69F00'}
    >>> role_colours("actor type", ["person", "foundation"])
    {'person': '#CC79A7', 'foundation': '#4D4D4D'}
    """
    colours = ROLES[role]
    present = set(values)
    extra = sorted(present - set(colours))
    spare = [c for c in SPARE if c not in colours.values()]
    if len(extra) > len(spare):
        raise ValueError(f"palette role {role!r} has no colour for {extra}; add them to ROLES in present/palette.py")
    listed = {v: colours[v] for v in colours if v in present}
    return {**listed, **dict(zip(extra, spare))}


def role_scale(role: str, values: Iterable[str]) -> alt.Scale:
    """The colour scale of one role for the values a chart draws (:func:`role_colours`).

    >>> role_scale("stance", ["rebuts", "asserts"]).to_dict()
    {'domain': ['asserts', 'rebuts'], 'range': ['#CC79A7', '#E69F00']}
    """
    chosen = role_colours(role, values)
    return alt.Scale(domain=list(chosen), range=list(chosen.values()))
