"""CSV export: one row per organisation, in the import's columns (plus uuid and slug).

A flat summary for spreadsheets: the first location and the first service of each
organisation. HSDS JSON is the lossless exchange format. Rows are written in chunks of the
queryset with their relations prefetched per chunk, so memory and the number of queries stay
bounded whatever the size.
"""

import csv
import io

from directory.importers.csv_import import COLUMNS

EXPORT_COLUMNS = ["uuid", "slug", *COLUMNS]
CHUNK = 500


def _row(org) -> list[str]:
    locations = list(org.locations.all())
    services = list(org.services.all())
    loc = locations[0] if locations else None
    svc = services[0] if services else None
    return [
        str(org.uuid),
        org.slug,
        org.name,
        org.organisation_type.name if org.organisation_type else "",
        org.kvk_number,
        org.description,
        org.website,
        org.email,
        org.phone,
        "ja" if org.is_member else "nee",
        loc.address if loc else "",
        loc.postcode if loc else "",
        loc.place if loc else "",
        loc.municipality.name if loc and loc.municipality else "",
        ";".join(m.name for m in org.municipalities.all()),
        ";".join(lang.code for lang in org.languages.all()),
        svc.name if svc else "",
        svc.description if svc else "",
        svc.audience if svc else "",
        svc.cost if svc else "",
        svc.how_to_apply if svc else "",
        ";".join(item.tag.phase.slug for item in svc.phase_items.all()) if svc else "",
        ";".join(item.tag.name for item in svc.theme_items.all()) if svc else "",
    ]


_PHONE_CHARS = set("0123456789 +-()")


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix cells that start like a formula.

    Phone numbers such as ``+31 20 123 4567`` are left alone.
    """
    if not value:
        return value
    if value[0] in "=@\t\r" or (value[0] in "+-" and not set(value) <= _PHONE_CHARS):
        return "'" + value
    return value


def export_csv(organisations):
    """Yield the CSV text in chunks (header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    queryset = (
        organisations.select_related("organisation_type")
        .prefetch_related(
            "locations__municipality",
            "services__phase_items__tag__phase",
            "services__theme_items__tag",
            "municipalities",
            "languages",
        )
        .order_by("name", "pk")
    )
    for count, org in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        writer.writerow([_safe(v) for v in _row(org)])
        if count % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
