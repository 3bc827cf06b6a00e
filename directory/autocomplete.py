"""Organisation names for what a visitor is typing: the search interface's autocomplete, read
back through the live organisations.

One function for the public directory page (its search field's suggestion list) and the API
(`GET /api/v1/autocomplete/organisations`), so both propose the same names in the same order.
The search index only ever holds approved versions; hydrating through
`Organisation.objects.listed()` also drops an organisation unpublished a moment ago whose index
update is still queued.
"""

from dataclasses import dataclass
from uuid import UUID

from django.urls import reverse

from search import get_backend
from search.text import MIN_PREFIX_LENGTH

from .models import Organisation

MAX_LENGTH = 100
DEFAULT_LIMIT = 8
MAX_LIMIT = 20


@dataclass(frozen=True)
class NameSuggestion:
    uuid: UUID
    slug: str
    name: str

    @property
    def url(self) -> str:
        return reverse("directory_public:organisation", kwargs={"slug": self.slug})


def suggest_names(text: str, limit: int = DEFAULT_LIMIT) -> list[NameSuggestion]:
    """Up to `limit` live organisations whose name matches `text` (every word, the last one
    also as the start of a name word), in the search's relevance order. Nothing for a text
    whose last word is shorter than MIN_PREFIX_LENGTH."""
    raw = text or ""
    # Whitespace folded, but a trailing space kept: it says the last word is finished.
    text = " ".join(raw.split())[:MAX_LENGTH] + (" " if raw[-1:].isspace() else "")
    limit = max(1, min(limit, MAX_LIMIT))
    found = get_backend().autocomplete(text, limit)
    if not found:
        return []
    ids = [object_id for object_id, _name in found]
    rows = (
        Organisation.objects.listed().filter(pk__in=ids).values_list("pk", "uuid", "slug", "name")
    )
    by_id = {pk: NameSuggestion(uuid, slug, name) for pk, uuid, slug, name in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


__all__ = ["DEFAULT_LIMIT", "MAX_LENGTH", "MAX_LIMIT", "MIN_PREFIX_LENGTH", "suggest_names"]
