"""Vocabulary lookups an importer needs, loaded once per import (not one query per row)."""

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AreaPoint:
    latitude: float
    longitude: float
    place: str
    municipality_id: int | None


class Lookups:
    """Maps the values people write in a file to database ids, case-insensitively."""

    @functools.cached_property
    def organisation_types(self) -> dict[str, int]:
        from directory.models import OrganisationType

        result = {}
        for pk, name, slug in OrganisationType.objects.values_list("pk", "name", "slug"):
            result[name.strip().lower()] = pk
            result[slug.lower()] = pk
        return result

    @functools.cached_property
    def municipalities(self) -> dict[str, list[int]]:
        from directory.models import Municipality

        result: dict[str, list[int]] = {}
        for pk, name, slug in Municipality.objects.values_list("pk", "name", "slug"):
            result.setdefault(name.strip().lower(), []).append(pk)
            result.setdefault(slug.lower(), []).append(pk)
        return result

    @functools.cached_property
    def languages(self) -> dict[str, int]:
        from directory.models import Language

        result = {}
        for pk, code, name in Language.objects.values_list("pk", "code", "name"):
            result[code.lower()] = pk
            result[name.strip().lower()] = pk
        return result

    @functools.cached_property
    def phase_tags(self) -> dict[str, int]:
        """Phase slug -> tag id, for phases organisations may choose (not retired)."""
        from directory.models import PhaseTag

        return dict(
            PhaseTag.objects.filter(phase__is_retired=False).values_list("phase__slug", "pk")
        )

    @functools.cached_property
    def phase_tags_by_uuid(self) -> dict[str, int]:
        from directory.models import PhaseTag

        return {
            str(u): pk
            for u, pk in PhaseTag.objects.filter(phase__is_retired=False).values_list(
                "phase__uuid", "pk"
            )
        }

    @functools.cached_property
    def areas(self) -> dict[str, AreaPoint]:
        from directory.models import PostcodeArea

        return {
            pc4: AreaPoint(lat, lon, place, mun)
            for pc4, lat, lon, place, mun in PostcodeArea.objects.values_list(
                "pc4", "latitude", "longitude", "place", "municipality_id"
            ).iterator()
        }

    @functools.cached_property
    def existing_kvk(self) -> set[str]:
        from directory.models import Organisation

        return set(Organisation.objects.exclude(kvk_number="").values_list("kvk_number", flat=True))

    @functools.cached_property
    def existing_name_postcode(self) -> set[tuple[str, str]]:
        from directory.models import Location

        return {
            (name.strip().lower(), postcode.replace(" ", "").upper())
            for name, postcode in Location.objects.values_list(
                "organisation__name", "postcode"
            ).iterator()
        }

    @functools.cached_property
    def existing_uuids(self) -> set[str]:
        from directory.models import Organisation

        return {str(u) for u in Organisation.objects.values_list("uuid", flat=True).iterator()}
