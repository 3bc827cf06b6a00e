"""Versions through Wagtail's revisions: publish, read back, compare, retire."""

import pytest

from journey.diff import diff_snapshots
from journey.models import Actor, Journey, JourneyVersion, MindmapNode, Phase
from journey.seed_data import ACTORS, DOMAINS, NODES, PHASES
from journey.snapshot import load_snapshot

pytestmark = pytest.mark.django_db


def test_seed_publishes_version_one_with_all_phases(seeded):
    snapshot = load_snapshot()
    assert snapshot.number == 1
    assert snapshot.is_latest
    assert [p.title for p in snapshot.phases] == [p[1] for p in PHASES]
    assert {a.slug for a in snapshot.actors} == {a[0] for a in ACTORS}
    assert len(snapshot.nodes) == len(DOMAINS) + len(NODES)
    assert snapshot.responsibilities, "the law gives the actors tasks"
    assert JourneyVersion.objects.get().revision_id == seeded.live_revision_id
    assert Phase.objects.active().count() == 7


def test_seed_is_idempotent(seeded):
    from django.core.management import call_command

    call_command("load_journey_seed", verbosity=0)
    assert Journey.objects.count() == 1
    assert JourneyVersion.objects.count() == 1
    assert Phase.objects.count() == 7
    assert Actor.objects.count() == len(ACTORS)
    assert MindmapNode.objects.count() == len(DOMAINS) + len(NODES)


def test_seed_leaves_out_what_the_brief_marks_verify(seeded):
    """The length of the integration term is marked "verify" in DOMAIN.md."""
    snapshot = load_snapshot()
    texts = " ".join(
        [p.summary + p.legal_basis + p.timing for p in snapshot.phases]
        + [r.description for r in snapshot.responsibilities]
        + [a.description for a in snapshot.actors]
        + [n.description for n in snapshot.nodes]
    )
    assert "drie jaar" not in texts
    assert "termijn" not in texts


def test_draft_is_not_public_until_published(seeded, edit_draft):
    edit_draft()
    snapshot = load_snapshot()
    assert snapshot.number == 1
    assert snapshot.phases[0].title == "Aankomst en asielprocedure"
    assert not any(p.slug == "nazorg" for p in snapshot.phases)
    assert JourneyVersion.objects.count() == 1
    # Identities follow published versions only.
    assert (
        Phase.objects.get(slug="aankomst-en-asielprocedure").title == "Aankomst en asielprocedure"
    )


def test_publish_records_version_two_and_keeps_version_one(seeded, edit_draft):
    revision, dropped = edit_draft()
    revision.publish()
    latest, first = load_snapshot(), load_snapshot(1)
    assert latest.number == 2 and latest.is_latest
    assert latest.change_summary == "Fase 6 vervalt; nazorg komt erbij."
    assert JourneyVersion.objects.get(number=2).revision_id == revision.pk
    assert [p.title for p in latest.phases][:3] == [
        "Aankomst",
        "Begeleiding naar verhuizing",
        "Vergunning en koppeling",
    ]
    assert first.phases[0].title == "Aankomst en asielprocedure"
    assert not first.is_latest
    assert len(first.phases) == 7


def test_retired_phase_still_resolves_in_old_version(seeded, edit_draft):
    revision, dropped = edit_draft()
    revision.publish()
    dropped.refresh_from_db()
    assert dropped.is_retired
    assert dropped not in Phase.objects.active()
    old = load_snapshot(1).phase(dropped.slug)
    assert old is not None and old.title == "Werk, opleiding en inkomen"
    assert old.is_retired
    assert load_snapshot().phase(dropped.slug) is None
    # Identities follow the published version: renamed and reordered.
    first = Phase.objects.get(slug="aankomst-en-asielprocedure")
    assert first.title == "Aankomst"
    assert [p.slug for p in Phase.objects.active()][1:3] == [
        "begeleiding-naar-verhuizing",
        "vergunning-en-koppeling",
    ]


def test_diff_names_added_renamed_retired_and_moved_phases(seeded, edit_draft):
    revision, _dropped = edit_draft()
    revision.publish()
    diff = diff_snapshots(load_snapshot(1), load_snapshot(2))
    by_kind = {}
    for change in diff.phases:
        by_kind.setdefault(change.kind, []).append(change)
    assert [c.label for c in by_kind["added"]] == ["Nazorg"]
    assert [c.label for c in by_kind["removed"]] == ["Werk, opleiding en inkomen"]
    assert [(c.old, c.new) for c in by_kind["renamed"]] == [
        ("Aankomst en asielprocedure", "Aankomst")
    ]
    assert {c.label for c in by_kind["moved"]} == {
        "Vergunning en koppeling",
        "Begeleiding naar verhuizing",
    }
    # Responsibilities of the retired phase are gone in version 2.
    removed = [c.label for c in diff.responsibilities if c.kind == "removed"]
    assert any(label.startswith("Werk, opleiding en inkomen") for label in removed)
    assert not diff.actors


def test_diff_of_identical_versions_is_empty(seeded):
    snapshot = load_snapshot(1)
    assert diff_snapshots(snapshot, snapshot).is_empty


def test_responsibility_change_shows_in_diff(seeded):
    journey = Journey.objects.get()
    responsibilities = list(journey.responsibilities.all())
    responsibilities[0].description = "Biedt opvang."
    journey.responsibilities = responsibilities
    journey.save_revision().publish()
    diff = diff_snapshots(load_snapshot(1), load_snapshot(2))
    changed = [c for c in diff.responsibilities if c.kind == "changed"]
    assert len(changed) == 1
    assert changed[0].new == "Biedt opvang."
    assert not diff.phases


def test_unpublished_journey_has_no_public_version(seeded):
    seeded.unpublish()
    assert load_snapshot() is None
    assert load_snapshot(1) is None
