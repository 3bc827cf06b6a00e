"""Forms of the member screens (Dutch labels from the models' verbose names).

The organisation form is a modelcluster `ClusterForm` with child formsets for locations and
services, so saving it changes the in-memory cluster only; the view turns that into a draft
revision. Members cannot change the slug, the membership flag or anything moderators own.

`member_organisation_form_class()` adds what the directory plugins' sections edit (their
fields and child formsets, derived from their Wagtail panels by `directory.plugins.member`), so
a plugin appears on the member screen without a change here. The logo is uploaded as a new
Wagtail image with required alternative text; the draft points at it, so the public keeps the
old logo until a moderator approves.
"""

import functools

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet, ClusterForm
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from cms.validators import validate_image_file

from ..models import Location, Organisation, PhaseTag, Role, Service
from ..plugins.manager import get_plugin_manager
from ..plugins.member import member_sections
from ..validators import normalise_kvk

LOGO_COLLECTION_NAME = "Logo's partnergids"


class LocationForm(ClusterForm):
    """A location. Its UUID travels with the form (hidden), so that a location that exists only
    in the draft keeps its identity from one save to the next and services can point at it."""

    row_uuid = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row_uuid"].initial = self.instance.uuid

    def clean(self):
        cleaned = super().clean()
        posted = cleaned.get("row_uuid")
        # Keep the draft's identity for a new location, unless the UUID is taken.
        if (
            self.instance.pk is None
            and posted
            and posted != self.instance.uuid
            and not Location.objects.filter(uuid=posted).exists()
        ):
            self.instance.uuid = posted
        return cleaned

    def has_changed(self):
        # The hidden UUID alone does not make an empty "new location" row a location.
        return any(name != "row_uuid" for name in self.changed_data)

    @property
    def row_key(self) -> str:
        """How services refer to this row: the UUID the page was rendered with."""
        value = self["row_uuid"].value() if self.is_bound else self.instance.uuid
        return str(value or self.instance.uuid)

    class Meta:
        model = Location
        fields = ["name", "address", "postcode", "place", "opening_hours", "accessibility"]
        widgets = {
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }


