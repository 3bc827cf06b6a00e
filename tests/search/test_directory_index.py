"""The directory's index and indexing that follows publishing.

Permission cases: a draft, an unapproved change, an unpublished or deleted organisation is never
found; a moderation approval makes the approved version findable.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow

from directory.roles import MODERATOR_GROUP_NAME
from search import get_backend
from search.backends import load_backend
from search.query import DirectoryQuery
from search.registry import registry
from search.tasks import update_index
from tests.directory.factories import (
    LanguageFactory,
    LocationFactory,
    MunicipalityFactory,
    OrganisationFactory,
    OrganisationTypeFactory,
    PhaseFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def find(text="", **kwargs):
    return get_backend().search(DirectoryQuery(text=text, **kwargs)).ids


@pytest.fixture
def index():
    return registry.get("directory")


@pytest.fixture
def rich_org():
    """A live organisation with everything the index reads."""
    phase = PhaseFactory(slug="inburgering", title="Inburgering en participatie")
    utrecht = MunicipalityFactory(name="Utrecht", slug="utrecht")
    zeist = MunicipalityFactory(name="Zeist", slug="zeist")
    org = OrganisationFactory(
        name="Taalcafé Het Plein",
        description="Gezellig Nederlands oefenen.",
        organisation_type=OrganisationTypeFactory(name="Taalaanbieder", slug="taalaanbieder"),
        is_member=True,
    )
    org.municipalities.add(zeist)
    org.languages.add(LanguageFactory(code="ar", name="Arabisch"))
    org.save()
    LocationFactory(
        organisation=org, postcode="3511 AB", place="Utrecht", municipality=utrecht,
        latitude=52.0929, longitude=5.1140,
    )  # fmt: skip
    service = ServiceFactory(organisation=org, name="Taalmaatjes", description="Voor statushouders")
    service.phases.add(phase.tag)
    service.themes.add("Taal en ontmoeting")
    service.languages.add(LanguageFactory(code="ti", name="Tigrinya"))
    service.save()
    return org


def test_documents_carry_text_facets_and_points(index, rich_org, django_assert_num_queries):
    with django_assert_num_queries(8):
        [doc] = index.build_documents([rich_org.pk])
    assert doc.object_id == rich_org.pk
    assert doc.name == "Taalcafé Het Plein"
    assert "Taalmaatjes" in doc.body and "Voor statushouders" in doc.body
    assert doc.facets["phase"] == ["inburgering"]
    assert sorted(doc.facets["municipality"]) == ["utrecht", "zeist"]
    assert doc.facets["organisation_type"] == ["taalaanbieder"]
    assert sorted(doc.facets["language"]) == ["ar", "ti"]
    assert doc.facets["theme"] == ["taal-en-ontmoeting"]
    assert doc.points == [(52.0929, 5.114)]
    assert doc.is_member is True
    assert "Inburgering en participatie" in doc.keywords


def test_building_documents_takes_the_same_queries_for_many(index, django_assert_num_queries):
    orgs = [OrganisationFactory() for _ in range(15)]
    for org in orgs:
        ServiceFactory(organisation=org)
        LocationFactory(organisation=org, latitude=52.0, longitude=5.0)
    with django_assert_num_queries(8):
        documents = index.build_documents([o.pk for o in orgs])
    assert len(documents) == 15


def test_rebuild_indexes_only_live_rows(index, rich_org):
    draft = OrganisationFactory(name="Conceptstichting", live=False)
    report = load_backend("database").rebuild(index)
    assert report.documents == 1
    assert find("taalcafe") == [rich_org.pk]
    assert find("conceptstichting") == []
    assert find(phases=["inburgering"], municipality="zeist") == [rich_org.pk]
    assert find(near_point=(52.09, 5.11), radius_km=2) == [rich_org.pk]
    assert draft.pk not in find()


def test_task_on_a_never_published_row_indexes_nothing(rich_org):
    draft = OrganisationFactory(name="Nooit Gepubliceerd", live=False)
    update_index.enqueue("directory", [draft.pk, rich_org.pk])
    assert find("gepubliceerd") == []
    assert find("taalcafe") == [rich_org.pk]


def publish(org, django_capture_on_commit_callbacks, user=None):
    with django_capture_on_commit_callbacks(execute=True):
        org.save_revision(user=user).publish(user=user)


def test_publish_indexes_and_a_later_draft_is_not_found(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="Buurtteam Oost", live=False)
    assert find("buurtteam") == []
    publish(org, django_capture_on_commit_callbacks)
    assert find("buurtteam") == [org.pk]

    # An unapproved change: a new draft revision, the row keeps the live name.
    with django_capture_on_commit_callbacks(execute=True):
        org.name = "Buurtteam Geheim Concept"
        org.save_revision()
    assert find("geheim") == []
    assert find("buurtteam oost") == [org.pk]


def test_unpublish_and_delete_remove_from_the_index(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="Wijkcentrum Zuid", live=False)
    other = OrganisationFactory(name="Wijkcentrum Noord", live=False)
    publish(org, django_capture_on_commit_callbacks)
    publish(other, django_capture_on_commit_callbacks)
    assert sorted(find("wijkcentrum")) == sorted([org.pk, other.pk])

    org.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        org.unpublish()
    assert find("wijkcentrum") == [other.pk]

    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert find("wijkcentrum") == []
    assert get_backend().count() == 0


def test_moderation_approval_publishes_the_approved_version(django_capture_on_commit_callbacks):
    moderator = UserFactory(username="moderator-zoek", is_superuser=True)
    moderator.groups.add(Group.objects.get(name=MODERATOR_GROUP_NAME))
    org = OrganisationFactory(name="Stichting Nieuwkomers", live=False)
    workflow = org.get_workflow()
    assert isinstance(workflow, Workflow)

    with django_capture_on_commit_callbacks(execute=True):
        org.save_revision(user=moderator)
        workflow.start(org, moderator)
    assert find("nieuwkomers") == []  # submitted, not approved

    with django_capture_on_commit_callbacks(execute=True):
        org.refresh_from_db()
        task_state = org.current_workflow_task_state
        task_state.approve(user=moderator)
    assert find("nieuwkomers") == [org.pk]


def test_rolled_back_publish_never_reaches_the_index(django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="Teruggedraaid Initiatief", live=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        org.save_revision().publish()
    # The transaction did not commit (callbacks not run): nothing indexed yet.
    assert len(callbacks) == 1
    assert find("teruggedraaid") == []


def test_renaming_a_phase_or_type_reindexes_its_organisations(
    rich_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        load_backend("database").rebuild(registry.get("directory"))
    assert find("participatie") == [rich_org.pk]
    phase = rich_org.services.first().phases.first().phase
    with django_capture_on_commit_callbacks(execute=True):
        phase.title = "Meedoen en leren"
        phase.save()
    assert find("participatie") == []
    assert find("meedoen") == [rich_org.pk]
    with django_capture_on_commit_callbacks(execute=True):
        rich_org.organisation_type.name = "Taalschool"
        rich_org.organisation_type.save()
    assert find("taalschool") == [rich_org.pk]


def test_update_in_batches(index, django_assert_max_num_queries):
    orgs = [OrganisationFactory() for _ in range(5)]
    index.chunk_size = 2
    try:
        result = get_backend().update_objects(index, [o.pk for o in orgs] + [10_000])
    finally:
        index.chunk_size = 2000
    assert result == {"indexed": 5, "removed": 1}
    assert sorted(find()) == sorted(o.pk for o in orgs)
