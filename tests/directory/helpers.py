"""Helpers of the directory tests: the member edit form's POST data as a browser would send it,
and the checks every HTML email must pass."""

from directory.member.forms import member_organisation_form_class


def _field_data(form, data):
    for bound in form:
        value = bound.value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = str(value)


def edit_form_data(organisation, **overrides):
    """The edit form of the organisation's current draft, filled in, with overrides applied."""
    form = member_organisation_form_class()(instance=organisation.get_latest_revision_as_object())
    data = {}
    _field_data(form, data)
    for formset in form.formsets.values():
        management = formset.management_form
        for bound in management:
            data[bound.html_name] = str(bound.value())
        for child in formset.forms:
            if not child.empty_permitted:
                _field_data(child, data)
    data["submit"] = "1"
    data.update(overrides)
    return data


def themes_value(themes):
    return ", ".join(themes)


def html_part(message) -> str:
    """The HTML alternative of an email (there must be exactly one)."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def assert_self_contained_accessible_html(html: str) -> None:
    """What every directory email's HTML part must be: Dutch, titled, nothing external."""
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl"' in html
    assert "<title>" in html and "</title>" in html
    assert 'role="article"' in html
    # Inline styles only, and nothing fetched from elsewhere (no images, fonts, style sheets).
    assert "<style" not in html.lower()
    assert "<link" not in html.lower()
    assert "<img" not in html.lower()
    assert "<script" not in html.lower()
    assert " src=" not in html.lower()
    assert "class=" not in html
    assert "@import" not in html and "url(" not in html
