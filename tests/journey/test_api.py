"""The journey API: shape, UUID identifiers, versions, and never a draft."""

import uuid

import pytest

from journey.models import MindmapNode, Phase
from journey.seed_data import PHASES

pytestmark = pytest.mark.django_db
BASE = "/api/v1/journey"


def test_versions_list(client, seeded, edit_draft):
    revision, _ = edit_draft()
    revision.publish()
    data = client.get(f"{BASE}/versions").json()
    assert [v["number"] for v in data] == [2, 1]
    assert data[0]["is_latest"] and not data[1]["is_latest"]
    assert data[0]["change_summary"] == "Fase 6 vervalt; nazorg komt erbij."


def test_full_version_shape_uses_uuids(client, seeded):
    response = client.get(f"{BASE}/versions/1")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {
        "version",
        "title",
        "intro",
        "phases",
        "actors",
        "responsibilities",
        "mindmap",
    }
    assert [p["title"] for p in data["phases"]] == [p[1] for p in PHASES]
    first = data["phases"][0]
    assert uuid.UUID(first["id"]) == Phase.objects.get(slug=first["slug"]).uuid
    assert "pk" not in first and "sort_order" not in first
    resp = data["responsibilities"][0]
    assert set(resp) == {"phase_id", "actor", "description", "hands_over_to"}
    uuid.UUID(resp["actor"]["id"])
    nodes, edges = data["mindmap"]["nodes"], data["mindmap"]["edges"]
    assert len(nodes) == MindmapNode.objects.count()
    node_ids = {n["id"] for n in nodes}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in edges)
    assert {e["kind"] for e in edges} == {"belongs_to", "leads_to", "refers_to"}


def test_list_endpoints_default_to_latest_and_accept_a_version(client, seeded, edit_draft):
    revision, _ = edit_draft()
    revision.publish()
    latest = client.get(f"{BASE}/phases").json()
    first = client.get(f"{BASE}/phases", {"version": 1}).json()
    assert latest[0]["title"] == "Aankomst"
    assert first[0]["title"] == "Aankomst en asielprocedure"
    assert "werk-opleiding-en-inkomen" in {p["slug"] for p in first}
    assert "werk-opleiding-en-inkomen" not in {p["slug"] for p in latest}
    actors = client.get(f"{BASE}/actors").json()
    assert {"coa", "gemeente", "duo"} <= {a["slug"] for a in actors}
    assert client.get(f"{BASE}/mindmap", {"version": 1}).json()["version"] == 1


def test_responsibilities_filter_by_phase_and_actor(client, seeded):
    data = client.get(
        f"{BASE}/responsibilities", {"phase": "vergunning-en-koppeling", "actor": "coa"}
    ).json()
    assert len(data) == 1
    assert data[0]["hands_over_to"]["slug"] == "gemeente"
    assert client.get(f"{BASE}/responsibilities", {"phase": "bestaat-niet"}).status_code == 404


def test_unknown_version_is_404(client, seeded):
    assert client.get(f"{BASE}/versions/7").status_code == 404
    assert client.get(f"{BASE}/phases", {"version": 7}).status_code == 404
    assert client.get(f"{BASE}/phases", {"version": "x"}).status_code in (400, 422)


def test_drafts_never_reach_the_api(client, seeded, edit_draft):
    edit_draft()
    assert client.get(f"{BASE}/versions/2").status_code == 404
    assert [v["number"] for v in client.get(f"{BASE}/versions").json()] == [1]
    assert "nazorg" not in {p["slug"] for p in client.get(f"{BASE}/phases").json()}


def test_no_published_journey_gives_404_and_empty_versions(client, db):
    assert client.get(f"{BASE}/phases").status_code == 404
    assert client.get(f"{BASE}/versions").json() == []


def test_api_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(f"{BASE}/versions/1").status_code == 200
