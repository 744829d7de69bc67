"""Backport of Sphinx PR #13402 (Sphinx 8.2): inline scripts registered with filename None and ''
were both emitted, so sphinx-thebe's `const` was declared twice on every page (a console error).
Jupyter Book 1.x pins Sphinx 7, so the fix lives here."""

from sphinx.builders.html import StandaloneHTMLBuilder

_original = StandaloneHTMLBuilder.add_js_file


def _add_js_file(self, filename, **kwargs):
    return _original(self, filename or "", **kwargs)


def setup(app):
    StandaloneHTMLBuilder.add_js_file = _add_js_file
    return {"parallel_read_safe": True, "parallel_write_safe": True}
