"""Dutch text analysis shared by every backend: folding, tokenising, stemming, query terms.

Why here and not in each backend: the database backends must agree with each other (and as far
as possible with Elasticsearch) on what a word is, so that the contract suite can expect the same
ids from all of them. Folding and stopword removal happen in Python for every backend; stemming
happens in Python (PyStemmer, Snowball `dutch_porter`) for SQLite, whose FTS5 has no Dutch
stemmer, and inside PostgreSQL (`dutch` configuration, the same Snowball algorithm) for PG.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

# PostgreSQL 15's `dutch` text search configuration uses the original Snowball Dutch stemmer,
# which Snowball 3 ships as `dutch_porter`. Using the same algorithm keeps SQLite and PG equal.
STEMMER_ALGORITHM = "dutch_porter"

_TOKEN_RE = re.compile(r"[a-z0-9]+")

# Common Dutch function words that carry no meaning in a directory search. Removed from
# documents and queries on every backend (PostgreSQL's own `dutch` stop list is larger; a query
# word it drops is dropped on both sides there, so results stay consistent per backend).
STOPWORDS = frozenset(
    {
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "des",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hij",
        "hoe",
        "in",
        "is",
        "je",
        "met",
        "na",
        "naar",
        "niet",
        "nog",
        "of",
        "om",
        "on",
        "onder",
        "op",
        "over",
        "te",
        "ten",
        "ter",
        "tot",
        "uit",
        "van",
        "voor",
        "wat",
        "we",
        "wie",
        "wij",
        "ze",
        "zij",
        "zijn",
        "zo",
    }
)

# Autocomplete matches a prefix of a name word only once the prefix is this long.
MIN_PREFIX_LENGTH = 2


_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Taalcafé" and "taalcafe" are the same word.

    Hot path of indexing: ASCII text skips normalisation; otherwise NFKD splits letters from
    their accents (and "ĳ" into "ij") and one regex drops the combining marks.
    """
    text = text or ""
    if text.isascii():
        return text.lower()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()


def tokenize(text: str) -> list[str]:
    """Folded words of a text, in order (stopwords kept: phrases need positions)."""
    return _TOKEN_RE.findall(fold(text))


def split_folded(folded: str) -> list[str]:
    """Words of a text `fold()` has already folded (`tokenize` without folding twice)."""
    return _TOKEN_RE.findall(folded)


def words(text: str) -> list[str]:
    """Folded words without stopwords: what gets indexed and searched."""
    return [w for w in tokenize(text) if w not in STOPWORDS]


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(STEMMER_ALGORITHM)
    stemmer.maxCacheSize = 50_000
    return stemmer


def stem(word: str) -> str:
    """Snowball Dutch stem of one folded word."""
    return _stemmer().stemWord(word)


def stem_words(items: list[str]) -> list[str]:
    """Snowball Dutch stems of folded words (batched: PyStemmer is C, this is the hot path)."""
    return _stemmer().stemWords(items)


def stemmed_text(text: str) -> str:
    """The shadow text SQLite's FTS5 indexes: folded, stopwords removed, stemmed."""
    return " ".join(stem_words(words(text)))


def sort_key(name: str) -> str:
    """The key names sort by: folded, so "Émancipatie" sorts with the E's."""
    return " ".join(tokenize(name))[:255]


@dataclass(frozen=True)
class TermGroup:
    """One query word with the alternatives that may match it (itself and its synonyms).

    Each alternative is a tuple of folded words (a multi-word synonym is a phrase). `prefix` is
    set for the last word the visitor typed, so "taalc" already finds "Taalcafé" (autocomplete
    on names).
    """

    alternatives: tuple[tuple[str, ...], ...]
    prefix: str | None = None


@dataclass(frozen=True)
class TextQuery:
    """The analysed free text of a search: every group must match (AND), any alternative in a
    group may (OR)."""

    groups: tuple[TermGroup, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def words(self) -> list[str]:
        """The visitor's own words (first alternative of each group), for suggestions."""
        return [" ".join(group.alternatives[0]) for group in self.groups]


def analyse_query(text: str, synonyms: dict[str, tuple[tuple[str, ...], ...]] | None = None):
    """Turn the visitor's text into term groups, expanding synonyms.

    `synonyms` maps a folded word to all phrases of its synonym group (see search.synonyms).
    The last word is also matched as a name prefix unless the text ends with a space (the visitor
    finished typing it).
    """
    synonyms = synonyms or {}
    tokens = words(text)
    groups = []
    for position, token in enumerate(tokens):
        alternatives = [(token,)]
        for phrase in synonyms.get(token) or synonyms.get(stem(token), ()):
            if phrase not in alternatives:
                alternatives.append(phrase)
        is_last = position == len(tokens) - 1
        prefix = (
            token
            if is_last and len(token) >= MIN_PREFIX_LENGTH and not text.endswith(" ")
            else None
        )
        groups.append(TermGroup(alternatives=tuple(alternatives), prefix=prefix))
    return TextQuery(groups=tuple(groups))
