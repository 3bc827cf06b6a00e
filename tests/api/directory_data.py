"""A small fictional directory for the API tests, indexed like publishing would index it."""

from directory.models import Language, Municipality, PhaseTag
from search import get_backend
from search.registry import registry
from tests.directory.factories import (
    LocationFactory,
    OrganisationFactory,
    OrganisationTypeFactory,
    PhaseFactory,
    ServiceFactory,
)


def index(*organisations):
    get_backend().update_objects(registry.get("directory"), [o.pk for o in organisations])


def build_directory():
    """Three live organisations and one that was never published."""
    utrecht = Municipality.objects.create(name="Utrecht", province="Utrecht")
    zeist = Municipality.objects.create(name="Zeist", province="Utrecht")
    arabic = Language.objects.create(code="ar", name="Arabisch")
    dutch, _ = Language.objects.get_or_create(code="nl", defaults={"name": "Nederlands"})
    aankomst = PhaseFactory(slug="aankomst", title="Aankomst en asielprocedure", sort_order=1)
    wijk = PhaseFactory(slug="wijk", title="Integratie in de wijk", sort_order=7)
    taal_type = OrganisationTypeFactory(name="Taalaanbieder")
    welzijn = OrganisationTypeFactory(name="Sociaalwerkorganisatie")

    taalhuis = OrganisationFactory(
        name="Fictief Taalhuis Utrecht", organisation_type=taal_type, is_member=True
    )
    taalhuis.municipalities.set([utrecht])
    taalhuis.languages.set([arabic, dutch])
    loc = LocationFactory(
        organisation=taalhuis, postcode="3511 AB", latitude=52.0929, longitude=5.1140
    )
    svc = ServiceFactory(organisation=taalhuis, name="Fictief taalcafé")
    svc.phase_items.create(tag=PhaseTag.sync_from_phase(wijk))
    svc.themes.add("taal")
    svc.locations.add(loc)
    svc.save()
    taalhuis.save()

    buurtteam = OrganisationFactory(name="Fictief Buurtteam Zeist", organisation_type=welzijn)
    buurtteam.municipalities.set([zeist])
    LocationFactory(organisation=buurtteam, postcode="3701 AA", latitude=52.09, longitude=5.23)
    svc2 = ServiceFactory(organisation=buurtteam, name="Fictieve buddy")
    svc2.phase_items.create(tag=PhaseTag.sync_from_phase(aankomst))
    svc2.save()
    buurtteam.save()  # ParentalManyToMany values are written on save

    opvang = OrganisationFactory(name="Fictieve Opvang Utrecht", organisation_type=welzijn)
    opvang.municipalities.set([utrecht])
    LocationFactory(organisation=opvang, postcode="3512 AA", latitude=52.09, longitude=5.12)
    opvang.save()

    draft = OrganisationFactory(name="Fictief Concept", live=False)
    LocationFactory(organisation=draft, postcode="3511 AC", latitude=52.09, longitude=5.11)

    index(taalhuis, buurtteam, opvang, draft)
    return {
        "taalhuis": taalhuis,
        "buurtteam": buurtteam,
        "opvang": opvang,
        "draft": draft,
        "utrecht": utrecht,
        "wijk": wijk,
    }
