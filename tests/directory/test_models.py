"""Models, validation and geocoding of the directory."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from directory.geocoding import PdokGeocoder, PostcodeAreaGeocoder
from directory.models import Location, Municipality, Organisation, PhaseTag, PostcodeArea, Service
from directory.validators import normalise_postcode, pc4_of, validate_kvk_number, validate_postcode

from .factories import (
    LocationFactory,
    OrganisationFactory,
    PhaseFactory,
    PostcodeAreaFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["12345678", "00000001"])
def test_kvk_accepts_eight_digits(value):
    validate_kvk_number(value)


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567a", "KVK12345"])
def test_kvk_refuses_other_values(value):
    with pytest.raises(ValidationError) as exc:
        validate_kvk_number(value)
    assert exc.value.code == "invalid_kvk"


def test_organisation_full_clean_normalises_and_validates_kvk():
    organisation = OrganisationFactory.build(kvk_number="1234 5678", slug="a")
    organisation.organisation_type.save()
    organisation.full_clean()
    assert organisation.kvk_number == "12345678"
    organisation.kvk_number = "1234"
    with pytest.raises(ValidationError) as exc:
        organisation.full_clean()
    assert "kvk_number" in exc.value.message_dict


@pytest.mark.parametrize(
    ("raw", "expected"), [("1234ab", "1234 AB"), ("1234 AB", "1234 AB"), (" 9999zz ", "9999 ZZ")]
)
def test_postcode_is_normalised(raw, expected):
    assert normalise_postcode(raw) == expected
    validate_postcode(raw.strip())


@pytest.mark.parametrize("value", ["0123 AB", "1234 SS", "123 AB", "1234", "ABCD EF", "1234 A"])
def test_postcode_refuses_non_dutch(value):
    with pytest.raises(ValidationError):
        validate_postcode(value)


def test_pc4_of():
    assert pc4_of("3511 AB") == "3511"
    assert pc4_of("nonsense") == ""


def test_slug_is_unique_and_derived_from_name():
    first = OrganisationFactory(name="Welzijn Oost")
    second = OrganisationFactory(name="Welzijn Oost")
    assert first.slug == "welzijn-oost"
    assert second.slug == "welzijn-oost-2"


def test_location_gets_coordinates_place_and_municipality_from_pc4():
    area = PostcodeAreaFactory(pc4="3511", place="Utrecht", latitude=52.09, longitude=5.11)
    location = LocationFactory(postcode="3511ab", place="")
    assert location.postcode == "3511 AB"
    assert (location.latitude, location.longitude) == (52.09, 5.11)
    assert location.place == "Utrecht"
    assert location.municipality == area.municipality


def test_given_coordinates_are_kept():
    PostcodeAreaFactory(pc4="3511")
    location = LocationFactory(postcode="3511 AB", latitude=52.1, longitude=5.2)
    assert (location.latitude, location.longitude) == (52.1, 5.2)


def test_unknown_postcode_leaves_coordinates_empty():
    location = LocationFactory(postcode="9999 ZZ")
    assert location.latitude is None and location.municipality is None


def test_location_clean_fills_coordinates_for_drafts():
    """Drafts carry coordinates too: clean() geocodes before the revision is serialised."""
    PostcodeAreaFactory(pc4="3511", latitude=52.0, longitude=5.0)
    location = Location(address="Straat 1", postcode="3511ab", organisation=OrganisationFactory())
    location.full_clean()
    assert location.latitude == 52.0


def test_organisation_phases_are_the_union_of_its_services_phases():
    aankomst, wijk, werk = PhaseFactory(title="Aankomst"), PhaseFactory(), PhaseFactory()
    organisation = OrganisationFactory()
    first = ServiceFactory(organisation=organisation)
    first.phases.add(aankomst.tag)
    first.save()  # cluster tags are committed on save
    taal = ServiceFactory(organisation=organisation)
    taal.phases.add(aankomst.tag, wijk.tag)
    taal.save()
    other = ServiceFactory()
    other.phases.add(werk.tag)
    other.save()
    assert set(organisation.get_phases()) == {aankomst, wijk}
    taal.delete()
    assert set(organisation.get_phases()) == {aankomst}
    assert set(Organisation.objects.in_phases([werk])) == {other.organisation}


def test_phase_tag_follows_phase_title_and_retirement():
    phase = PhaseFactory(title="Brede intake", slug="brede-intake")
    tag = PhaseTag.objects.get(phase=phase)
    assert tag.name == "Brede intake"
    phase.title = "Brede intake en PIP"
    phase.save()
    tag.refresh_from_db()
    assert tag.name == "Brede intake en PIP"
    assert tag in PhaseTag.objects.active()
    phase.is_retired = True
    phase.save()
    assert tag not in PhaseTag.objects.active()
    assert PhaseTag.free_tagging is False


def test_listed_returns_only_live_organisations():
    live = OrganisationFactory()
    draft = OrganisationFactory(live=False)
    assert list(Organisation.objects.listed()) == [live]
    assert draft not in Organisation.objects.listed()


def test_services_and_tags_live_in_revisions_until_published():
    phase = PhaseFactory()
    organisation = OrganisationFactory()
    service = Service(name="Maatjesproject")
    organisation.services.add(service)
    service.phases.add(phase.tag)
    service.themes.add("vrijwilligers")
    revision = organisation.save_revision()
    assert not Service.objects.filter(organisation=organisation).exists()
    draft = revision.as_object()
    [draft_service] = draft.services.all()
    assert [t.name for t in draft_service.phases.all()] == [phase.tag.name]
    revision.publish()
    published = Service.objects.get(organisation=organisation)
    assert list(published.phases.all()) == [phase.tag]
    assert [t.name for t in published.themes.all()] == ["vrijwilligers"]
    assert list(organisation.get_phases()) == [phase]


def test_published_signal_marks_profile_reviewed():
    organisation = OrganisationFactory()
    assert organisation.last_reviewed_at is None
    organisation.save_revision().publish()
    organisation.refresh_from_db()
    assert organisation.last_reviewed_at is not None


def test_review_due_queryset(settings):
    from datetime import timedelta

    from django.utils import timezone

    fresh = OrganisationFactory(last_reviewed_at=timezone.now())
    stale = OrganisationFactory(last_reviewed_at=timezone.now() - timedelta(days=400))
    never = OrganisationFactory()
    due = Organisation.objects.review_due(timezone.now() - timedelta(days=365))
    assert set(due) == {stale, never}
    assert fresh not in due


def test_load_postcode_areas_creates_municipalities_and_is_idempotent(tmp_path):
    csv_path = tmp_path / "pc4.csv"
    csv_path.write_text(
        "pc4,place,municipality,province,latitude,longitude\n"
        "3511,Utrecht,Utrecht,Utrecht,52.09,5.11\n"
        "1871,Schoorl,Bergen,Noord-Holland,52.70,4.70\n"
        "5854,Bergen,Bergen,Limburg,51.60,6.05\n",
        encoding="utf-8",
    )
    call_command("load_postcode_areas", str(csv_path), verbosity=0)
    call_command("load_postcode_areas", str(csv_path), verbosity=0)
    assert PostcodeArea.objects.count() == 3
    bergen = Municipality.objects.filter(name="Bergen").order_by("province")
    assert [(m.province, m.code, m.slug) for m in bergen] == [
        ("Limburg", "", "bergen-limburg"),
        ("Noord-Holland", "", "bergen"),
    ]
    assert PostcodeAreaGeocoder().locate("1871 AA").municipality_id == bergen[1].pk


def test_load_postcode_areas_reads_the_shared_file():
    from directory.management.commands.load_postcode_areas import default_pc4_path

    if not default_pc4_path().is_file():
        pytest.skip("nl-pc4.csv not found under settings.SHARED_DIR")
    call_command("load_postcode_areas", verbosity=0)
    assert PostcodeArea.objects.count() == 4064
    assert Municipality.objects.filter(code="").count() == Municipality.objects.count()
    assert PostcodeArea.objects.get(pc4="1011").municipality.name == "Amsterdam"


def test_load_municipalities_from_a_cbs_style_csv(tmp_path):
    Municipality.objects.create(name="Utrecht", province="Utrecht")
    Municipality.objects.create(name="Weesp", province="Noord-Holland")
    csv_path = tmp_path / "cbs.csv"
    csv_path.write_text(
        "GemeentecodeGM;Gemeentenaam;Provincienaam\n"
        "GM0344;Utrecht;Utrecht\n"
        "GM1980;Dijk en Waard;Noord-Holland\n",
        encoding="utf-8",
    )
    call_command("load_municipalities", str(csv_path), "--deactivate-missing", verbosity=0)
    utrecht = Municipality.objects.get(name="Utrecht")
    assert utrecht.code == "GM0344"
    assert Municipality.objects.get(name="Dijk en Waard").code == "GM1980"
    assert Municipality.objects.get(name="Weesp").is_active is False


def test_pdok_geocoder_parses_and_caches_without_network():
    calls = []

    def fake_fetch(url):
        calls.append(url)
        return {
            "response": {
                "docs": [
                    {
                        "centroide_ll": "POINT(5.1214 52.0907)",
                        "woonplaatsnaam": "Utrecht",
                        "gemeentenaam": "Utrecht",
                        "provincienaam": "Utrecht",
                    }
                ]
            }
        }

    utrecht = Municipality.objects.create(name="Utrecht", province="Utrecht")
    geocoder = PdokGeocoder(url="http://pdok.invalid/free", fetch=fake_fetch)
    point = geocoder.locate("3511ab")
    again = geocoder.locate("3511 AB")
    assert point == again
    assert (point.latitude, point.longitude, point.municipality_id) == (52.0907, 5.1214, utrecht.pk)
    assert len(calls) == 1
    assert "q=3511AB" in calls[0]


def test_pdok_geocoder_falls_back_to_postcode_areas_when_unreachable():
    PostcodeAreaFactory(pc4="3512", latitude=52.0, longitude=5.0)

    def unreachable(url):
        raise OSError("no network in tests")

    point = PdokGeocoder(url="http://pdok.invalid/free", fetch=unreachable).locate("3512 AA")
    assert (point.latitude, point.longitude) == (52.0, 5.0)


def test_default_geocoder_is_offline(settings):
    from directory.geocoding import get_geocoder

    assert isinstance(get_geocoder(), PostcodeAreaGeocoder)
    settings.DIRECTORY_GEOCODER = "pdok"
    assert isinstance(get_geocoder(), PdokGeocoder)
