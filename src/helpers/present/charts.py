"""Altair charts that render with no network, and the Vega bundle they need.

The book serves one JavaScript bundle (vega + vega-lite + vega-embed, from the ``vl-convert-python``
wheel) from ``_static/vega-bundle.js``. Charts are rendered by :func:`offline_html_renderer`, which
writes a div and a call to the global ``vegaEmbed``; it also attaches a static SVG of the chart so
builders without JavaScript (LaTeX, PDF) keep the figure. In plain Jupyter, altair's default
renderer stays in charge unless ``BOOK_OFFLINE_CHARTS=1`` (set by the book build).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import altair as alt

VL_VERSION = "6.4"
RENDERER = "offline_html"


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



def offline_html_renderer(spec: dict, **metadata) -> dict:
    """Altair renderer: a div plus a ``vegaEmbed`` call, with a static SVG of the chart beside it.

    The SVG is printed in place of the interactive chart (a printed or PDF copy keeps the figure),
    and is also the output that non-HTML builders (LaTeX) pick.
    """
    import vl_convert

    div = "altair-viz-" + hashlib.sha256(script_json(spec).encode()).hexdigest()[:16]
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION)
    options = {"mode": "vega-lite", "actions": {"export": True, "source": False, "compiled": False,
                                                "editor": False}}
    options.update(metadata.get("embed_options") or {})
    html = (
        f'<div id="{div}" class="altair-chart"></div><script>(function(spec,opt){{'
        f'var el=document.getElementById("{div}");'
        'if(typeof vegaEmbed!=="function"){el.innerHTML="<p class=\\"error\\">Chart library not loaded.</p>";'
        'console.error("vegaEmbed not loaded");return;}'
        'vegaEmbed(el,spec,opt).catch(function(e){el.innerHTML="<p class=\\"error\\">"+e+"</p>";console.error(e);});'
        f"}})({script_json(spec)},{script_json(options)});</script>"
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
    path.write_text(vl_convert.vegalite_to_svg(chart.to_dict(), vl_version=VL_VERSION), encoding="utf-8")
    return path
