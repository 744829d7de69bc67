"""Who said what: every direct or reported statement, its speaker, its cue and the span of what is said.

Rule-based, over the original text (no language model), paragraph by paragraph (boilerplate lines are
never read). The vocabulary is data: ``speech_cues.csv`` (``cue, kind, source``; kind ``verb``,
``prepositional`` or ``noun``, a noun speaking only for its owner; :mod:`helpers.extract.quotes.cues`). The code holds the grammar:

==============  =====================================================  ==========================================
shape           skeleton                                                seed example
==============  =====================================================  ==========================================
quote first     “CONTENT,” SPEAKER CUE / “CONTENT,” CUE SPEAKER          “...,” Lukashenko said. / ," stressed President Tokayev
speaker first   SPEAKER CUE [that|:|,] CONTENT                          Tokayev stated that “terrorist groups ...”
after           CONTENT, SPEAKER CUE / CONTENT, CUE SPEAKER              ..., AFP reported. / ..., Claims Serbian President
according to    According to SPEAKER, CONTENT / CONTENT, according to S  According to him, the situation ... was
coordinated     ... and CUE / , while CUE / , which has CUE              ... and added that ...; , while stressing that
framing         SPEAKER CUE: (end of paragraph) -> the next paragraph    Media reports said: / Major shootout took place
continuation    “CONTENT” (a quotation with no cue of its own)           “We will set up reserves. ...”
name colon      NAME: CONTENT (a one-sentence paragraph; NAME an actor)  (dev tune) Putin: Maidan technologies were used
in his words    CONTENT, in his words: CONTENT (the whole sentence)      (dev tune) ... not the cause, in his words: ...
passive         CONTENT was CUE by SPEAKER / As CUE by SPEAKER, CONTENT  (invented) were described by Maria Zakharova as ...
possessive      SPEAKER's NOUN that|of CONTENT / NOUN by SPEAKER that    (invented) Tokayev's claim that ...
quoted as       X quoted SPEAKER as saying (that) CONTENT                (invented) Kazinform quoted Tokayev as saying
speaker tag     PERSON: CONTENT. CONTENT. (a transcript's turn)          (dev tune) Maria Zakharova: Good afternoon. ...
answer          A: CONTENT / Answer: CONTENT (the last tagged person)    (invented) Q: Is there proof? / A: We have ...
after, tail     CONTENT, SPEAKER CUE, and CONTENT                        (dev tune) ..., he said, and the groups had ...
after, side     CONTENT, SPEAKER CUE, according to X / , VERBing ...     (dev tune) ..., Wang said, according to the ministry
colon name      CONTENT: SPEAKER (a headline; SPEAKER an actor)          (dev tune) ... by external forces: FM
name acts       PERSON VERB ...: CONTENT (a headline; PERSON an actor)   (dev tune) Lukashenko meets peacekeepers: ...
==============  =====================================================  ==========================================

A speaker tag says only what no statement inside its paragraph holds. A negated cue ("has not said", "did not
say") says nothing. "that" right before a verb is a relative pronoun, not the start of what is said, and an act
reported inside what is said ("He said that Kazakhstan had asked for help ...") stays the outer speaker's. A claim
noun's owner is the speaker even when someone relays it ("papers repeated Tokayev's claim that ...").

A speaker-first content ends at a semicolon that opens a new clause ("X asked for an inquiry; no evidence has
been made public"); a cue with words after it that are not a circumstance is not the "after" shape ("..., as the
president talks of foreign terrorists": the president's words follow). "CONTENT, according to X" (or "in the
words of X") after a statement of an organisation, where X is a person, makes X the speaker: the person voices
the body ("The US called claims ... 'absolutely false', in the words of White House spokeswoman Jen Psaki");
a channel that is not a person ("..., according to Interfax") leaves the speaker as it is.

A quotation that follows an attribution keeps its speaker across sentences and paragraphs ("“...,” the
Belarusian leader said. “We will set up reserves ...”"). A cue inside quoted or already attributed
content is the speaker's own report ("Even our journalists said ...") and makes no row. A statement
whose content another statement already holds is a channel ("... Russian news agency TASS reported";
"According to the Belarussian news agency BelTA, Belarusian President Alexander Lukashenko stated ...":
the speaker is Lukashenko) and makes no row either.

The speaker of a cue is resolved, in this order:

1. an actor mention (:func:`helpers.extract.actors.actor_mentions`) in the speaker's words: a person before an
   organisation, the one nearest the cue, the first of "A and B";
   A name no actor name matches as written may be one in another transliteration ("Qasym-Zhomart Toqaev",
   "Toqaev": :mod:`helpers.extract.quotes.spellings`);
2. a country or its capital used for its government ("Moscow ... calls for", "with Washington
   urging"): the ``government_body`` of ``actors.csv`` whose affiliation is that country's government;
3. a pronoun (he, she, him, they, ...): a person named earlier in the same sentence, outside what is said
   (he/she), else the first person named in the last sentence naming one after the last speaker ("The pianist
   Vikram Ruzakhunov was released. Back in Bishkek, he said ..."), else the nearest preceding speaker of the same kind (a person for he/she, an organisation or
   group for they/it), else the nearest person or organisation mentioned;
4. a description (:mod:`helpers.extract.quotes.descriptions`: "the president", "the expert", "The city police", "Sources from the office"): the
   actors whose name or title has the same head word ("president" in "Belarusian President"),
   narrowed to those sharing most words with the description, then chosen by context: the nearest
   preceding speaker among them, else the nearest of their names in the text before (or after) it.
   A nationality with a plural ("Kyrgyz officials") is the government body named "Kyrgyz government" or
   "Kyrgyz authorities". A definite description that matches no actor ("the head of state") continues the
   nearest preceding speaker, else the last person named before it. "The spokesman" continues the speaker
   before it whose own words hold "spokesman", also a name the gazetteer lacks; a role in a body ("the deputy
   chairman of the Security Council") is the person of that title named earlier, not the body; a description
   that names a country ("Iran's foreign ministry spokesman") fits only actors of that country;
5. otherwise the speaker is unresolved: ``speaker_id`` is "" and ``speaker`` the words as written
   ("Media reports", "local authorities").

What it cannot do: a subject that is not next to its cue and has no name ("Thousands of people took
to the streets ..., saying ..."), a bare "Police" with no police force named anywhere in the article,
and several speakers of one statement ("the European Union and United Nations called on": the first is
recorded). The article's own voice gives no row at all.
"""

from helpers.extract.quotes.cues import speech_cues
from helpers.extract.quotes.find import Statement, find_statements
from helpers.extract.quotes.marks import paragraphs, quotation_spans, sentence_spans
from helpers.extract.quotes.table import (
    HOWS,
    QUOTE_COLUMNS,
    StatementIndex,
    quotes_table,
    statement_for_span,
    statements_by_content,
)

__all__ = [
    "HOWS", "QUOTE_COLUMNS", "Statement", "StatementIndex", "find_statements", "paragraphs", "quotation_spans", "quotes_table",
    "sentence_spans", "speech_cues", "statement_for_span", "statements_by_content",
]