class ServiceForm(ClusterForm):
    """A service; its journey phases are chosen with checkboxes from the controlled list."""

    phase_tags = forms.ModelMultipleChoiceField(
        label=_("Fasen van de Klantreis"),
        queryset=PhaseTag.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("In welke fasen van de Klantreis helpt deze dienst?"),
    )

    location_rows = forms.MultipleChoiceField(
        label=_("Locaties"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Waar bieden we deze dienst aan? U kunt ook een locatie kiezen die u hierboven net "
            "hebt toegevoegd."
        ),
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "audience",
            "cost",
            "how_to_apply",
            "languages",
            "themes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "how_to_apply": forms.Textarea(attrs={"rows": 2}),
            "languages": forms.CheckboxSelectMultiple,
        }
        help_texts = {"themes": _("Trefwoorden, gescheiden door komma's.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None and not self.is_bound:
            self.initial["phase_tags"] = [tag.pk for tag in self.instance.phases.all()]

    def save(self, commit=True):
        instance = super().save(commit=False)
        instance.phases.set(list(self.cleaned_data.get("phase_tags") or []))
        if commit:
            instance.save()
        return instance


class MemberOrganisationForm(ClusterForm):
    """The core of the member's profile form (see `member_organisation_form_class`)."""

    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )
    logo_file = WagtailImageField(
        label=_("Nieuw logo"),
        required=False,
        validators=[validate_image_file],
    )
    logo_alt = forms.CharField(
        label=_("Alternatieve tekst van het nieuwe logo"),
        max_length=255,
        required=False,
        help_text=_(
            "Verplicht bij een nieuw logo: beschrijf het logo voor wie het niet kan zien, "
            "bijvoorbeeld de naam van de organisatie."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Logo verwijderen"), required=False)

    # Form-only fields that are not part of the organisation model.
    logo_fields = ("logo_file", "logo_alt", "remove_logo")
    # Filled in by `member_organisation_form_class`: the plugin sections' parts.
    member_sections: list = []

    class Meta:
        model = Organisation
        fields = [
            "name",
            "organisation_type",
            "description",
            "website",
            "email",
            "phone",
            "kvk_number",
            "municipalities",
        ]
        # The languages are edited in the languages plugin's section (directory.plugins).
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "municipalities": forms.SelectMultiple(attrs={"size": 8}),
        }
        formsets = {
            "locations": {
                "form": LocationForm,
                "formset": BaseChildFormSet,
                "fields": LocationForm.Meta.fields,
                "widgets": LocationForm.Meta.widgets,
                "extra": 1,
            },
            "services": {
                "form": ServiceForm,
                "formset": BaseChildFormSet,
                "fields": ServiceForm.Meta.fields,
                "widgets": ServiceForm.Meta.widgets,
                "extra": 1,
            },
        }

    def clean_kvk_number(self):
        return normalise_kvk(self.cleaned_data.get("kvk_number", ""))

    # Services at locations, including locations that are new in this draft ---------------------

    def location_rows(self) -> list[tuple[LocationForm, bool]]:
        """The location rows of the form: (row form, is an unused empty extra row)."""
        formset = self.formsets["locations"]
        rows = []
        for index, row in enumerate(formset.forms):
            unused = index >= formset.initial_form_count() and not (
                row.is_bound and row.has_changed()
            )
            rows.append((row, unused))
        return rows

    def set_location_choices(self) -> None:
        """Offer every location of the draft, and the empty "new location" rows, to services.

        Choices are the rows' UUIDs; a service's current locations (live ones by id, draft-only
        ones by UUID) are ticked.
        """
        formset = self.formsets["locations"]
        choices = []
        for index, row in enumerate(formset.forms):
            if index < formset.initial_form_count():
                label = str(row.instance) or _("Locatie %(number)s") % {"number": index + 1}
            else:
                label = _("De nieuwe locatie hierboven (als u die invult)")
            choices.append((row.row_key, label))
        services = self.formsets["services"]
        for service_form in [*services.forms, services.empty_form]:
            field = service_form.fields["location_rows"]
            field.choices = choices
            service = service_form.instance
            if not service_form.is_bound and service is not None:
                chosen = {str(uuid) for uuid in service.pending_location_uuids or []}
                live_ids = {location.pk for location in service.locations.all()}
                service_form.initial["location_rows"] = [
                    row.row_key
                    for row in formset.forms[: formset.initial_form_count()]
                    if row.row_key in chosen
                    or (row.instance.pk is not None and row.instance.pk in live_ids)
                ]

    def is_valid(self):
        valid = super().is_valid()
        if not valid:
            return False
        rows = {row.row_key: (row, unused) for row, unused in self.location_rows()}
        deleted = set(self.formsets["locations"].deleted_forms)
        for service_form in self.formsets["services"].forms:
            for key in service_form.cleaned_data.get("location_rows") or []:
                row, unused = rows.get(key, (None, True))
                if row is None or row in deleted:
                    service_form.add_error(
                        "location_rows", _("Deze locatie wordt verwijderd; kies een andere.")
                    )
                elif unused:
                    service_form.add_error(
                        "location_rows", _("Vul de nieuwe locatie in, of vink haar hier uit.")
                    )
        return not any(form.errors for form in self.formsets["services"].forms)

    def save(self, commit=True):
        instance = super().save(commit=False)
        self._link_service_locations()
        if commit:
            instance.save()  # a ClusterableModel commits its children with it
            self._save_m2m()
        return instance

    def _link_service_locations(self) -> None:
        """Point each service at its chosen rows: live locations by id, new ones by UUID."""
        rows = {row.row_key: row.instance for row, unused in self.location_rows() if not unused}
        deleted = set(self.formsets["services"].deleted_forms)
        for service_form in self.formsets["services"].forms:
            if service_form in deleted or not hasattr(service_form, "cleaned_data"):
                continue
            if service_form.empty_permitted and not service_form.has_changed():
                continue
            chosen = [
                rows[key]
                for key in service_form.cleaned_data.get("location_rows") or []
                if key in rows
            ]
            service = service_form.instance
            service.locations.set([location for location in chosen if location.pk is not None])
            service.pending_location_uuids = [
                str(location.uuid) for location in chosen if location.pk is None
            ]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("logo_file")
        if upload and not (cleaned.get("logo_alt") or "").strip():
            self.add_error("logo_alt", _("Geef een alternatieve tekst voor het nieuwe logo."))
        elif upload and cleaned.get("remove_logo"):
            self.add_error(
                "remove_logo", _("Kies een nieuw logo of verwijder het logo, niet allebei.")
            )
        elif upload:
            self._logo = self._build_logo(upload, cleaned["logo_alt"].strip())
        return cleaned

    def _build_logo(self, upload, alt_text):
        """The new logo as an unsaved Wagtail image, checked by the image model's own rules.

        `cms.CustomImage.clean` is the one place that checks uploads (content against the
        extension, pixel count, required alt text); its errors are shown at the upload field.
        """
        image = get_image_model()(
            title=str(_("Logo %(name)s") % {"name": self.cleaned_data.get("name", "")})[:255],
            description=alt_text,
            file=upload,
        )
        try:
            image.full_clean(exclude=["collection", "uploaded_by_user"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = "logo_alt" if field == "description" else "logo_file"
                for message in messages:
                    self.add_error(target, message)
            return None
        return image

    def apply_logo(self, draft, user) -> None:
        """Point the draft at the newly uploaded logo (a new Wagtail image), or at none.

        The image is stored at once (in the collection for logos); the live profile keeps its
        logo until a moderator approves the draft.
        """
        if self.cleaned_data.get("remove_logo"):
            draft.logo = None
            return
        image = getattr(self, "_logo", None)
        if image is None:
            return
        image.collection = logo_collection()
        image.uploaded_by_user = user
        image.save()
        draft.logo = image


def logo_collection():
    """The Wagtail collection members' logos go into (created on first use)."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=LOGO_COLLECTION_NAME).first()
    return existing or root.add_child(name=LOGO_COLLECTION_NAME)


def member_organisation_form_class():
    """The member form with every plugin section's fields and formsets (built per plugin set)."""
    return _build_member_form(get_plugin_manager())


@functools.cache
def _build_member_form(plugin_manager):
    parts = member_sections(Organisation)
    core = MemberOrganisationForm.Meta
    fields = list(core.fields)
    widgets = dict(core.widgets)
    formsets = dict(core.formsets)
    for part in parts:
        fields += [name for name in part.fields if name not in fields]
        widgets.update(part.widgets)
        for formset in part.formsets:
            formsets[formset.relation_name] = {
                "formset": BaseChildFormSet,
                **{k: v for k, v in formset.options.items() if v is not None},
            }
    meta = type("Meta", (core,), {"fields": fields, "widgets": widgets, "formsets": formsets})
    return type(MemberOrganisationForm)(
        "PluginMemberOrganisationForm",
        (MemberOrganisationForm,),
        {"Meta": meta, "member_sections": parts, "__module__": __name__},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.EDITOR)


class AccountForm(forms.Form):
    """Create an account while accepting an invitation (the email comes from the invitation)."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord (nogmaals)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De wachtwoorden zijn niet gelijk."))
        elif password1:
            user = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def create_user(self):
        user_model = get_user_model()
        return user_model.objects.create_user(
            username=self.email,
            email=self.email,
            password=self.cleaned_data["password1"],
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
        )
