"""Finding services by the words citizens use.

Indonesian builds words with affixes (hilang, kehilangan; lahir, kelahiran), so
both the index and the query are reduced to stems with the Snowball Indonesian
stemmer; a small table maps everyday spellings and abbreviations to the words
the catalogue uses (akte -> akta, e-ktp -> ktp). Matching is on whole stems or
their beginnings, which works the same on SQLite and PostgreSQL without a
full-text extension; the catalogue of one site is small (hundreds of services),
so ranking the few candidates in Python costs nothing.
"""

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer

# Everyday or misspelt forms -> the catalogue's word. Keys are lower case.
SYNONYMS = {
    "akte": "akta",
    "ektp": "ktp",
    "e-ktp": "ktp",
    "ktpel": "ktp",
    "ktp-el": "ktp",
    "bikin": "buat",
    "kawin": "nikah",
    "perkawinan": "nikah",
    "pernikahan": "nikah",
    "motor": "kendaraan",
    "mobil": "kendaraan",
    "ilang": "hilang",
    "pasport": "paspor",
    "passport": "paspor",
}

# Words that say nothing about which service is meant.
STOPWORDS = frozenset(
    {
        "di",
        "ke",
        "dari",
        "dan",
        "atau",
        "yang",
        "untuk",
        "dengan",
        "cara",
        "syarat",
        "persyaratan",
        "bagaimana",
        "apa",
        "saya",
        "aku",
        "mau",
        "ingin",
        "bisa",
        "gimana",
        "mengurus",
        "urus",
        "ngurus",
        "tolong",
        "the",
        "a",
        "an",
        "of",
        "for",
        "how",
        "to",
        "my",
        "i",
    }
)

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_local = threading.local()


def _stem(word: str) -> str:
    # Snowball stemmers keep state while they work, so each thread has its own.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("indonesian")
    return stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The meaningful words of ``text``: folded, mapped to the catalogue's words, no repeats."""
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    result: list[str] = []
    for raw in _TOKEN.findall(folded):
        parts = [SYNONYMS[raw]] if raw in SYNONYMS else [SYNONYMS.get(part, part) for part in raw.split("-")]
        for word in parts:
            if len(word) >= 2 and word not in STOPWORDS and word not in result:
                result.append(word)
    return result


def tokens(text: str) -> list[str]:
    """Stems of the meaningful words of ``text``, in order, without repeats."""
    result: list[str] = []
    for word in words(text):
        stem = _stem(word)
        if stem not in result:
            result.append(stem)
    return result


@dataclass(frozen=True)
class Term:
    """One word of a query: it matches a service by its stem or, while typing, as a prefix."""

    word: str
    stem: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.stem,) if self.stem == self.word else (self.stem, self.word)


def query_terms(text: str) -> list[Term]:
    return [Term(word=word, stem=_stem(word)) for word in words(text)]


def index_text(*parts: str) -> str:
    """The stored search column: stems and whole words, delimited by spaces on both ends.

    Whole words are kept beside the stems so that a word typed halfway ("kelu")
    still finds "keluarga", whose stem is shorter.
    """
    seen: list[str] = []
    for part in parts:
        for word in words(part):
            for form in (_stem(word), word):
                if form not in seen:
                    seen.append(form)
    return f" {' '.join(seen)} " if seen else ""


@functools.lru_cache(maxsize=8192)
def _forms(text: str) -> tuple[str, ...]:
    # Names and search words repeat across queries; stemming them once is enough.
    return tuple(index_text(text).split())


def score(terms: list[Term], *, name: str, keywords: str, rest: str) -> int:
    """Rank a candidate: a term in the name counts most, then the search words."""
    fields = ((3, _forms(name)), (2, _forms(keywords)), (1, rest.split()))
    total = 0
    for term in terms:
        best = 0
        for weight, forms in fields:
            if any(form in term.forms for form in forms):
                best = max(best, weight * 2)
            elif any(form.startswith(candidate) for form in forms for candidate in term.forms):
                best = max(best, weight)
        total += best
    return total
