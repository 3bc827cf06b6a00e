import pytest

from journey.models import Actor, Phase

pytestmark = pytest.mark.django_db


def test_active_phases_are_ordered_and_exclude_retired():
    Phase.objects.create(slug="b", title="B", sort_order=2)
    Phase.objects.create(slug="a", title="A", sort_order=1)
    Phase.objects.create(slug="x", title="X", sort_order=0, is_retired=True)
    assert [p.slug for p in Phase.objects.active()] == ["a", "b"]
    assert [p.slug for p in Phase.objects.retired()] == ["x"]


def test_identities_have_uuid_public_ids():
    phase = Phase.objects.create(slug="a", title="A")
    actor = Actor.objects.create(slug="coa", name="COA")
    assert phase.uuid and actor.uuid and phase.uuid != actor.uuid
    assert str(actor) == "COA"
    assert list(Actor.objects.active()) == [actor]
