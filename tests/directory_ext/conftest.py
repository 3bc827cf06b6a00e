"""Fixtures for the directory extension tests: a small vocabulary and live organisations.

Organisations are built with plain ORM writes where a test is about reading (listing, export);
tests about publishing go through Wagtail revisions.
"""

import pytest

from directory.models import (
    Language,
    Location,
    Municipality,
    Organisation,
    OrganisationType,
    PhaseTag,
    PostcodeArea,
    Service,
    ServicePhase,
)
from journey.models import Phase


class World:
    """The vocabulary every test here shares (fictional places are real postcode areas)."""

    def __init__(self):
        self.utrecht = Municipality.objects.create(name="Utrecht", province="Utrecht")
        self.zwolle = Municipality.objects.create(name="Zwolle", province="Overijssel")
        PostcodeArea.objects.create(
            pc4="3511",
            place="Utrecht",
            municipality=self.utrecht,
            latitude=52.0928,
            longitude=5.1125,
        )
        PostcodeArea.objects.create(
            pc4="8011",
            place="Zwolle",
            municipality=self.zwolle,
            latitude=52.5123,
            longitude=6.0945,
        )
        self.social = OrganisationType.objects.get_or_create(
            slug="sociaal-werk", defaults={"name": "Sociaalwerkorganisatie"}
        )[0]
        self.language_school = OrganisationType.objects.get_or_create(
            slug="taalaanbieder", defaults={"name": "Taalaanbieder"}
        )[0]
        self.dutch = Language.objects.get_or_create(code="nl", defaults={"name": "Nederlands"})[0]
        self.arabic = Language.objects.get_or_create(code="ar", defaults={"name": "Arabisch"})[0]
        self.intake = Phase.objects.create(
            slug="brede-intake-test", title="Brede intake (test)", sort_order=4
        )
        self.work = Phase.objects.create(slug="werk-test", title="Werk (test)", sort_order=6)
        self.intake_tag = PhaseTag.sync_from_phase(self.intake)
        self.work_tag = PhaseTag.sync_from_phase(self.work)

    def organisation(
        self,
        name,
        *,
        postcode="3511 AB",
        municipality=None,
        phases=(),
        live=True,
        kind=None,
        languages=(),
        **fields,
    ):
        """A live organisation with one location and one service in the given phases."""
        org = Organisation.objects.create(
            name=name, live=live, organisation_type=kind or self.social, **fields
        )
        municipality = municipality or (self.zwolle if postcode.startswith("8") else self.utrecht)
        location = Location.objects.create(
            organisation=org,
            address="Voorbeeldstraat 1",
            postcode=postcode,
            place=municipality.name,
            municipality=municipality,
        )
        org.municipalities.add(municipality)
        org.languages.add(*languages)
        org.save()  # ParentalManyToMany changes are written on save
        service = Service.objects.create(organisation=org, name=f"Spreekuur {name}")
        service.locations.add(location)
        service.save()
        for phase in phases:
            tag = PhaseTag.objects.get(phase=phase)
            ServicePhase.objects.create(content_object=service, tag=tag)
        index([org.pk])
        return org


def index(ids):
    """Index organisations the way publishing does (ORM-built rows send no publish signal)."""
    from search import get_backend
    from search.registry import registry

    get_backend().update_objects(registry.get("directory"), list(ids))


@pytest.fixture
def world(db):
    return World()
