"""Altair charts that render with no network, and the Vega bundle they need.

The book serves one JavaScript bundle (vega + vega-lite + vega-embed, from the ``vl-convert-python``
wheel) from ``_static/vega-bundle.js``. Charts are rendered by :func:`offline_html_renderer`, which
writes a div and a call to the global ``vegaEmbed``; it also attaches a static SVG of the chart so
builders without JavaScript (LaTeX, PDF) keep the figure. In plain Jupyter, altair's default
renderer stays in charge unless ``BOOK_OFFLINE_CHARTS=1`` (set by the book build).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import textwrap
from pathlib import Path

import altair as alt

VL_VERSION = "6.4"
RENDERER = "offline_html"
TITLE_CHARS = 46  # longest line of a chart's title or subtitle on screen: fits a 390 px phone
LEGEND_LABEL_LIMIT = 320
# a legend's entries in two columns where the plot is wide, in one on a phone (``width``: the plot's, in pixels)
LEGEND_COLUMNS = {"expr": "width < 360 ? 1 : 2"}  # pixels; a legend label is never cut short ("government_...")


def vega_bundle() -> str:
    """The Vega bundle as one classic script, wrapped in a function so its top-level consts stay local."""
    import vl_convert

    return '(function(){"use strict";\n' + vl_convert.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"


def write_vega_bundle(path: str | Path) -> Path:
    """Write the bundle to ``path`` (deterministic bytes); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = vega_bundle().encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


# Characters that must not appear raw in JSON inside a <script> element: "<" and ">" (which could
# close the element or open a comment, "<!--<script>" then swallows the rest of the page's
# scripts), "&", and the two line terminators that older JavaScript does not accept inside strings.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> str:
    """``value`` as JSON that is safe inside an inline ``<script>``: ``< > &`` and U+2028/U+2029 as ``\\uXXXX``.

    The escapes are JSON string escapes, so the parsed value is unchanged.

    >>> script_json({"outlet": "<!--<script>"})
    '{"outlet": "\\\\u003c!--\\\\u003cscript\\\\u003e"}'
    """
    text = json.dumps(value, sort_keys=True)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)



def plain_labels(values, knowledge_dir=None) -> str:
    """A legend's or axis's ``labelExpr`` that shows each code among ``values`` by its plain-English label
    (``code_labels.csv``, as the tables do) and any other value as it is.

    >>> plain_labels(["asserts", "reports_no_evidence"])
    '({"reports_no_evidence": "reports no evidence"})[datum.label] || datum.label'
    """
    from helpers.present.interactive import code_labels

    labels = code_labels(knowledge_dir)
    shown = {v: labels[v] for v in sorted({str(v) for v in values}) if labels.get(v, v) != v}
    return f"({json.dumps(shown, sort_keys=True)})[datum.label] || datum.label" if shown else "datum.label"


def _wrapped(text, width: int = TITLE_CHARS):
    """A title's text as lines of at most ``width`` characters (a list stays a list of lines)."""
    lines = text if isinstance(text, list) else [text]
    out = [part for line in lines for part in (textwrap.wrap(str(line), width) or [""])]
    return out if len(out) > 1 else out[0]


def _is_single_view(spec: dict) -> bool:
    """A single or layered view (Vega-Lite sizes those, and only those, to their container)."""
    return not any(key in spec for key in ("facet", "hconcat", "vconcat", "concat", "repeat"))


def readable_spec(spec: dict) -> dict:
    """``spec`` with legend labels never cut short, the legends under a chart stacked, and the title set
    flush left over the whole chart (a centred title runs off both sides of a narrow chart), on screen
    and in print.

    >>> readable_spec({"mark": "bar"})["config"]["legend"]["labelLimit"]
    320
    """
    out = copy.deepcopy(spec)
    config = out.setdefault("config", {})
    legend = config.setdefault("legend", {})
    legend.setdefault("labelLimit", LEGEND_LABEL_LIMIT)
    # several legends under a chart stack one above the other (side by side they overflow a phone)
    legend.setdefault("layout", {"bottom": {"direction": "vertical", "anchor": "start"}})
    title = config.setdefault("title", {})
    title.setdefault("anchor", "start")
    title.setdefault("frame", "bounds")
    return out


