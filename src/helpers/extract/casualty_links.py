"""How the casualty grammar ties a count to a claim besides a dependency path: the victim words of a count,
a count conjoined to a claimed one, a sub-count ("including 40 officers", "Of them, 19 were ..."), an earlier
count a revision cue introduces ("up from the 12"), and an outcome word right after a count or on the counted
noun; and the checks a path needs beyond its labels (a shared subject, a partitive's whole). Used by
:mod:`helpers.extract.casualty_grammar`; ``rules`` is its prepared ``_Rules`` (subcount words,
revision cue)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from helpers.extract.casualty_lexicon import Lexicon, outcome_of, victim_group_of

if TYPE_CHECKING:  # spaCy for the annotations only (as in casualty_grammar)
    from spacy.tokens import Doc, Token

# victim phrase: the counted noun's words after the count, without what a comma, clause or apposition adds
VICTIM_STOP_DEPS = {"relcl", "acl", "appos", "advcl", "cc"}


def victim_words(token: Token, outcome: int | None = None, lex: Lexicon | None = None) -> tuple[str | None, int]:
    """The victim words of a count and where they end in the sentence: its noun's words after it, up to a
    comma, clause or apposition ("30 members of the national guard" -> "members of the national guard");
    None when there are none, or they are only the outcome word ("225 dead") or a pronoun ("of them")."""
    noun = token.head if token.dep_ in ("nummod", "amod") and token.head.i > token.i else token
    cut = {t.i for d in noun.subtree if d.i != noun.i and (d.dep_ in VICTIM_STOP_DEPS or (
        d.dep_ == "prep" and d.head.i == noun.i and d.lower_ != "of")) for t in d.subtree}  # not "in Almaty"
    words = []
    for child in noun.subtree:
        if child.i <= token.i:
            continue
        if child.i in cut or child.text in (",", ";", ":", "(", "—", "–"):
            break
        words.append(child)
    if not words or all(w.pos_ == "PUNCT" for w in words):
        return None, token.idx + len(token)
    end = words[-1].idx + len(words[-1])
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > token.i]
    if lex is not None and of and victim_group_of(noun.text, lex) == "mixed_unspecified":
        words = [w for w in words if w.i > of[0].i]  # "members of the national guard": the group is the guard's
    while words and words[-1].pos_ == "PUNCT":
        words.pop()
    while words and words[0].pos_ == "PUNCT":
        words.pop(0)
    if all(w.i == outcome or w.pos_ in ("PRON", "ADP", "DET", "PUNCT") for w in words):
        return None, end
    return " ".join(w.text for w in words), end


def sibling_outcome(token: Token, deps: set[str], claimed: dict[int, str]) -> str | None:
    """The outcome of the claim a count is conjoined or in apposition to ("1,300 people in Almaty and 700
    in Shymkent"), through ``deps`` (the ``sibling`` rows), or None."""
    noun = token.head if token.dep_ == "nummod" else token
    while noun.dep_ in deps and noun.head.i != noun.i:
        noun = noun.head
        if noun.i in claimed:
            return claimed[noun.i]
    return None


def is_part(token: Token, rules) -> bool:
    """A count hanging from "including"/"among", or counting "them"/"whom"."""
    preps, pronouns = rules.preps, rules.pronouns
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ == "pobj" and noun.head.lower_ in preps:
        return True
    if any(c.lower_ in preps for c in noun.children if c.dep_ == "prep" and c.i < token.i):
        return True
    # "two of them", and "of whom 3,393 are officers" (the of-phrase on the count's verb)
    # ("19 of them police officers": the of-phrase on the count itself, whose noun the parse made the head)
    holders = [noun, noun.head] if noun.dep_ in ("nsubj", "nsubjpass", "attr") else [noun]
    holders += [token] if token.i != noun.i else []
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in pronouns for p in c.children)
               for holder in holders for c in holder.children) or among_pronoun(token, rules)


def among_pronoun(token: Token, rules) -> bool:
    """Whether the count's clause places it among a pronoun ("three children are among them"): a part of the
    figure the pronoun stands for, which may be in the sentence before."""
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ not in ("nsubj", "nsubjpass", "attr"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in rules.preps and c.lower_ != "including"
               and any(p.dep_ == "pobj" and p.lower_ in rules.pronouns for p in c.children)
               for c in noun.head.children)


