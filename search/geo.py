"""Distances and the offline postcode lookup behind "near postcode".

The postcode areas come from `settings.SHARED_DIR/geo/nl-pc4.csv` (4-digit areas with a centre
point), read once per process. Distances are great-circle distances on a sphere of the Earth's
mean radius: exact enough to filter "within 10 km" and the same formula the SQL uses.
"""

from __future__ import annotations

import csv
import math
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

EARTH_RADIUS_KM = 6371.0088
_POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")


def normalise_postcode(value: str) -> str | None:
    """ "1234 AB", "1234ab" and "1234" -> "1234"; anything else -> None."""
    match = _POSTCODE_RE.match(value or "")
    return match.group(1) if match else None


def postcode_file() -> Path:
    return Path(settings.SHARED_DIR) / "geo" / "nl-pc4.csv"


@lru_cache(maxsize=4)
def _postcode_centres(path: Path) -> dict[str, tuple[float, float]]:
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["pc4"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        }


def postcode_centre(pc4: str) -> tuple[float, float] | None:
    """The centre point of a 4-digit postcode area, or None when it is unknown."""
    return _postcode_centres(postcode_file()).get(pc4)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle: an index can
    narrow the candidates with it before the exact distance is computed."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = math.cos(math.radians(lat))
    dlon = 180.0 if cos_lat < 1e-6 else min(180.0, dlat / cos_lat)
    return (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
