"""A statement found in a document (:class:`Statement`): the offsets of its cue, its content and its speaker's
words, and the speaker fields :mod:`helpers.extract.quotes.speakers` fills."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Statement:
    """A statement found in a document: offsets of its cue, its content and the words of its speaker
    (``speaker_start = -1`` when the speaker is inherited); the speaker fields are filled by
    :func:`helpers.extract.quotes.speakers.resolve`."""

    doc: str
    cue: str
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    speaker_start: int = -1
    speaker_end: int = -1
    shape: str = ""
    paragraph: int = 0
    inherit: bool = False  # coordinated or continuation: the speaker of the statement before
    channel_of_inner: bool = False  # "According to X, Y said ...": X is a channel if Y is a speaker
    speaker: str = ""
    speaker_id: str = ""
    speaker_text: str = ""
    speaker_type: str = ""
    how: str = "unresolved"
    extra: dict = field(default_factory=dict)
