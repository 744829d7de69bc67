"""From a file's bytes to its text: encoding, binary data, language.

UTF-8 is the default. UTF-16 is decoded when the file starts with its byte-order mark, or, without
one, when the bytes look like UTF-16 (NUL in every other byte where ASCII letters would be) and decode
cleanly. A NUL byte anywhere else (not only in the first 8 KiB) makes the file ``binary``.

The language of a text is told by ``py3langid`` (a naive Bayes classifier over byte n-grams, 97
languages), which is reliable on short texts where counting English function words is not.

>>> decode("Police said 14 protesters were detained.".encode("utf-16"))[1:]
('ok', '', 'utf-16')
>>> language("Беспорядки в Казахстане начались второго января в Жанаозене.")[0]
'ru'
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
SAMPLE = 8192
BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LANGUAGE_SAMPLE = 100_000


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like BOM-less UTF-16 of mostly Latin text."""
    sample = data[:SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.4 * half and even.count(0) <= 0.05 * half:
        return "utf-16-le"
    if even.count(0) >= 0.4 * half and odd.count(0) <= 0.05 * half:
        return "utf-16-be"
    return None


def _encoding(data: bytes) -> tuple[str, str]:
    """The encoding to decode ``data`` with, and how it was chosen."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, "byte-order mark"
    guess = _utf16_without_bom(data)
    if guess:
        return guess, "NUL in every other byte"
    return "utf-8", ""


def decode(data: bytes) -> tuple[str | None, str, str, str]:
    """Return ``(text, status, reason, encoding)`` for the bytes of a text file.

    status is ``ok``, ``empty``, ``binary`` or ``undecodable``; reason says why, in words.
    """
    if not data.strip():
        return None, "empty", "the file has no characters" if not data else "the file holds only blanks", ""
    encoding, why = _encoding(data)
    if encoding == "utf-8" and b"\0" in data:
        at = data.index(b"\0")
        return None, "binary", f"NUL byte at offset {at:,}: a binary file, not text", ""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        found = f" ({why})" if why else ""
        reason = f"not valid {encoding.upper()}{found} at byte {exc.start} ({exc.reason}); convert it to UTF-8"
        return None, "undecodable", reason, ""
    if encoding != "utf-8" and "\0" in text:
        return None, "binary", f"NUL character at offset {text.index(chr(0)):,} of the {encoding} text", ""
    if not text.strip():
        return None, "empty", f"the file holds only blanks ({encoding})", ""
    controls = len(CONTROL.findall(text, 0, SAMPLE))
    if controls > 0.05 * min(len(text), SAMPLE):
        return None, "binary", f"{controls} control characters in the first 8 KiB: not text", ""
    return text, "ok", "", encoding


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str) -> tuple[str, float]:
    """The language of ``text`` (ISO 639-1 code) and the classifier's probability, from its first 100,000
    characters.

    >>> language("Police said 14 protesters were detained in Aktau on Wednesday.")[0]
    'en'
    """
    code, probability = _identifier().classify(text[:LANGUAGE_SAMPLE])
    return str(code), float(probability)
