"""schema.org JSON-LD and Open Graph data for public pages.

Built as Python dicts (serialised with json.dumps and made safe for a <script> element) rather
than hand-written in templates, so the output is always valid JSON.
"""

from __future__ import annotations

import json

from django.utils.html import escape
from django.utils.safestring import mark_safe

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def organisation_data(org_settings, request) -> dict:
    data = {"@type": "Organization", "name": org_settings.name if org_settings else ""}
    if org_settings and org_settings.description:
        data["description"] = org_settings.description
    contact = getattr(org_settings, "contact", None) if org_settings else None
    if contact is not None:
        point = {"@type": "ContactPoint", "contactType": "customer support", "name": contact.name}
        if contact.email:
            point["email"] = contact.email
        if contact.phone:
            point["telephone"] = contact.phone
        data["contactPoint"] = point
    return data


def page_data(page, request, org_settings) -> dict:
    """The JSON-LD graph for a page: the organisation, and the page as WebPage or Article."""
    organisation = {"@id": "#organisation", **organisation_data(org_settings, request)}
    url = page.get_full_url(request)
    node: dict = {
        "@type": page.schema_type,
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": "nl",
        "publisher": {"@id": "#organisation"},
    }
    if page.summary:
        node["description"] = page.summary
    if page.schema_type == "Article":
        node["headline"] = page.title[:110]
        if getattr(page, "date", None):
            node["datePublished"] = page.date.isoformat()
        if page.last_published_at:
            node["dateModified"] = page.last_published_at.isoformat()
        author = getattr(page, "author", "")
        if author:
            person = {"@type": "Person", "name": author}
            if getattr(page, "author_organisation", ""):
                person["affiliation"] = {
                    "@type": "Organization",
                    "name": page.author_organisation,
                }
            node["author"] = person
        else:
            node["author"] = {"@id": "#organisation"}
    return {"@context": "https://schema.org", "@graph": [organisation, node]}


def json_ld_script(data: dict) -> str:
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def open_graph(page, request, site_name: str) -> str:
    """Open Graph meta tags for a page (escaped)."""
    tags = [
        ("og:site_name", site_name),
        ("og:locale", "nl_NL"),
        ("og:type", "article" if page.schema_type == "Article" else "website"),
        ("og:title", page.seo_title or page.title),
        ("og:url", page.get_full_url(request)),
    ]
    if page.summary:
        tags.append(("og:description", page.summary))
    image = getattr(page, "social_image", None)
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        tags += [
            ("og:image", rendition.full_url),
            ("og:image:alt", image.default_alt_text),
            ("og:image:width", str(rendition.width)),
            ("og:image:height", str(rendition.height)),
        ]
    html = "\n".join(
        f'<meta property="{escape(name)}" content="{escape(value)}">' for name, value in tags
    )
    return mark_safe(html)  # noqa: S308
