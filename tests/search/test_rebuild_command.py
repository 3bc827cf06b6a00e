"""`manage.py rebuild_directory_index`: rebuilds from live rows, refuses unknown indexes."""

import io

import pytest
from django.core.management import CommandError, call_command

from search import get_backend
from search.management.commands.rebuild_directory_index import ProgressBar
from search.query import DirectoryQuery
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_live_organisations_and_reports():
    live = OrganisationFactory(name="Fictief Taalhuis Oost")
    OrganisationFactory(name="Fictief Taalhuis Concept", live=False)
    out = io.StringIO()
    call_command("rebuild_directory_index", "--no-progress", stdout=out)
    assert "Indexed 1 documents" in out.getvalue()
    assert get_backend().search(DirectoryQuery(text="taalhuis")).ids == [live.pk]


def test_rebuild_replaces_stale_documents():
    org = OrganisationFactory(name="Fictief Buurtpunt")
    call_command("rebuild_directory_index", "--no-progress", stdout=io.StringIO())
    type(org).objects.filter(pk=org.pk).update(live=False)
    call_command("rebuild_directory_index", "--no-progress", stdout=io.StringIO())
    assert get_backend().search(DirectoryQuery(text="buurtpunt")).ids == []


def test_unknown_index_is_refused():
    with pytest.raises(CommandError, match="Unknown index"):
        call_command("rebuild_directory_index", "--index", "nope", stdout=io.StringIO())


def test_progress_bar_draws_progress():
    stream = io.StringIO()
    bar = ProgressBar(4, stream, width=4)
    bar(2)
    bar(2)
    bar.close()
    assert "[##--]  50.0% 2/4" in stream.getvalue()
    assert "[####] 100.0% 4/4" in stream.getvalue()
