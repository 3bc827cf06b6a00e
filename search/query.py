"""The typed query object every caller builds: directory pages, the API, the widget.

A `DirectoryQuery` is validated when it is made, so a backend never sees a half-valid query and
callers get every problem at once, per field, in Dutch (`QueryError.errors`), which the API turns
into problem+json naming each invalid field and the listing page shows next to its filters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from . import geo

MAX_TEXT_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
DEFAULT_RADIUS_KM = 10.0
MAX_RADIUS_KM = 250.0
MAX_VALUES_PER_FILTER = 50
MAX_PAGE = 1000

# Query field -> facet name in the indexed documents. Multi-valued filters match a document
# that has ANY of the chosen values; different filters must ALL match.
FACET_FIELDS: dict[str, str] = {
    "phases": "phase",
    "municipality": "municipality",
    "organisation_types": "organisation_type",
    "languages": "language",
    "themes": "theme",
}
# The boolean filter that is also reported as a facet (how many members under the other filters).
MEMBERS_FACET = "members_only"


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    NAME = "name"


class QueryError(ValueError):
    """A query that cannot be run; `errors` maps each invalid field to its Dutch messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}
        summary = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in self.errors.items())
        super().__init__(summary)


def _clean_values(raw: Iterable[str] | str | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = raw.split(",")
    seen: list[str] = []
    for value in raw:
        value = str(value).strip()
        if value and value not in seen:
            seen.append(value)
    return tuple(seen)


@dataclass(frozen=True)
class DirectoryQuery:
    """What a visitor asks the directory. Build it with keywords or `from_params`.

    `near_postcode` ("1234" or "1234 AB") and `near_point` ((latitude, longitude)) are
    alternatives; `radius_km` applies to either. `sort` defaults to relevance when there is text,
    distance when there is a place, and name otherwise.
    """

    text: str = ""
    phases: tuple[str, ...] = ()
    municipality: str | None = None
    near_postcode: str | None = None
    near_point: tuple[float, float] | None = None
    radius_km: float | None = None
    organisation_types: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    members_only: bool = False
    sort: Sort | None = None
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Resolved centre of the "near" filter, filled by validation.
    point: tuple[float, float] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        errors: dict[str, list[str]] = {}

        def error(name, message):
            errors.setdefault(name, []).append(message)

        text = " ".join((self.text or "").split())
        if len(text) > MAX_TEXT_LENGTH:
            error("text", _("Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TEXT_LENGTH})
        object.__setattr__(self, "text", text)

        for name in ("phases", "organisation_types", "languages", "themes"):
            values = _clean_values(getattr(self, name))
            if len(values) > MAX_VALUES_PER_FILTER:
                error(name, _("Kies hoogstens %(n)d waarden.") % {"n": MAX_VALUES_PER_FILTER})
            if any(len(v) > 100 for v in values):
                error(name, _("Een waarde is te lang."))
            object.__setattr__(self, name, values)

        municipality = (self.municipality or "").strip() or None
        if municipality and len(municipality) > 100:
            error("municipality", _("Deze gemeente bestaat niet."))
        object.__setattr__(self, "municipality", municipality)

        self._validate_near(error)
        self._validate_sort(error)

        for name, low, high in (("page", 1, MAX_PAGE), ("page_size", 1, MAX_PAGE_SIZE)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                error(name, _("Geef een geheel getal."))
            elif not low <= value <= high:
                error(name, _("Kies een getal van %(low)d tot en met %(high)d.") % locals())

        if not isinstance(self.members_only, bool):
            error("members_only", _("Geef waar of onwaar."))

        if errors:
            raise QueryError(errors)

    def _validate_near(self, error):
        postcode = (self.near_postcode or "").strip() or None
        point = self.near_point
        if postcode and point is not None:
            error("near_postcode", _("Kies een postcode of een punt, niet allebei."))
            return
        resolved = None
        if postcode:
            normalised = geo.normalise_postcode(postcode)
            if normalised is None:
                error("near_postcode", _("Geef een postcode als 1234 of 1234 AB."))
            else:
                resolved = geo.postcode_centre(normalised)
                if resolved is None:
                    error("near_postcode", _("Deze postcode kennen we niet."))
                postcode = normalised
        elif point is not None:
            try:
                lat, lon = (float(point[0]), float(point[1]))
            except (TypeError, ValueError, IndexError):
                error("near_point", _("Geef een punt als breedtegraad,lengtegraad."))
            else:
                if not (math.isfinite(lat) and math.isfinite(lon)):
                    error("near_point", _("Geef een punt als breedtegraad,lengtegraad."))
                elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    error("near_point", _("Dit punt ligt niet op aarde."))
                else:
                    resolved = point = (lat, lon)
        object.__setattr__(self, "near_postcode", postcode)
        object.__setattr__(self, "near_point", point)

        radius = self.radius_km
        if radius is not None:
            try:
                radius = float(radius)
            except (TypeError, ValueError):
                error("radius_km", _("Geef de straal in kilometers."))
                radius = None
            else:
                if not (math.isfinite(radius) and 0 < radius <= MAX_RADIUS_KM):
                    error(
                        "radius_km",
                        _("Kies een straal groter dan 0 en hoogstens %(n)d km.")
                        % {"n": MAX_RADIUS_KM},
                    )
            if radius is not None and not (postcode or point is not None):
                error("radius_km", _("Een straal werkt alleen met een postcode of punt."))
        elif postcode or point is not None:
            radius = DEFAULT_RADIUS_KM
        object.__setattr__(self, "radius_km", radius)
        object.__setattr__(self, "point", resolved)

    def _validate_sort(self, error):
        sort = self.sort
        if sort is None or sort == "":
            if self.text:
                sort = Sort.RELEVANCE
            elif self.has_near:
                sort = Sort.DISTANCE
            else:
                sort = Sort.NAME
        else:
            try:
                sort = Sort(sort)
            except ValueError:
                error("sort", _("Sorteer op relevantie, afstand of naam."))
                return
        if sort == Sort.DISTANCE and not self.has_near:
            error("sort", _("Sorteren op afstand kan alleen met een postcode of punt."))
        object.__setattr__(self, "sort", sort)

    @property
    def has_near(self) -> bool:
        return bool(self.near_postcode) or self.near_point is not None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def facet_filters(self) -> dict[str, tuple[str, ...]]:
        """Active facet filters as {facet name in the documents: chosen values}."""
        active = {}
        for attr, facet in FACET_FIELDS.items():
            value = getattr(self, attr)
            values = (value,) if isinstance(value, str) else value
            if values:
                active[facet] = values
        return active

    @classmethod
    def from_params(cls, params: Mapping, **overrides) -> DirectoryQuery:
        """Build a query from request parameters (a QueryDict or plain mapping of strings).

        Lists come as repeated parameters or comma-separated values; `near` is a postcode or
        "latitude,longitude"; `q` is accepted for `text`. Errors name the parameter.
        """
        errors: dict[str, list[str]] = {}

        def get_list(name):
            if hasattr(params, "getlist"):
                items = params.getlist(name)
            else:
                value = params.get(name)
                items = value if isinstance(value, list | tuple) else [value]
            return _clean_values(",".join(str(i) for i in items if i is not None))

        def get_int(name, default):
            raw = params.get(name)
            if raw in (None, ""):
                return default
            try:
                return int(raw)
            except (TypeError, ValueError):
                errors.setdefault(name, []).append(str(_("Geef een geheel getal.")))
                return default

        kwargs: dict = {
            "text": params.get("text") or params.get("q") or "",
            "phases": get_list("phases"),
            "municipality": params.get("municipality") or None,
            "organisation_types": get_list("organisation_types"),
            "languages": get_list("languages"),
            "themes": get_list("themes"),
            "sort": params.get("sort") or None,
            "page": get_int("page", 1),
            "page_size": get_int("page_size", DEFAULT_PAGE_SIZE),
            "radius_km": params.get("radius_km") or None,
        }
        members = str(params.get("members_only") or "").strip().lower()
        if members in ("1", "true", "ja", "on", "yes"):
            kwargs["members_only"] = True
        elif members not in ("", "0", "false", "nee", "off", "no"):
            errors.setdefault("members_only", []).append(str(_("Geef waar of onwaar.")))
        near = (params.get("near") or params.get("near_postcode") or "").strip()
        if near and "," in near:
            try:
                lat, lon = (float(part) for part in near.split(",", 1))
            except ValueError:
                errors.setdefault("near", []).append(
                    str(_("Geef een postcode of breedtegraad,lengtegraad."))
                )
            else:
                kwargs["near_point"] = (lat, lon)
        elif near:
            kwargs["near_postcode"] = near
        kwargs.update(overrides)
        try:
            query = cls(**kwargs)
        except QueryError as exc:
            renamed: dict[str, list[str]] = {}
            for name, messages in exc.errors.items():
                name = "near" if name in ("near_postcode", "near_point") else name
                renamed.setdefault(name, []).extend(messages)
            for name, messages in errors.items():
                renamed.setdefault(name, []).extend(messages)
            raise QueryError(renamed) from None
        if errors:
            raise QueryError(errors)
        return query

    def replace(self, **changes) -> DirectoryQuery:
        """A copy with some fields changed, validated again (e.g. the next page)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "point"}
        values.update(changes)
        return type(self)(**values)
