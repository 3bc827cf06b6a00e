"""Forms of the member screens (Dutch labels from the models' verbose names).

The organisation form is a modelcluster `ClusterForm` with child formsets for locations and
services, so saving it changes the in-memory cluster only; the view turns that into a draft
revision. Members cannot change the slug, the membership flag or anything moderators own.

`member_organisation_form_class()` adds what the directory plugins' sections edit (their
fields and child formsets, derived from their Wagtail panels by `directory.plugins.member`), so
a plugin appears on the member screen without a change here. The logo is uploaded as a new
Wagtail image with required alternative text; the draft points at it, so the public keeps the
old logo until a moderator approves. The alternative text alone can be changed too (it is kept
in the draft).
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

from ..location_links import (
    ROW_UUID,
    LocationRowFormMixin,
    OrganisationLocationLinksMixin,
    ServiceLocationsFormMixin,
    location_rows_field,
    row_uuid_field,
)
from ..logos import logo_collection
from ..models import Location, Organisation, PhaseTag, Role, Service
from ..plugins.manager import get_plugin_manager
from ..plugins.member import member_sections
from ..validators import normalise_kvk


class LocationForm(LocationRowFormMixin, ClusterForm):
    """A location. Its UUID travels with the form (hidden, see `directory.location_links`), so
    that a location that exists only in the draft keeps its identity and services can point at
    it."""

    row_uuid = row_uuid_field()

    def has_changed(self):
        # The hidden UUID alone does not make an empty "new location" row a location.
        return any(name != ROW_UUID for name in self.changed_data)

    class Meta:
        model = Location
        fields = ["name", "address", "postcode", "place", "opening_hours", "accessibility"]
        widgets = {
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }


class ServiceForm(ServiceLocationsFormMixin, ClusterForm):
    """A service; its journey phases are chosen with checkboxes from the controlled list, its
    locations from the draft's locations (`directory.location_links`)."""

    phase_tags = forms.ModelMultipleChoiceField(
        label=_("Fasen van de Klantreis"),
        queryset=PhaseTag.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("In welke fasen van de Klantreis helpt deze dienst?"),
    )

    location_rows = location_rows_field(
        _(
            "Waar bieden we deze dienst aan? U kunt ook een locatie kiezen die u hierboven net "
            "hebt toegevoegd."
        )
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


class MemberOrganisationForm(OrganisationLocationLinksMixin, ClusterForm):
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
        label=_("Alternatieve tekst van het logo"),
        max_length=255,
        required=False,
        help_text=_(
            "Verplicht bij een logo: beschrijf het logo voor wie het niet kan zien, bijvoorbeeld "
            "de naam van de organisatie. U kunt de tekst ook aanpassen zonder het logo opnieuw "
            "te uploaden."
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The alternative text of the draft's logo, to change without uploading it again.
        self.fields["logo_alt"].initial = self.instance.get_logo_alt_text()

    def clean_kvk_number(self):
        return normalise_kvk(self.cleaned_data.get("kvk_number", ""))

    # Services at locations, including locations that are new in this draft ---------------------

    def new_location_label(self, number: int) -> str:
        return _("De nieuwe locatie hierboven (als u die invult)")

    def is_valid(self):
        return super().is_valid() and self.check_service_locations()

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
        elif (
            self.instance.logo_id is not None
            and not cleaned.get("remove_logo")
            and not (cleaned.get("logo_alt") or "").strip()
        ):
            self.add_error("logo_alt", _("Geef een alternatieve tekst voor het logo."))
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
        """Point the draft at the newly uploaded logo (a new Wagtail image), or at none, or give
        the draft's logo a new alternative text.

        A new image is stored at once (in the collection for logos); the live profile keeps its
        logo until a moderator approves the draft. A changed alternative text of the current
        logo goes into the draft (`Organisation.logo_alt_text`), not into the image, which has
        no drafts: so it is moderated like every other change. Logos that no draft or page uses
        any more are deleted by `directory.logos`.
        """
        self._logo_before = (draft.logo, draft.logo_alt_text)
        if self.cleaned_data.get("remove_logo"):
            draft.logo = None
            draft.logo_alt_text = ""
            return
        image = getattr(self, "_logo", None)
        if image is not None:
            image.collection = logo_collection()
            image.uploaded_by_user = user
            image.save()
            self._stored_logo_file = image.file.name
            draft.logo = image
            draft.logo_alt_text = ""  # the new image carries its own
            return
        if draft.logo is not None:
            alt_text = (self.cleaned_data.get("logo_alt") or "").strip()
            draft.logo_alt_text = "" if alt_text == draft.logo.default_alt_text else alt_text

    def discard_logo(self) -> None:
        """After a save that failed and was rolled back: delete the new logo's stored file and
        point the draft (shown again with the errors) back at the logo it had."""
        name = getattr(self, "_stored_logo_file", None)
        if name:
            get_image_model()._meta.get_field("file").storage.delete(name)
        self._stored_logo_file = None
        self._logo = None
        if hasattr(self, "_logo_before"):
            self.instance.logo, self.instance.logo_alt_text = self._logo_before


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
