"""Fixtures for the journey tests: the seeded journey (version 1, loaded once per module) and a
way to edit drafts."""

import pytest
from django.core.management import call_command

from journey.models import Journey, JourneyPhase, Phase
from tests.db_layers import database_layer, enter_layer_test


@pytest.fixture(scope="module")
def _journey_db_layer(django_db_setup, django_db_blocker):
    """The journey as `load_journey_seed` publishes it, shared (rolled back) by a module."""
    with database_layer(django_db_blocker):
        call_command("load_journey_seed", verbosity=0)
        yield


@pytest.fixture
def seeded(_journey_db_layer, db):
    """The journey as `load_journey_seed` publishes it (version 1)."""
    enter_layer_test()
    return Journey.objects.get()


@pytest.fixture
def edit_draft(seeded):
    """Return a function that changes phases in memory and saves a *draft* revision.

    The change: rename phase 1, swap phases 2 and 3, retire phase 6 and add a new phase.
    """

    def _edit(journey=None):
        journey = journey or Journey.objects.get()
        phases = list(journey.phases.all())
        phases[0].title = "Aankomst"
        phases[1], phases[2] = phases[2], phases[1]
        dropped = phases.pop(5)
        new_phase = Phase.objects.create(slug="nazorg", title="Nazorg")
        phases.append(JourneyPhase(phase=new_phase, title="Nazorg", summary="Nieuw."))
        for index, phase in enumerate(phases):
            phase.sort_order = index
        journey.phases = phases
        journey.change_summary = "Fase 6 vervalt; nazorg komt erbij."
        revision = journey.save_revision()
        return revision, dropped.phase

    return _edit
