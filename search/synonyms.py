"""The editors' synonym groups as a lookup table, cached until a group changes."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from . import text

CACHE_KEY = "kksearch:synonyms:v1"
CACHE_SECONDS = 3600


def synonym_map() -> dict[str, tuple[tuple[str, ...], ...]]:
    """{folded word: every phrase of its group(s)}.

    For example "vwn" -> (("vwn",), ("vluchtelingenwerk",)). Single-word members and their
    stems are keys (a query word is looked up as a whole); multi-word members are only expanded
    into. One query when the cache is cold, none otherwise.
    """
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    from .models import Synonym

    mapping: dict[str, list[tuple[str, ...]]] = {}
    for synonym in Synonym.objects.all():
        phrases = synonym.phrases()
        for phrase in phrases:
            if len(phrase) == 1:
                # Keyed by the word and by its stem, so a plural finds the group too.
                for key in {phrase[0], text.stem(phrase[0])}:
                    group = mapping.setdefault(key, [])
                    group.extend(p for p in phrases if p not in group)
    frozen = {word: tuple(phrases) for word, phrases in mapping.items()}
    cache.set(CACHE_KEY, frozen, CACHE_SECONDS)
    return frozen


def all_groups() -> list[list[str]]:
    """Every group as a list of phrases (for Elasticsearch's synonym set)."""
    from .models import Synonym

    return [[" ".join(p) for p in s.phrases()] for s in Synonym.objects.all() if s.phrases()]


def _invalidate(sender, **kwargs):
    cache.delete(CACHE_KEY)
    from .signals import synonyms_changed

    synonyms_changed.send(sender=sender)


def connect():
    from .models import Synonym

    post_save.connect(_invalidate, sender=Synonym, dispatch_uid="kksearch-synonyms-save")
    post_delete.connect(_invalidate, sender=Synonym, dispatch_uid="kksearch-synonyms-delete")
