"""Forms of the member screens (Dutch labels from the models' verbose names).

The organisation form is a modelcluster `ClusterForm` with child formsets for locations and
services, so saving it changes the in-memory cluster only; the view turns that into a draft
revision. Members cannot change the slug, the membership flag or anything moderators own.
"""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet, ClusterForm

from ..models import Location, Organisation, PhaseTag, Role, Service
from ..validators import normalise_kvk


class LocationForm(ClusterForm):
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

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "audience",
            "cost",
            "how_to_apply",
            "languages",
            "locations",
            "themes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "how_to_apply": forms.Textarea(attrs={"rows": 2}),
            "languages": forms.CheckboxSelectMultiple,
            "locations": forms.CheckboxSelectMultiple,
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
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )

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
            "languages",
            "municipalities",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "languages": forms.CheckboxSelectMultiple,
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
