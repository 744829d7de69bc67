"""More shapes of the casualty rule grammar: classes of translated, state-agency and analysis copy.

:func:`helpers.extract.casualties._shapes` lists the rule grammar's shapes in order of precedence; these come
after them (so an earlier shape that finds the same count with an outcome wins). They are surface shapes:
with ``blank:en`` they are the whole grammar, with the parser they add the counts the dependency paths miss
(:func:`helpers.extract.casualty_grammar.merge_candidates`). Each is written for a class of sentence of real
reporting (issue 13 item 2), with invented examples in ``tests/test_casualty_shapes.py``:

- a tally verb after an outcome word ("the dead numbered 225", "deaths rose to 238");
- a counted subject and its verb with an apposition between commas ("five persons, leaders of a group, are
  detained");
- a sub-count of a pronoun without a verb of its own or after its pronoun ("19 of them police officers", "of
  whom 19 were ...", "from them 19 are servicemen"): no outcome of its own, it takes that of the claim
  before it in the clause;
- an outcome phrase first, inverted ("in custody are 766 persons");
- a breakdown by place after a figure (", five in Almaty", "from them 11 - in Almaty");
- the bodies of a count ("the bodies of 225 people", "225 bodies"), counts of a victim noun in quotation
  marks ('26 "armed criminals" had been killed'), a count in hospital, intensive care or custody ("62 in
  intensive care", "5,800 people are in custody"), people held ("some 5,800 people were being held"), and a
  figure put at a count ("put detentions at 9,900").

``parts`` are the pieces of the main grammar: ``of_the``, ``modifier``, ``aux`` (a required auxiliary),
``filler`` (adverbs and auxiliaries), and the alternations ``verb``, ``adj``, ``noun`` of the outcome terms.
"""

from __future__ import annotations

import re

from helpers.extract.casualty_lexicon import VERB_QUALIFIERS, Lexicon

TALLY_VERB = r"(?:numbered|totall?ed|reached|stood\s+at|(?:rose|climbed|grew|increased|jumped)\s+to)"
CARE = (r"in\s+(?:a\s+|the\s+)?hospitals?|in\s+intensive\s+care|in\s+(?:police\s+|pre-trial\s+)?"
        r"(?:custody|detention)|in\s+an?\s+(?:serious|critical|grave)\s+condition")  # terms of casualty_terms.csv
CARE_RE = re.compile(CARE, re.IGNORECASE)
PARTITIVE_OF = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+)?", re.IGNORECASE)
PUT = r"\b(?:put|puts|putting|placed|places|estimated|estimates)\s+(?:the\s+|its\s+|their\s+)?"


def more_shapes(lex: Lexicon, c: str, v: str, parts: dict[str, str]) -> list[tuple[str, str]]:
    """The shapes as (pattern, where the quote starts: "count", "out" or "match"), in order of precedence;
    ``c`` is the count expression, ``v`` the victim phrase (group ``victim``)."""
    of_the, mod, aux, filler = parts["of_the"], parts["modifier"], parts["aux"], parts["filler"]
    adj, noun = parts["adj"], parts["noun"]
    qualifier_verb = "|".join(VERB_QUALIFIERS)
    quoted = rf"[“\"]{mod}{v}[”\"]"  # '26 "armed criminals"'
    return [
        # a tally verb after an outcome word ("the dead exceeded 200": the verb is the qualifier)
        (rf"(?P<out>{noun}|{adj})\s+(?:(?:had|has|have)\s+)?(?:{TALLY_VERB}\s+|(?=(?:{qualifier_verb})\s)){c}", "out"),
        # an apposition between commas: "two reporters of the agency, a state broadcaster, were held"
        ((rf"{c}\s+{of_the}{mod}{v}(?:\s+of\s+(?:the\s+)?(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){{0,3}})?"
          rf"\s*,\s*[^,;:.!?“”\"()]{{3,90}}?,\s+(?:who\s+)?{aux}{filler}(?P<out>{adj})"), "count"),
        # a sub-count of a pronoun with no verb of its own, or after its pronoun
        (rf"{c}\s+of\s+(?:them|whom)\b(?:\s+{mod}{v})?", "count"),
        (rf"\b(?:of|from|among)\s+(?:them|whom|which)\s*,?\s+{c}(?:\s+(?:were|are|was|is)\s+{of_the}{mod}{v})?",
         "count"),
        # inverted, an outcome phrase first: "in custody are 766 persons", "In hospital remain 40 people"
        ((rf"(?P<out>\b(?:in|into)\s+(?:police\s+|pre-trial\s+)?(?:custody|detention)|\bin\s+(?:a\s+|the\s+)?hospitals?)\b"
          rf"[^,;.]{{0,40}}?\s(?:are|were|remain|remained|stay|stayed)\s+{c}"), "out"),
        # a breakdown by place after a figure (not when the count has a verb of its own)
        ((rf"(?:(?<=[,;:])|\b(?:and|from\s+them|of\s+them|of\s+whom)\b)\s*{c}\s*(?:[-–—]\s*)?(?:in|at)\s+(?:the\s+)?"
          rf"(?-i:[A-Z])[\w’'-]*(?![^,;.]*\b(?:were|was|are|is|had|have|has)\b)"), "count"),
        # the bodies of a count: "the bodies of 225 people", "225 bodies delivered to morgues"
        # (not when an outcome verb follows: "the bodies of two were later decapitated")
        (rf"(?P<out>\bbodies)\s+of\s+{c}(?:\s+{of_the}{mod}{v})?(?![^,;.]*\b(?:{adj})\b)", "out"),
        (rf"{c}\s+(?P<out>bodies)\b(?!\s+of\b)(?![^,;.]*\b(?:{adj})\b)", "count"),
        # a victim noun in quotation marks: '26 "armed criminals" had been killed', '26 "participants" killed'
        (rf"{c}\s+{quoted}\s+(?:who\s+)?{filler}(?P<out>{adj})", "count"),
        # in hospital, intensive care or custody: "62 in intensive care", "About 5,800 people are in custody"
        (rf"{c}\s+(?:{of_the}{mod}{v}\s+)?(?:(?:are|were|is|was|remain|remained|still|being)\s+){{0,3}}(?P<out>{CARE})\b",
         "count"),
        # people held: "some 5,800 people were being held" (not "held talks", "held up")
        ((rf"{c}\s+{of_the}{mod}{v}\s+(?:who\s+)?{aux}{filler}(?:being\s+)?(?P<out>held)\b"
          rf"(?!\s+(?:up|back|a|an|the|talks|meetings?|rall(?:y|ies)|protests?|hostages?)\b)"), "count"),
        # a figure put at a count: "put detentions at 9,900", "estimated the number of dead at 164"
        (rf"{PUT}(?:number\s+of\s+)?(?P<out>{noun}|{adj})\s+at\s+(?:close\s+to\s+)?{c}", "out"),
    ]


def part_before_whole(text: str, claims: list) -> list:
    """A part's quote ends where the quote of its whole begins, when the whole is a figure of its own ("19 of the
    766 people still in custody" -> "19 of" and "766 people still in custody"), so each quote holds one count.
    ``claims`` are one clause's claims (objects with ``start, end, count_start, count_end``)."""
    for part in claims:
        for whole in claims:
            if whole is not part and part.count_end < whole.start < part.end and PARTITIVE_OF.fullmatch(
                    text, part.count_end, whole.count_start):
                gap = re.sub(r"\s+(?:the|those|these)\s*$", "", text[part.count_end:whole.start], flags=re.IGNORECASE)
                part.end = part.count_end + len(gap.rstrip())
    return claims