def tally_participle(token: Token, outcomes: dict, words: set[str]) -> int | None:
    """The outcome participle of a tally noun whose at/to-phrase holds the count ("put the number held for various
    offences at about two thousand": held), or None. ``words`` are the ``carried`` tally nouns and "number"."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    verb = token.head.head
    if verb.dep_ == "acl" and verb.i in outcomes and verb.head.lower_ in (words | {"number"}):
        return verb.i
    return None


def carried_tally(token: Token, words: set[str]) -> bool:
    """Whether a count is the value of a tally noun ("the ministry's tally stood at 7,939", "the figure rose to
    225"): the count is the at/to-phrase, object or predicate of a verb whose subject is one of ``words`` (the
    ``carried`` rows) with no of-phrase of its own ("the number of criminal cases reached 3,502" is not), or the
    of-phrase of one ("a total of 164"); with an at-phrase the tally may be the verb's object ("put the total at
    9,900")."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in words:
        return token.head.head.lower_ != "count"  # "a total of 164 had been published" (not "a count of")
    verb = token.head.head if token.dep_ == "pobj" and token.head.dep_ == "prep" else token.head
    if token.dep_ not in ("pobj", "dobj", "attr") or verb.pos_ not in ("VERB", "AUX"):
        return False
    # the tally is the verb's subject ("the tally stood at 7,939") or, for an at-phrase, its object ("it put the
    # total at 9,900")
    roles = ("nsubj", "nsubjpass", "dobj") if token.dep_ == "pobj" and token.head.lower_ == "at" else (
        "nsubj", "nsubjpass")
    return any(c.dep_ in roles and c.lower_ in words
               and not any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children) for c in verb.children)


def next_outcome(doc: Doc, count: int, outcomes: dict) -> tuple | None:
    """The outcome word right after a count, when it is a participle or adjective ("1,300 injured", "12 dead"),
    whatever the parse made of them; None otherwise."""
    after = count + 1
    word = outcomes.get(after)
    if word is None or word[1] == "noun" or doc[after].pos_ not in ("VERB", "ADJ"):
        return None
    return word


def on_counted_noun(doc: Doc, count: int, outcome: int, lex: Lexicon) -> bool:
    """Whether the outcome word is the noun the count counts ("two deaths in custody": deaths, not custody; but
    not a noun of people, "two detainees died") or modifies it ("8 police dead")."""
    token = doc[count]
    counted = token.head.i == outcome and not victim_group_of(doc[outcome].text, lex)
    return token.dep_ == "nummod" and (counted or modifies_counted_noun(doc, count, outcome))


def modifies_counted_noun(doc: Doc, count: int, outcome: int) -> bool:
    """Whether the outcome word modifies the noun the count counts ("8 police dead", "six people arrested")."""
    token = doc[count]
    return token.dep_ == "nummod" and doc[outcome].head.i == token.head.i and doc[outcome].dep_ in ("amod", "acl")


def revised(before: str, rules) -> bool:
    """Whether the words before a count (in its sentence) introduce an earlier figure ("up from the")."""
    return rules.revision is not None and bool(rules.revision.search(before.rstrip() + " "))


def opens_with_part(doc: Doc, count: int, rules) -> bool:
    """Whether the sentence opens with the sub-count's cue ("Of them, 19 were ...", "Among them, ...")."""
    first = [t for t in doc if not t.is_punct][:2]
    return len(first) == 2 and first[0].lower_ in ("of", *rules.preps) and first[1].lower_ in (
        *rules.pronouns, "these", "those")


def opens_with_count_of_pronoun(doc: Doc, count: int, rules) -> bool:
    """Whether the sentence opens with the count of a pronoun ("Nineteen of them were police officers"): a
    part of the last figure of the sentence before, as "Of them, 19 were ..." is."""
    first = next((t for t in doc if not t.is_punct), None)
    return first is not None and first.i == count and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in rules.pronouns for p in c.children)
        for c in doc[count].children)


