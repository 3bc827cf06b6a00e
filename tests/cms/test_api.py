"""The page API: every page type exposes its structured fields, rendered rich text, renditions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.models import (
    AttentionPointPage,
    BlogPage,
    CommitteePage,
    HomePage,
    InformationPackagePage,
    InterviewPage,
    NewsIndexPage,
    NewsPage,
    SectionPage,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    HomePage: ["intro", "purpose", "entry_points", "information_package", "body"],
    SectionPage: ["intro", "body", "related"],
    AttentionPointPage: ["number", "intro", "body", "contact", "related"],
    CommitteePage: ["purpose", "members", "chair", "contact", "body"],
    InformationPackagePage: ["intro", "items", "body", "contact"],
    BlogPage: ["date", "author", "author_organisation", "has_full_text", "body", "tags"],
    InterviewPage: ["date", "interviewees", "intro", "has_full_text", "body", "tags"],
    NewsIndexPage: ["intro"],
    NewsPage: ["date", "intro", "image", "body", "tags", "related"],
}


@pytest.fixture
def news_with_media(seeded):
    image = get_image_model().objects.create(
        title="Foto", description="Twee mensen aan tafel", file=get_test_image_file()
    )
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Klantreis",
        file=SimpleUploadedFile("klantreis.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    blog = BlogPage.objects.get()
    page = NewsPage(
        title="Fictief bericht met media",
        slug="fictief-media",
        intro="Fictief.",
        image=image,
        body=[
            ("paragraph", f'<p>Zie <a linktype="page" id="{blog.pk}">de blog</a>.</p>'),
            ("image", {"image": image, "caption": "Onderschrift", "alt_text": ""}),
            ("document", {"document": document, "title": ""}),
            (
                "facts",
                {
                    "title": "Fictieve cijfers",
                    "facts": [{"value": "1", "label": "fictief"}],
                    "source": "Testbron",
                    "source_url": "",
                },
            ),
        ],
        related=[("related_page", {"page": blog})],
    )
    NewsIndexPage.objects.get().add_child(instance=page)
    page.tags.add("wonen")
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("model", FIELDS, ids=lambda m: m.__name__)
def test_detail_shape_per_page_type(client, news_with_media, model):
    page = model.objects.live().first()
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == f"cms.{model.__name__}"
    for field in FIELDS[model]:
        assert field in data, (model.__name__, field)


def test_listing_with_fields_per_type(client, news_with_media):
    for model, fields in FIELDS.items():
        response = client.get(
            "/api/v2/pages/", {"type": f"cms.{model.__name__}", "fields": ",".join(fields)}
        )
        assert response.status_code == 200, model
        assert response.json()["meta"]["total_count"] >= 1


def test_rich_text_is_rendered_and_media_expanded(client, news_with_media):
    data = client.get(f"/api/v2/pages/{news_with_media.pk}/").json()
    paragraph, image_block, document_block, facts = data["body"]
    # Internal links are resolved to real URLs, not database HTML.
    assert 'linktype="page"' not in paragraph["value"]
    assert 'href="/wet-inburgering/waar-het-goed-met-je-gaat-is-je-thuis/"' in paragraph["value"]
    image = image_block["value"]["image"]
    assert image["alt"] == "Twee mensen aan tafel"
    assert set(image) >= {"small", "medium", "large"}
    assert image["medium"]["url"].startswith("http://testserver/")
    assert document_block["value"]["url"].endswith("klantreis.pdf")
    assert document_block["value"]["file_extension"] == "pdf"
    assert facts["value"]["source"] == "Testbron"
    assert data["image"]["alt"] == "Twee mensen aan tafel"
    assert data["tags"] == ["wonen"]
    assert data["related"][0]["value"]["url"].endswith("/waar-het-goed-met-je-gaat-is-je-thuis/")


def test_committee_structured_data(client, seeded):
    committee = CommitteePage.objects.get()
    data = client.get(f"/api/v2/pages/{committee.pk}/").json()
    assert [m["status"] for m in data["members"]].count("planned") == 2
    assert data["members"][1]["organisation"] == "COA"
    assert data["chair"] == {
        "name": "Jennifer Elich",
        "job_title": "senior adviseur en voorzitter van de Commissie Vluchtelingen & Integratie",
        "organisation": "Sociaal Werk Nederland",
        "email": "elich@sociaalwerk.nl",
        "phone": "030 721 0 721",
    }
    assert data["purpose"].startswith("<p>Doel was en is")


def test_package_items_shape(client, seeded):
    package = InformationPackagePage.objects.get()
    items = client.get(f"/api/v2/pages/{package.pk}/").json()["items"]
    assert [i["status"] for i in items][-1] == "coming_soon"
    assert items[0]["print_a3"] is True
    assert items[1]["link_page"]["url"].endswith("/waar-het-goed-met-je-gaat-is-je-thuis/")
    assert set(items[1]) >= {"title", "description", "status", "link_document", "link_url"}


def test_interview_shape(client, seeded):
    interview = InterviewPage.objects.get()
    data = client.get(f"/api/v2/pages/{interview.pk}/").json()
    assert [p["name"] for p in data["interviewees"]] == ["Eric Wichgers", "Tineke Parson"]
    assert data["has_full_text"] is False
    assert data["body"] == []


def test_documents_in_private_collections_are_not_listed(client, db):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    documents = get_document_model().objects
    public_doc = documents.create(
        title="Openbaar", file=SimpleUploadedFile("open.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    private_doc = documents.create(
        title="Intern",
        collection=private,
        file=SimpleUploadedFile("intern.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    ids = [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert public_doc.pk in ids and private_doc.pk not in ids
    assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404
