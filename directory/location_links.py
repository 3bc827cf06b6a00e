"""Services at locations, including locations that so far exist only in the draft.

A location added in a draft has no database id until a moderator publishes the draft, so a
service cannot point at it with `Service.locations`. Instead every location row of a form
carries its UUID in a hidden field (`row_uuid`), which keeps a draft-only location's identity
from one save to the next; a service's location choice lists the rows by that UUID. On saving,
chosen locations that exist in the database become `Service.locations`, draft-only ones are
kept by UUID in `Service.pending_location_uuids` (part of the revision) and
`directory.signals.link_pending_locations` links them when the draft is published.

The member screen (`directory.member.forms`) and the Wagtail admin (`directory.admin.forms`)
build their forms on these mixins, so both keep the same links in the same way.
"""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Location

ROW_UUID = "row_uuid"
LOCATION_ROWS = "location_rows"


# The choice label of a location row that is not saved in the draft yet.
NEW_LOCATION_LABEL = _("Nieuwe locatie %(number)s (nog niet opgeslagen)")


def row_uuid_field(widget=forms.HiddenInput) -> forms.UUIDField:
    return forms.UUIDField(widget=widget, required=False)


def location_rows_field(help_text) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Locaties"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


class LocationRowFormMixin:
    """For a location form that declares `row_uuid = row_uuid_field()`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The template row that the admin's JavaScript copies for every added location must not
        # carry a UUID: the copies would share it.
        if "__prefix__" not in (self.prefix or ""):
            self.fields[ROW_UUID].initial = self.instance.uuid

    def clean(self):
        cleaned = super().clean()
        posted = cleaned.get(ROW_UUID)
        # Keep the draft's identity for a new location, unless the UUID is taken (a posted UUID
        # of any location in the database is ignored: nobody takes over another location).
        if (
            self.instance.pk is None
            and posted
            and posted != self.instance.uuid
            and not Location.objects.filter(uuid=posted).exists()
        ):
            self.instance.uuid = posted
        return cleaned

    @property
    def row_key(self) -> str:
        """How services refer to this row: the UUID the page was rendered with."""
        value = self[ROW_UUID].value() if self.is_bound else self.instance.uuid
        return str(value or self.instance.uuid)


class ServiceLocationsFormMixin:
    """For a service form that declares `location_rows = location_rows_field(...)`.

    The organisation form hands the choices in (`location_choices`, through the formset's
    `form_kwargs`, so the empty template row gets them too); the current links (live locations
    and draft-only ones) are ticked.
    """

    def __init__(self, *args, location_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[LOCATION_ROWS]
        field.choices = list(location_choices)
        service = self.instance
        if not self.is_bound and service is not None:
            chosen = {str(value) for value in service.pending_location_uuids or []}
            chosen.update(str(location.uuid) for location in service.locations.all())
            self.initial[LOCATION_ROWS] = [key for key, _label in field.choices if key in chosen]


class OrganisationLocationLinksMixin:
    """For an organisation form with `locations` and `services` formsets built on the mixins.

    Call `set_location_choices()` once after construction and `check_service_locations()`
    after the formsets validated; `save()` links the services to their locations before the
    organisation (and with it the revision's content) is written.
    """

    def save(self, commit=True):
        instance = super().save(commit=False)
        if "services" in self.formsets:  # an admin form built without the services panel
            self.link_service_locations()
        if commit:
            instance.save()  # a ClusterableModel commits its children with it
            self._save_m2m()
        return instance

    def new_location_label(self, number: int) -> str:
        """The choice label of a location row that is not saved in the draft yet."""
        return NEW_LOCATION_LABEL % {"number": number}

    def location_rows(self) -> list[tuple[forms.Form, bool]]:
        """The location rows of the form: (row form, is an unused empty extra row)."""
        formset = self.formsets["locations"]
        rows = []
        for index, row in enumerate(formset.forms):
            unused = index >= formset.initial_form_count() and not (
                row.is_bound and row.has_changed()
            )
            rows.append((row, unused))
        return rows

    def location_choices(self) -> list[tuple[str, str]]:
        """Every location row of the draft, by its UUID, labelled by its address."""
        formset = self.formsets["locations"]
        choices = []
        for index, row in enumerate(formset.forms):
            if index < formset.initial_form_count():
                label = str(row.instance) or _("Locatie %(number)s") % {"number": index + 1}
            else:
                label = self.new_location_label(index + 1)
            choices.append((row.row_key, label))
        return choices

    def set_location_choices(self) -> None:
        services = self.formsets["services"]
        choices = self.location_choices()
        services.form_kwargs = {**services.form_kwargs, "location_choices": choices}
        if "forms" in services.__dict__:  # already built: update them too
            for service_form in services.forms:
                service_form.fields[LOCATION_ROWS].choices = choices

    def _rows_by_key(self) -> dict:
        rows = {}
        for row, unused in self.location_rows():
            rows.setdefault(row.row_key, (row, unused))  # a repeated key names the first row
        return rows

    def check_service_locations(self) -> bool:
        """Errors at the services that point at a row being deleted or left empty."""
        rows = self._rows_by_key()
        deleted = set(self.formsets["locations"].deleted_forms)
        for service_form in self.formsets["services"].forms:
            for key in service_form.cleaned_data.get(LOCATION_ROWS) or []:
                row, unused = rows.get(key, (None, True))
                if row is None or row in deleted:
                    service_form.add_error(
                        LOCATION_ROWS, _("Deze locatie wordt verwijderd; kies een andere.")
                    )
                elif unused:
                    service_form.add_error(
                        LOCATION_ROWS, _("Vul de nieuwe locatie in, of vink haar hier uit.")
                    )
        return not any(form.errors for form in self.formsets["services"].forms)

    def link_service_locations(self) -> None:
        """Point each service at its chosen rows: live locations by id, new ones by UUID."""
        self._unique_new_location_uuids()
        rows = {key: row.instance for key, (row, _unused) in self._rows_by_key().items()}
        deleted = set(self.formsets["services"].deleted_forms)
        for service_form in self.formsets["services"].forms:
            if service_form in deleted or not hasattr(service_form, "cleaned_data"):
                continue
            if service_form.empty_permitted and not service_form.has_changed():
                continue
            keys = service_form.cleaned_data.get(LOCATION_ROWS) or []
            chosen = [rows[key] for key in keys if key in rows]
            service = service_form.instance
            service.locations.set([location for location in chosen if location.pk is not None])
            service.pending_location_uuids = [
                str(location.uuid) for location in chosen if location.pk is None
            ]

    def _unique_new_location_uuids(self) -> None:
        """Two new rows posted with the same UUID: the later ones get a UUID of their own."""
        seen = set()
        for row, _unused in self.location_rows():
            location = row.instance
            if location.uuid in seen and location.pk is None:
                location.uuid = uuid.uuid4()
            seen.add(location.uuid)
