"""The seed command loads the real content, exactly as the source lists it, idempotently."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms.models import (
    AttentionPointPage,
    BlogPage,
    CommitteeMember,
    CommitteePage,
    ContactPerson,
    InformationPackagePage,
    InterviewPage,
    PackageItem,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "members": CommitteeMember.objects.count(),
        "items": PackageItem.objects.count(),
    }


def test_seed_is_idempotent(seeded):
    before = counts()
    call_command("load_seed_content", verbosity=0)
    assert counts() == before


def test_five_attention_points_in_order(seeded):
    titles = list(
        AttentionPointPage.objects.live().order_by("number").values_list("title", flat=True)
    )
    assert titles == [
        "Niet-legaal verblijf",
        "Feiten en cijfers",
        "Begeleiding naar verhuizing",
        "De rol van de vrijwilligers",
        "De nieuwe Wet inburgering",
    ]


def test_committee_members_exactly_as_the_seed_lists_them(seeded):
    committee = CommitteePage.objects.get()
    members = [(m.organisation, m.role) for m in committee.current_members()]
    planned = [m.organisation for m in committee.planned_members()]
    assert members == [
        ("VluchtelingenWerk Nederland", "directie en senior strategisch adviseur uitvoering"),
        ("COA", "directie"),
        (
            "Sociaalwerkorganisaties die vluchtelingenwerk uitvoeren",
            "2 bestuurders en 1 uitvoerder, rekeninghoudend met stad en dorp/platteland",
        ),
        ("Ervaringsdeskundigen", "vanuit sociaal werk en vluchtelingenwerk"),
        ("Sociaal Werk Nederland", "medewerker/voorzitter en directie"),
    ]
    assert planned == [
        "Ministerie van Sociale Zaken en Werkgelegenheid (SZW)",
        "Divosa (gemeentelijke leidinggevenden in het sociaal domein)",
    ]
    assert committee.chair.name == "Jennifer Elich"
    assert committee.contact.email == "elich@sociaalwerk.nl"
    assert committee.contact.phone == "030 721 0 721"


def test_package_has_four_items_with_states(seeded):
    package = InformationPackagePage.objects.get()
    items = list(package.items.all())
    assert len(items) == 4
    journey, blog, interview, quickscan = items
    assert "Van aankomst tot integratie in de wijk vraagt samenwerking" in journey.title
    assert journey.print_a3 is True
    assert blog.link_page.specific == BlogPage.objects.get()
    assert interview.link_page.specific == InterviewPage.objects.get()
    assert quickscan.status == PackageItem.Status.COMING_SOON
    assert quickscan.url == ""


def test_listed_children_keep_their_order_in_the_database(seeded):
    """Without a stored sort_order, "ORDER BY sort_order" leaves the order to PostgreSQL."""
    package = InformationPackagePage.objects.get()
    assert list(package.items.values_list("sort_order", flat=True)) == [0, 1, 2, 3]
    members = CommitteePage.objects.get().members.values_list("sort_order", flat=True)
    assert list(members) == list(range(len(members)))
    assert None not in InterviewPage.objects.get().interviewees.values_list("sort_order", flat=True)


def test_no_words_put_in_the_mouths_of_real_people(seeded):
    """Blog and interview exist with title, people and summary only: full text pending."""
    blog = BlogPage.objects.get()
    assert (blog.author, blog.author_organisation) == ("Gon Mevis", "ContourdeTwern")
    assert blog.title == "Waar het goed met je gaat, is je thuis"
    assert not blog.body and not blog.has_full_text
    interview = InterviewPage.objects.get()
    people = [(p.name, p.organisation) for p in interview.interviewees.all()]
    assert people == [
        ("Eric Wichgers", "Figulus Welzijn"),
        ("Tineke Parson", "VluchtelingenWerk Nederland"),
    ]
    assert not interview.body and not interview.has_full_text
    assert sorted(interview.tags.names()) == [
        "aanbesteden",
        "extreemrechts",
        "samenwerken",
        "vrijwilligers",
    ]


def test_seed_does_not_overwrite_editor_changes(seeded):
    committee = CommitteePage.objects.get()
    committee.title = "Door de redactie aangepast"
    committee.save_revision().publish()
    call_command("load_seed_content", verbosity=0)
    assert CommitteePage.objects.get().title == "Door de redactie aangepast"