def asked_outcomes(text: str, spans: list[tuple[int, int]], lex: Lexicon, every: str) -> dict[int, str]:
    """For each sentence that follows a question asking how many were killed, injured or detained ("How many
    people died?"), its start -> that outcome: an interview's or explainer's answer gives the count alone
    ("At least 238, according to prosecutors."). ``every`` is the alternation of the outcome terms."""
    asked = {}
    for (a, b), (next_start, _) in pairwise(spans):
        question = text[a:b].strip()
        if question.endswith("?") and re.match(r"\W*how\s+many\b", question, re.IGNORECASE):
            word = re.search(rf"\b(?:{every})\b", question, re.IGNORECASE)
            if word:
                asked[next_start] = outcome_of(word.group(0), lex)
    return asked


def path_joins(doc: Doc, count: int, outcome: int, down: tuple[str, ...], span: tuple[int, int],
               outcomes: dict) -> bool:
    """Whether a path's link holds beyond its labels. An outcome verb reached through "conj" shares the
    counted subject only when it has no subject of its own and hangs from a verb ("ten workers were attacked
    and injured", not "two of them children, and 2,265 people injured"); a count that is an object of an
    outcome phrase holding its own object is not what it counts ("188" in "1,843 received outpatient care
    and ..., 188 of them to intensive care"); a count the parse coordinates with the outcome verb itself is a
    list item only when the verb's own subject or object is counted ("70 militants were detained, as well as
    30 looters") and the item has no outcome word of its own; a bare count on the verb is a breakdown only after
    a comma and with a place (", five in Almaty"). ``span`` is the outcome phrase's character span
    in ``doc``; ``outcomes`` are the sentence's outcome words by head token."""
    word = doc[outcome]
    if down[-1:] == ("conj",) and (word.head.pos_ not in ("VERB", "AUX")
                                   or any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children)):
        return False
    branch = doc[count]
    while branch.head.i != outcome and branch.head.i != branch.i:
        branch = branch.head
    if branch.head.i == outcome and branch.dep_ == "conj":  # a list item on the verb: the verb's own subject
        own = {t.i for t in branch.subtree} | {count + 1, branch.i + 1}  # or object is counted too, and the
        return not own & set(outcomes) and any(  # item has no outcome word of its own ("..., 1,300 injured")
            c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.like_num or any(
                g.like_num for g in c.children if g.dep_ in ("nummod", "amod"))) for c in word.children)
    if branch.head.i == outcome and branch.dep_ == "npadvmod":  # a breakdown by place after a comma: ", five in
        return branch.i > 0 and doc[branch.i - 1].text == "," and any(  # Almaty" (not "= 1" in markup)
            c.dep_ == "prep" and c.lower_ in ("in", "at") for c in branch.children)
    if branch.head.i == outcome and branch.dep_ == "dobj":
        return not any(c.dep_ == "dobj" and c.i != branch.i and span[0] <= c.idx < span[1] for c in word.children)
    return True


def whole_of_part(token: Token) -> bool:
    """Whether a count is the whole of a partitive: the object of "of" on another count ("175 of those 225")."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i and head.head.like_num


def counts_victims(token: Token, lex: Lexicon) -> bool:
    """Whether a count modifies a victim noun of ``victim_groups.csv`` ("4 thousand persons"): a count of people
    whatever entity the tagger gave it."""
    return token.dep_ in ("nummod", "amod") and token.head.pos_ == "NOUN" and bool(victim_group_of(token.head.text, lex))


def counted_first(doc: Doc, count: int, outcome: int, lex: Lexicon) -> bool:
    """An outcome word on the counted noun comes first; a participle modifying it ("six people arrested after the
    protests were tortured to death") only when no outcome verb governs the count."""
    return on_counted_noun(doc, count, outcome, lex) and not (
        modifies_counted_noun(doc, count, outcome) and doc[outcome].dep_ == "acl")


def list_item(token: Token) -> bool:
    """A count (or its noun) that is a list item hanging from the verb: npadvmod or conj ("..., three in the east")."""
    return (token.head if token.dep_ == "nummod" else token).dep_ in ("npadvmod", "conj")


def governs(outcome: Token, count: Token) -> bool:
    """Whether the outcome word is the head of the count's clause: the count is in its subtree."""
    return outcome.i != count.i and count in outcome.subtree
