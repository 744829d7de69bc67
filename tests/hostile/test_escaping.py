"""Values from the corpus never become markup or script: inline chart JSON escapes < > & and
U+2028/U+2029, the run manifest escapes the corpus path, and table cells become links only from
http(s) or relative addresses."""

import json
import re
from html.parser import HTMLParser

import altair as alt
import pandas as pd
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from helpers.book.layout import BuildPaths
from helpers.book.manifest import write_manifest
from helpers.present.charts import offline_html_renderer, script_json
from helpers.present.display import show_table

OUTLET = "<!--<script>"  # in sources.csv, this stopped the chart scripts of four pages


def test_script_json_escapes_what_could_end_or_comment_out_the_script_and_parses_back():
    value = {"outlet": OUTLET + "</script>&\u2028\u2029", "n": -3}
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_a_chart_of_a_hostile_outlet_name_keeps_one_script_element_with_no_raw_angle_bracket():
    data = pd.DataFrame({"outlet": [OUTLET, "Sputnik & <b>RIA</b>"], "claims": [3, 5]})
    spec = alt.Chart(data).mark_bar().encode(x="claims:Q", y="outlet:N").to_dict()
    page = offline_html_renderer(spec)["text/html"]
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 1 and page.count("<script") == 1 and page.count("</script") == 1
    assert "<!--" not in page and "<b>" not in page  # neither in the script nor in the static SVG
    assert "\\u003c!--\\u003cscript\\u003e" in scripts[0] and "Sputnik \\u0026 \\u003cb\\u003eRIA" in scripts[0]


# two nested folders (a name cannot hold "/"), together a directive that runs script
HOSTILE_FOLDER = "corpus`\n```{raw} html\n<script>alert(document.domain)</script>\n```\n`"


def test_the_run_manifest_shows_a_hostile_corpus_folder_name_as_text(tmp_path):
    corpus = tmp_path / HOSTILE_FOLDER
    corpus.mkdir(parents=True)
    paths = BuildPaths(root=tmp_path, out=tmp_path / "out", corpus=corpus)
    paths.book.mkdir(parents=True)
    run = {"notebook": "chapters/sources.ipynb", "parameters": {"corpus_dir": f"../{HOSTILE_FOLDER}"},
           "status": "re-executed", "executed_at": "2022-01-06 10:00:00 UTC", "seconds": 1.0}
    write_manifest(paths, [run], "0" * 64, "blank:en|<img src=x onerror=alert(1)>")
    page = (paths.book / "run_manifest.md").read_text(encoding="utf-8")
    parser = create_md_parser(MdParserConfig(), RendererHTML)
    tokens = parser.parse(page)
    assert not [t for t in tokens if t.type in {"fence", "html_block"}], [t.type for t in tokens]
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert not [c for c in inline if c.type == "html_inline"]
    html = parser.render(page)
    assert "<script" not in html and "<img" not in html
    # the folder name is still shown, with its newlines as \n
    assert "corpus`\\n```{raw} html\\n&lt;script&gt;alert(document.domain)&lt;/script&gt;" in html


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def test_only_web_and_relative_addresses_become_links():
    table = pd.DataFrame({"quote": ["a", "b", "c", "d", "e", "f", "g"], "sentence": [
        "documents.html#doc-000-s3",
        "https://www.rferl.org/a/kazakhstan-unrest/31640137.html",
        "javascript:alert(1)//documents.html#x",
        " JavaScript:alert(1)//documents.html#x",
        "java\tscript:alert(1)//documents.html#x",
        "//attacker.example/documents.html#x",
        "data:text/html,<script>alert(1)</script>documents.html#x",
    ]})
    links = Links()
    links.feed(show_table(table, links=("sentence",)).to_html())
    assert links.hrefs == ["documents.html#doc-000-s3", "https://www.rferl.org/a/kazakhstan-unrest/31640137.html"]
