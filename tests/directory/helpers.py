"""Build POST data for the member edit form from its own initial state, as a browser would."""

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
