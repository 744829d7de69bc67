"""Two fixes to the scripts Jupyter Book 1.x puts on every page.

1. Backport of Sphinx PR #13402 (Sphinx 8.2): inline scripts registered with filename None and ''
   were both emitted, so sphinx-thebe's `const` was declared twice on every page (a console error).
   Jupyter Book 1.x pins Sphinx 7, so the fix lives here.
2. sphinx-thebe (live code cells, off in this book) writes the address of its library on a CDN into
   every page. The book must work with no network and name no CDN, so its scripts are left out.
"""

from sphinx.builders.html import StandaloneHTMLBuilder

_original = StandaloneHTMLBuilder.add_js_file


def _add_js_file(self, filename, **kwargs):
    return _original(self, filename or "", **kwargs)


def _is_thebe(script) -> bool:
    body = getattr(script, "attributes", {}).get("body", "") or ""
    return "thebe" in (getattr(script, "filename", "") or str(script)) or "thebe" in body


def _drop_thebe(app, pagename, templatename, context, doctree):
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]


def setup(app):
    StandaloneHTMLBuilder.add_js_file = _add_js_file
    app.connect("html-page-context", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
