"""py3langid's language guesses kept beside the parse cache, so an unchanged text is not classified again.

Reading a corpus guesses each text's language (:func:`helpers.corpus.decoding.language`); at a
thousand documents that is most of the seconds the reading takes, paid again whenever one document
is added. :class:`LanguageGuesses` answers for a text it has seen, by the sha256 of the sample the
classifier reads, and asks py3langid for the others. Its file, ``CACHE/languages/<key>.pkl``, is
keyed by py3langid's version and the code of ``corpus/decoding.py`` (a new classifier or sample size
starts an empty file), written with its size and sha256 like a parse cache entry; a damaged file is
named, deleted and every text is classified again.
"""

from __future__ import annotations

import hashlib
import pickle
from importlib import metadata
from pathlib import Path

from helpers.corpus import decoding
from helpers.parse.cache import read_checked, write_checked

FOLDER = "languages"


def guesses_path(cache_root: str | Path) -> Path:
    """The file of the guesses for this py3langid version and this ``decoding.py``."""
    try:
        version = metadata.version("py3langid")
    except metadata.PackageNotFoundError:
        version = "none"
    code = hashlib.sha256(Path(decoding.__file__).read_bytes()).hexdigest()
    name = hashlib.sha256(f"{version}\0{code}".encode()).hexdigest()[:24]
    return Path(cache_root) / FOLDER / f"{name}.pkl"


class LanguageGuesses:
    """A callable like :func:`helpers.corpus.decoding.language`, answering known texts from its file.

    >>> guesses = LanguageGuesses(tmp_path)                                  # doctest: +SKIP
    >>> guesses("Police said 14 protesters were detained in Aktau.")[0]      # doctest: +SKIP
    'en'
    >>> guesses.save()                                                       # doctest: +SKIP
    """

    def __init__(self, cache_root: str | Path):
        self.path = guesses_path(cache_root)
        body, problem = read_checked(self.path)
        if problem:
            print(f"[parse] bad language cache {self.path}: {problem}; deleted, every text is classified again",
                  flush=True)
            self.path.unlink(missing_ok=True)
        self.known: dict[str, tuple[str, float]] = pickle.loads(body) if body else {}
        self.added = 0

    def __call__(self, text: str) -> tuple[str, float]:
        key = hashlib.sha256(text[:decoding.LANGUAGE_SAMPLE].encode("utf-8", "surrogatepass")).hexdigest()
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = decoding.language(text)
            self.added += 1
        return found

    def save(self) -> None:
        """Write the file if this call classified any new text."""
        if self.added:
            write_checked(self.path, pickle.dumps(self.known, protocol=pickle.HIGHEST_PROTOCOL))
            self.added = 0