def screen_spec(spec: dict) -> dict:
    """``spec`` as drawn on screen: a single or layered view takes its container's width (Vega-Lite's
    ``width="container"`` with an ``fit-x`` autosize, so the axes and legends fit inside it), and the title
    and subtitle wrap to lines a phone can show. The printed SVG keeps the widths the chart was given.

    >>> s = screen_spec({"mark": "bar", "width": 520, "title": "Documents by publication date and outlet ownership"})
    >>> s["width"], s["autosize"], s["title"]
    ('container', {'type': 'fit-x', 'contains': 'padding'}, ['Documents by publication date and outlet', 'ownership'])
    """
    out = readable_spec(spec)
    sized_by_script = "fit" in (out.get("usermeta") or {})  # see _EMBED
    if _is_single_view(out) and not sized_by_script and not isinstance(out.get("width"), dict):
        out["width"] = "container"
        out["autosize"] = {"type": "fit-x", "contains": "padding"}
    title = out.get("title")
    if isinstance(title, dict):
        for key in ("text", "subtitle"):
            if key in title:
                title[key] = _wrapped(title[key])
    elif title is not None:
        out["title"] = _wrapped(title)
    return out


# The embed call. Before drawing, a wrapped facet whose ``usermeta.fit`` gives its panels' minimum width
# takes as many columns as its container holds (one on a phone) and panels as wide as they can be;
# a chart whose ``usermeta.fit`` gives an aspect ratio (the map: a projection fitted to its size) takes
# the container's width and a height in proportion. ``extra``: pixels of axes, legends and padding
# (40 more for the actions menu). Such a chart is drawn again when the window's width changes (a
# phone turned); a container-sized one follows the window by itself.
_EMBED = (
    'var u=(spec.usermeta||{}).fit||{},last=null,shown=null,timer=null;'
    'function draw(){var w=el.clientWidth-40;if(w===last)return;last=w;'
    'if(u.panels){var n=Math.max(1,Math.min(u.panels,Math.floor(w/(u.min_panel+u.extra))));'
    'spec.columns=n;spec.spec.width=Math.floor(w/n)-u.extra;}'
    'if(u.aspect){spec.width=w-u.extra;'
    'spec.height=Math.round(Math.min(u.max_height,Math.max(u.min_height,spec.width*u.aspect)));}'
    'if(shown){shown.finalize();}'
    'vegaEmbed(el,spec,opt).then(function(r){shown=r;})'
    '.catch(function(e){el.innerHTML="<p class=\\"error\\">"+e+"</p>";console.error(e);});}'
    'draw();'
    'if(u.panels||u.aspect){window.addEventListener("resize",function(){clearTimeout(timer);timer=setTimeout(draw,100);});}'
)


def offline_html_renderer(spec: dict, **metadata) -> dict:
    """Altair renderer: a div plus a ``vegaEmbed`` call, with a static SVG of the chart beside it.

    On screen the chart is sized to its container (:func:`screen_spec`). The SVG is printed in place
    of the interactive chart (a printed or PDF copy keeps the figure), and is also the output that
    non-HTML builders (LaTeX) pick.
    """
    import vl_convert

    div = "altair-viz-" + hashlib.sha256(script_json(spec).encode()).hexdigest()[:16]
    svg = vl_convert.vegalite_to_svg(readable_spec(spec), vl_version=VL_VERSION)
    options = {"mode": "vega-lite", "renderer": "svg",
               "actions": {"export": True, "source": False, "compiled": False, "editor": False}}
    options.update(metadata.get("embed_options") or {})
    html = (
        f'<div id="{div}" class="altair-chart"></div><script>(function(spec,opt){{'
        f'var el=document.getElementById("{div}");'
        'if(typeof vegaEmbed!=="function"){el.innerHTML="<p class=\\"error\\">Chart library not loaded.</p>";'
        'console.error("vegaEmbed not loaded");return;}'
        + _EMBED +
        f"}})({script_json(screen_spec(spec))},{script_json(options)});</script>"
        # the same chart as a static SVG: hidden on screen, printed in its place (see _static/custom.css)
        f'<div class="chart-static" aria-hidden="true">{svg}</div>'
    )
    return {
        "text/html": html,
        "image/svg+xml": svg,
        "text/plain": "<altair chart>",
    }


alt.renderers.register(RENDERER, offline_html_renderer)


def enable_offline_renderer(force: bool = False) -> str:
    """Use the offline renderer when building the book (``BOOK_OFFLINE_CHARTS=1``) or when forced."""
    if force or os.environ.get("BOOK_OFFLINE_CHARTS") == "1":
        alt.renderers.enable(RENDERER)
    # altair's default max_rows (5,000) stays on: chapters aggregate before charting, and a chart
    # that would embed more rows than that fails loudly instead of bloating the page.
    return alt.renderers.active


def save_svg(chart: alt.TopLevelMixin, path: str | Path) -> Path:
    """Save a static SVG of ``chart`` (for print and for the figure downloads)."""
    import vl_convert

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    svg = vl_convert.vegalite_to_svg(readable_spec(chart.to_dict()), vl_version=VL_VERSION)
    path.write_text(svg, encoding="utf-8")
    return path
