"""Demo organisations: clearly fictional, spread over real postcode areas, reproducible."""

import csv
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from directory.models import Location, Organisation, Service

pytestmark = pytest.mark.django_db


def generate(count, seed):
    call_command(
        "generate_demo_organisations", str(count), "--seed", str(seed), stdout=io.StringIO()
    )
    return list(
        Organisation.objects.order_by("name").values_list("uuid", "name", "email", "website")
    ), list(Location.objects.order_by("uuid").values_list("uuid", "postcode", "latitude"))


def test_demo_organisations_are_clearly_fictional(world):
    orgs, locations = generate(40, seed=3)
    assert len(orgs) == 40
    for _uuid, name, email, website in orgs:
        assert name.startswith("Fictieve Stichting ")
        assert email.endswith(".invalid")
        assert website.endswith(".example.org")
    assert Organisation.objects.filter(live=True).count() == 40
    pc4s = {
        row["pc4"]
        for row in csv.DictReader(
            (settings.SHARED_DIR / "geo" / "nl-pc4.csv").open(encoding="utf-8")
        )
    }
    assert all(postcode[:4] in pc4s for _u, postcode, _lat in locations)
    assert len({postcode[:4] for _u, postcode, _lat in locations}) > 20  # spread over the country
    assert Service.objects.filter(phase_items__isnull=False).exists()


def test_same_seed_same_data_other_seed_other_data(world):
    first = generate(15, seed=11)
    Organisation.objects.all().delete()
    assert generate(15, seed=11) == first
    Organisation.objects.all().delete()
    assert generate(15, seed=12) != first


def test_generated_organisations_are_searchable(world, client):
    generate(5, seed=1)
    response = client.get("/partners/")
    assert "5 organisaties gevonden" in response.content.decode()


def test_generated_organisations_are_indexed_with_exact_counts_and_revisions(world):
    from search import get_backend
    from search.query import DirectoryQuery

    generate(12, seed=5)
    backend = get_backend()
    assert backend.count() == 12
    result = backend.search(DirectoryQuery(text="fictieve"))
    assert result.total == 12
    assert sum(result.facets["organisation_types"].values()) == 12
    for org in Organisation.objects.all():
        assert org.latest_revision_id and org.latest_revision == org.live_revision
        assert org.latest_revision.as_object().name == org.name
