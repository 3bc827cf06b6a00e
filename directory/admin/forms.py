"""Forms of the organisation editor in the Wagtail admin: services at the draft's locations.

Wagtail builds the organisation form from the panels (`admin/panels.py`); these base classes
add what panels cannot express: a location row keeps its UUID (hidden), a service chooses
among the locations of this organisation's draft (published ones and ones that so far exist
only in the draft) and an admin save keeps links to draft-only locations as the member screen
does (`directory.location_links`). The choice never lists another organisation's locations.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model

from ..location_links import (
    NEW_LOCATION_LABEL,
    ROW_UUID,
    LocationRowFormMixin,
    OrganisationLocationLinksMixin,
    ServiceLocationsFormMixin,
    location_rows_field,
    row_uuid_field,
)


class LocationRowInput(forms.HiddenInput):
    """A location row's hidden UUID in the admin, with the script that gives a row added in the
    browser a UUID of its own and offers it to the services at once (no save first); the label
    of such a row comes translated from here."""

    class Media:
        js = ["directory/admin/service_locations.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"data-new-location-label": NEW_LOCATION_LABEL, **(attrs or {})})


class AdminLocationForm(LocationRowFormMixin, WagtailAdminModelForm):
    """A location row; `row_uuid` is not in a panel, so Wagtail renders it as a hidden input."""

    row_uuid = row_uuid_field(widget=LocationRowInput)

    def get_field_updates_for_resave(self):
        """After an autosave the page stays open: give a row added in the browser the UUID its
        location got in the draft, so the next save keeps the same location."""
        updates = super().get_field_updates_for_resave()
        name = self.add_prefix(ROW_UUID)
        if self.data.get(name) != str(self.instance.uuid):
            updates.append((name, str(self.instance.uuid)))
        return updates


class AdminServiceForm(ServiceLocationsFormMixin, WagtailAdminModelForm):
    location_rows = location_rows_field(
        _("Waar wordt deze dienst aangeboden? Ook een locatie die u net hebt toegevoegd.")
    )


class AdminOrganisationForm(OrganisationLocationLinksMixin, WagtailAdminModelForm):
    """The organisation form of the admin (the panels' `base_form_class`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "locations" in self.formsets and "services" in self.formsets:
            self.set_location_choices()

    def is_valid(self):
        valid = super().is_valid()
        if not valid or "services" not in self.formsets:
            return valid
        return self.check_service_locations()


class FormClassInlinePanel(InlinePanel):
    """An InlinePanel whose rows are built on `form_class` (Wagtail's own `InlinePanel` always
    uses `WagtailAdminModelForm`), keeping the deferred required fields of draft saves."""

    def __init__(self, relation_name, *args, form_class, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.form_class = form_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form_class": self.form_class}

    def get_form_options(self):
        options = super().get_form_options()
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        extra = {"defer_required_on_fields": deferred} if deferred else {}
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=self.form_class, **extra
        )
        return options
