"""HSDS 3.0 JSON import: a bundle of organizations and services, all or nothing.

Accepted input is what ``export_hsds`` writes: ``{"organizations": [...], "services": [...]}``
(``taxonomies`` and ``taxonomy_terms`` may be present and are only used to resolve phases).
Every object is first validated against the HSDS 3.0 schema (with format checking), then
against the directory's own rules (Dutch postcode, KvK number, known phases, no duplicates).
Errors name the JSON path and field. Nothing is written unless every object is valid; writing
uses the same bulk writer as the CSV import.
"""

import json
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from directory.importers.indexing import index_after_commit
from directory.importers.lookups import Lookups
from directory.importers.records import LocationRecord, OrganisationRecord, ServiceRecord
from directory.importers.report import ImportReport
from directory.importers.writer import BulkWriter
from directory.validators import (
    normalise_kvk,
    normalise_postcode,
    pc4_of,
    validate_kvk_number,
    validate_postcode,
)

from . import schema
from .export import KVK_SCHEME


class HsdsImporter:
    """Validate and (when not a dry run) write an HSDS JSON bundle."""

    format = "hsds"

    def __init__(self, lookups: Lookups | None = None):
        self.lookups = lookups or Lookups()

    def run(self, stream, dry_run: bool = True, user=None) -> ImportReport:
        report = ImportReport(format=self.format, dry_run=dry_run)
        records = self.parse(stream, report)
        if dry_run or not report.ok:
            return report
        with transaction.atomic():
            writer = BulkWriter()
            for record in records:
                writer.add(record)
            writer.flush()
            report.created = writer.written
            report.created_ids = writer.written_ids
            index_after_commit(writer.written_ids)
        return report

    def parse(self, stream, report: ImportReport) -> list[OrganisationRecord]:
        try:
            raw = stream.read()
            data = json.loads(raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw)
        except (UnicodeDecodeError, ValueError) as exc:
            report.error("(bestand)", "-", _("Geen geldige JSON: %(e)s") % {"e": exc})
            return []
        if not isinstance(data, dict) or not isinstance(data.get("organizations"), list):
            report.error(
                "(bestand)",
                "organizations",
                _("Verwacht een object met een lijst 'organizations' (en eventueel 'services')."),
            )
            return []
        services = data.get("services") or []
        if not isinstance(services, list):
            report.error("(bestand)", "services", _("'services' moet een lijst zijn."))
            return []

        records: dict[str, OrganisationRecord] = {}
        location_index: dict[str, tuple[str, int]] = {}
        seen_kvk: dict[str, str] = {}
        for i, org in enumerate(data["organizations"]):
            path = f"organizations[{i}]"
            if self._schema_errors("organization", org, path, report):
                continue
            record = self.organisation(org, path, report, seen_kvk)
            if record is None:
                continue
            if org["id"] in records:
                report.error(path, "id", _("Dubbel id in het bestand."))
                continue
            records[org["id"]] = record
            for j, loc in enumerate(record.locations):
                location_index[str(loc.uuid)] = (org["id"], j)
        for i, svc in enumerate(services):
            path = f"services[{i}]"
            if self._schema_errors("service", svc, path, report):
                continue
            self.service(svc, path, report, records, location_index)
        report.rows = len(records)
        return list(records.values())

    @staticmethod
    def _schema_errors(name, document, path, report) -> bool:
        problems = list(schema.validator(name).iter_errors(document))
        for error in problems:
            where = "/".join(str(p) for p in error.absolute_path) or "-"
            report.error(path, where, error.message)
        return bool(problems)

    def organisation(self, org, path, report, seen_kvk):  # noqa: C901
        lk = self.lookups
        before = len(report.errors)
        if org["id"] in lk.existing_uuids:
            report.error(path, "id", _("Deze organisatie bestaat al in de partnergids."))
        if len(org["name"]) > 200:
            report.error(path, "name", _("Te lang (maximaal 200 tekens)."))
        kvk = ""
        for ident in org.get("organization_identifiers", []):
            if (
                ident.get("identifier_scheme") == KVK_SCHEME
                or "kvk" in ident.get("identifier_type", "").lower()
            ):
                kvk = normalise_kvk(ident.get("identifier", ""))
        if kvk:
            try:
                validate_kvk_number(kvk)
            except ValidationError as exc:
                report.error(path, "organization_identifiers", " ".join(exc.messages))
            if kvk in seen_kvk:
                report.error(
                    path,
                    "organization_identifiers",
                    _("Dubbel KvK-nummer (ook in %(p)s).") % {"p": seen_kvk[kvk]},
                )
            elif kvk in lk.existing_kvk:
                report.error(
                    path,
                    "organization_identifiers",
                    _("Een organisatie met dit KvK-nummer bestaat al."),
                )
            seen_kvk.setdefault(kvk, path)
        phones = org.get("phones") or []
        locations = []
        for j, loc in enumerate(org.get("locations") or []):
            lpath = f"{path}.locations[{j}]"
            addresses = loc.get("addresses") or []
            if not addresses:
                report.error(lpath, "addresses", _("Een locatie heeft een adres nodig."))
                continue
            address = addresses[0]
            postcode = address["postal_code"]
            try:
                validate_postcode(postcode)
            except ValidationError as exc:
                report.error(f"{lpath}.addresses[0]", "postal_code", " ".join(exc.messages))
                continue
            postcode = normalise_postcode(postcode)
            area = lk.areas.get(pc4_of(postcode))
            record = LocationRecord(
                uuid=uuid.UUID(loc["id"]),
                name=loc.get("name", "")[:200],
                address=address["address_1"][:200],
                postcode=postcode,
                place=address.get("city", "") if address.get("city") != "-" else "",
                latitude=loc.get("latitude", area.latitude if area else None),
                longitude=loc.get("longitude", area.longitude if area else None),
                municipality_id=area.municipality_id if area else None,
                accessibility="\n".join(
                    a.get("description", "") for a in loc.get("accessibility") or []
                ),
            )
            if (
                org["name"].strip().lower(),
                postcode.replace(" ", ""),
            ) in lk.existing_name_postcode:
                report.error(
                    lpath, "addresses", _("Een organisatie met deze naam en postcode bestaat al.")
                )
            locations.append(record)
        if len(report.errors) > before:
            return None
        return OrganisationRecord(
            uuid=uuid.UUID(org["id"]),
            name=org["name"],
            description=org.get("description", ""),
            email=org.get("email", ""),
            website=org.get("website", "")[:200],
            phone=(phones[0]["number"] if phones else "")[:40],
            kvk_number=kvk,
            locations=locations,
            municipality_ids=list(
                dict.fromkeys(loc.municipality_id for loc in locations if loc.municipality_id)
            ),
        )

    def service(self, svc, path, report, records, location_index):
        lk = self.lookups
        org_id = svc.get("organization_id") or (svc.get("organization") or {}).get("id")
        if org_id not in records:
            report.error(
                path,
                "organization_id",
                _("Verwijst naar een organisatie die niet in het bestand staat."),
            )
            return
        phases = []
        for attribute in svc.get("attributes") or []:
            term = attribute.get("taxonomy_term_id") or (attribute.get("taxonomy_term") or {}).get(
                "id"
            )
            tag = lk.phase_tags_by_uuid.get(term or "")
            if tag is None:
                report.error(
                    path, "attributes", _("Onbekende fase (taxonomy term %(t)s).") % {"t": term}
                )
                continue
            phases.append(tag)
        languages = []
        for lang in svc.get("languages") or []:
            pk = lk.languages.get((lang.get("code") or lang.get("name") or "").lower())
            if pk is None:
                report.error(path, "languages", _("Onbekende taal: %(v)s.") % {"v": lang})
            else:
                languages.append(pk)
        indexes = []
        for sal in svc.get("service_at_locations") or []:
            owner, index = location_index.get(sal.get("location_id", ""), (None, None))
            if owner != org_id:
                report.error(
                    path,
                    "service_at_locations",
                    _("Verwijst naar een locatie van een andere of onbekende organisatie."),
                )
            else:
                indexes.append(index)
        records[org_id].services.append(
            ServiceRecord(
                uuid=uuid.UUID(svc["id"]),
                name=svc["name"][:200],
                description=svc.get("description", ""),
                audience=svc.get("eligibility_description", ""),
                cost=svc.get("fees_description", "")[:200],
                how_to_apply=svc.get("application_process", ""),
                phase_tag_ids=list(dict.fromkeys(phases)),
                language_ids=list(dict.fromkeys(languages)),
                location_indexes=indexes,
            )
        )
