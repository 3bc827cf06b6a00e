"""Postcode → coordinates, place and municipality.

One small interface (`Geocoder.locate`) with two implementations:

- `PostcodeAreaGeocoder` (default): offline, from the `PostcodeArea` table loaded from
  `nl-pc4.csv`; the centre of the 4-digit area, good enough for "near postcode" searches.
- `PdokGeocoder`: PDOK's Locatieserver for the full 6-position postcode, cached, falling back to
  the offline table when PDOK is unreachable. Opt-in through `DIRECTORY_GEOCODER = "pdok"`;
  tests and the default run never call it.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from .validators import normalise_postcode, pc4_of

logger = logging.getLogger(__name__)

PDOK_DEFAULT_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
_POINT_RE = re.compile(r"POINT\(\s*([-\d.]+)\s+([-\d.]+)\s*\)")


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float
    place: str = ""
    municipality_id: int | None = None


class Geocoder:
    """Interface: `locate(postcode)` returns a GeoPoint or None when the postcode is unknown."""

    def locate(self, postcode: str) -> GeoPoint | None:
        raise NotImplementedError


class PostcodeAreaGeocoder(Geocoder):
    """Offline geocoding from the centre points of the 4-digit postcode areas."""

    def locate(self, postcode: str) -> GeoPoint | None:
        from .models import PostcodeArea

        pc4 = pc4_of(postcode)
        if not pc4:
            return None
        area = PostcodeArea.objects.filter(pc4=pc4).first()
        if area is None:
            return None
        return GeoPoint(area.latitude, area.longitude, area.place, area.municipality_id)


class PdokGeocoder(Geocoder):
    """PDOK Locatieserver (free search on the postcode), cached; falls back to the offline table."""

    cache_seconds = 60 * 60 * 24 * 30
    timeout = 3

    def __init__(self, url: str | None = None, fetch=None, fallback: Geocoder | None = None):
        self.url = url or getattr(settings, "DIRECTORY_PDOK_URL", PDOK_DEFAULT_URL)
        self.fetch = fetch or self._fetch
        self.fallback = fallback or PostcodeAreaGeocoder()

    def _fetch(self, url: str) -> dict:
        with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310
            return json.load(response)

    def query_url(self, postcode: str) -> str:
        params = {"q": postcode.replace(" ", ""), "fq": "type:postcode", "rows": "1"}
        return f"{self.url}?{urllib.parse.urlencode(params)}"

    def locate(self, postcode: str) -> GeoPoint | None:
        postcode = normalise_postcode(postcode)
        if not pc4_of(postcode):
            return None
        key = f"directory:pdok:{postcode.replace(' ', '')}"
        cached = cache.get(key)
        if cached is not None:
            return GeoPoint(**cached) if cached else None
        try:
            point = self.parse(self.fetch(self.query_url(postcode)))
        except (OSError, ValueError) as exc:
            logger.warning("PDOK Locatieserver unreachable (%s); using postcode areas", exc)
            return self.fallback.locate(postcode)
        cache.set(key, point.__dict__ if point else {}, self.cache_seconds)
        return point or self.fallback.locate(postcode)

    def parse(self, payload: dict) -> GeoPoint | None:
        from .models import Municipality

        docs = (payload.get("response") or {}).get("docs") or []
        if not docs:
            return None
        doc = docs[0]
        match = _POINT_RE.search(doc.get("centroide_ll", ""))
        if not match:
            return None
        longitude, latitude = float(match.group(1)), float(match.group(2))
        municipality = (
            Municipality.objects.by_name(
                doc.get("gemeentenaam", ""), doc.get("provincienaam", "")
            ).first()
            if doc.get("gemeentenaam")
            else None
        )
        return GeoPoint(
            latitude,
            longitude,
            doc.get("woonplaatsnaam", ""),
            municipality.pk if municipality else None,
        )


GEOCODERS = {
    "postcode_area": "directory.geocoding.PostcodeAreaGeocoder",
    "pdok": "directory.geocoding.PdokGeocoder",
}


def get_geocoder() -> Geocoder:
    """The configured geocoder (`DIRECTORY_GEOCODER`: "postcode_area", "pdok" or a dotted path)."""
    name = getattr(settings, "DIRECTORY_GEOCODER", "postcode_area") or "postcode_area"
    return import_string(GEOCODERS.get(name, name))()
