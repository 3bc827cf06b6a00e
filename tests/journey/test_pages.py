"""Public pages: what visitors see, with query ceilings, and never a draft."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from journey.seed_data import PHASES

pytestmark = pytest.mark.django_db

# A version is read with a fixed number of queries however large it is (see snapshot.py).
MAX_QUERIES = 12


def test_journey_page_shows_phases_in_order_and_the_matrix(
    client, seeded, django_assert_max_num_queries
):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("journey:index"))
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="fase-{slug}"') for slug, *_ in PHASES]
    assert positions == sorted(positions)
    assert 'class="matrix"' in html
    assert "Koppelt de vergunninghouder aan een gemeente." in html
    assert "Draagt over aan Gemeente." in html
    # Each phase links to the directory's organisations for that phase.
    for slug, *_ in PHASES:
        assert f"/partners/?fase={slug}" in html or f"?fase={slug}" in html


def test_actor_filter_works_without_javascript(client, seeded):
    html = client.get(reverse("journey:index"), {"actor": "coa"}).content.decode()
    header = re.search(r"<thead>.*?</thead>", html, re.S).group(0)
    visible = re.findall(r'<th scope="col" data-actor="([\w-]+)">', header)
    hidden = re.findall(r'<th scope="col" data-actor="([\w-]+)" hidden>', header)
    assert visible == ["coa"]
    assert "gemeente" in hidden
    assert "Deze partij heeft in deze fase geen taak." in html
    assert 'option value="coa" selected' in html


def test_unknown_actor_filter_shows_everything(client, seeded):
    html = client.get(reverse("journey:index"), {"actor": "bestaat-niet"}).content.decode()
    assert " hidden>" not in html.split("<tbody>")[0].split("<thead>")[1]


def test_mindmap_page_has_svg_and_complete_text_alternative(
    client, seeded, django_assert_max_num_queries
):
    from journey.models import MindmapNode

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("journey:mindmap"))
    html = response.content.decode()
    assert response.status_code == 200
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="group"' in svg and "<title" in svg
    tree = html.split('id="mindmap-text"')[1]
    for node in MindmapNode.objects.all():
        # Every node is reachable in the SVG (a focusable link) and in the nested list.
        assert f'href="#mm-{node.slug}"' in svg
        assert f'id="mm-{node.slug}"' in tree
        assert escape(node.label) in tree
    assert len(re.findall(r'id="mm-[\w-]+"', html)) == len(set(re.findall(r'id="mm-[\w-]+"', html)))
    assert "<ul" in tree.split("<li", 2)[2]  # nested: domains contain their items
    assert "mindmap.js" in html


def test_old_version_is_readable_at_a_stable_url(client, seeded, edit_draft):
    revision, _ = edit_draft()
    revision.publish()
    old = client.get(reverse("journey:version", args=[1])).content.decode()
    new = client.get(reverse("journey:index")).content.decode()
    assert "Werk, opleiding en inkomen" in old
    assert "Dit is een eerdere versie." in old
    assert "Werk, opleiding en inkomen" not in new.split("<main")[1].split("Organisaties in")[0]
    assert 'id="fase-werk-opleiding-en-inkomen"' not in new
    assert 'id="fase-nazorg"' in new
    assert client.get(reverse("journey:version-mindmap", args=[1])).status_code == 200
    assert client.get(reverse("journey:version", args=[99])).status_code == 404


def test_versions_and_compare_pages(client, seeded, edit_draft, django_assert_max_num_queries):
    revision, _ = edit_draft()
    revision.publish()
    listing = client.get(reverse("journey:versions")).content.decode()
    assert "Fase 6 vervalt; nazorg komt erbij." in listing
    response = client.get(reverse("journey:compare-form"), {"van": "1", "naar": "2"})
    assert response.status_code == 302
    with django_assert_max_num_queries(2 * MAX_QUERIES):
        html = client.get(response["Location"]).content.decode()
    assert "Nieuw</span> Nazorg" in html
    assert "Vervallen</span> Werk, opleiding en inkomen" in html
    assert "<del>Aankomst en asielprocedure</del>" in html
    assert "Verplaatst" in html
    assert client.get(reverse("journey:compare-form"), {"van": "x"}).status_code == 404


def test_drafts_never_reach_public_pages(client, seeded, edit_draft):
    edit_draft()
    for url in (
        reverse("journey:index"),
        reverse("journey:mindmap"),
        reverse("journey:versions"),
    ):
        html = client.get(url).content.decode()
        assert "Nazorg" not in html
        assert "Fase 6 vervalt" not in html
    assert client.get(reverse("journey:version", args=[2])).status_code == 404


def test_no_journey_means_404_not_an_error(client, db):
    assert client.get(reverse("journey:index")).status_code == 404
    assert client.get(reverse("journey:mindmap")).status_code == 404


def test_phase_links_to_attention_points_when_the_cms_has_them(client, db):
    from django.core.management import call_command

    call_command("load_seed_content", verbosity=0)
    html = client.get(reverse("journey:index")).content.decode()
    section = html.split('id="fase-begeleiding-naar-verhuizing"')[1].split('class="phase"')[0]
    assert "Aandachtspunt: Begeleiding naar verhuizing" in section


def test_phase_links_reverse_the_public_directory(client, seeded):
    html = client.get(reverse("journey:index")).content.decode()
    directory = reverse("directory_public:list")
    assert f'href="{directory}?fase=brede-intake-en-pip"' in html
