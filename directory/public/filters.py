"""The directory's filters: Dutch query-string names -> the typed search query's arguments.

The listing works as a plain GET form (no JavaScript needed): every filter is a real form
control with a label, and the URL describes the search (``/partners/?fase=brede-intake``), so a
journey phase page links to its organisations with one URL. Plugin facets
(``directory_search_facets``) add their own parameters through ``to_query``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from directory.plugins.manager import facets as plugin_facets

PAGE_SIZES = (10, 20, 50, 100)
SORTS = {"relevantie": "relevance", "afstand": "distance", "naam": "name"}
MAX_VALUES = 50


@dataclass
class Choice:
    value: str
    label: str
    selected: bool
    count: int | None = None


def _list(params, name) -> tuple[str, ...]:
    values = []
    for raw in params.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return tuple(dict.fromkeys(values))[:MAX_VALUES]


def _int(params, name, default, allowed=None) -> int:
    try:
        value = int(params.get(name, default))
    except (TypeError, ValueError):
        return default
    if allowed is not None and value not in allowed:
        return default
    return max(1, min(value, 1000))


def query_params(params) -> dict:
    """Keyword arguments for ``DirectoryQuery`` from the request's GET parameters."""
    kwargs = {
        "text": params.get("q", "")[:200],
        "phases": _list(params, "fase"),
        "municipality": params.get("gemeente") or None,
        "organisation_types": _list(params, "type"),
        "themes": _list(params, "thema"),
        "members_only": params.get("leden") in ("1", "ja", "on"),
        "page": _int(params, "pagina", 1),
        "page_size": _int(params, "per_pagina", 20, PAGE_SIZES),
    }
    postcode = params.get("postcode", "").strip()
    if postcode:
        kwargs["near_postcode"] = postcode[:7]
        radius = params.get("straal", "").strip()
        if radius:
            try:
                kwargs["radius_km"] = float(radius.replace(",", "."))
            except ValueError:
                kwargs["radius_km"] = -1.0  # rejected by the query's validation, shown by field
    sort = SORTS.get(params.get("sorteer", ""))
    if sort:
        kwargs["sort"] = sort
    for facet in plugin_facets():
        values = _list(params, facet.param)
        if values and facet.to_query:
            facet.to_query(kwargs, list(values))
    return kwargs


# Query field -> the Dutch parameter the form uses (to show errors next to the right control).
FIELD_PARAMS = {
    "text": "q",
    "phases": "fase",
    "municipality": "gemeente",
    "near_postcode": "postcode",
    "radius_km": "straal",
    "organisation_types": "type",
    "languages": "taal",
    "themes": "thema",
    "sort": "sorteer",
    "page": "pagina",
    "page_size": "per_pagina",
}

RADIUS_CHOICES = [("5", _("5 km")), ("10", _("10 km")), ("25", _("25 km")), ("50", _("50 km"))]
