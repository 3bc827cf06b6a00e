"""Admin views with behaviour the generic ones lack: an API key is shown exactly once."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from .keys import issue_api_key
from .member_tokens import issue_member_token
from .models import WebhookEvent, WebhookSubscription


class ApiKeyCreateView(generic.CreateView):
    """Creates the key, stores its hash, and puts the key itself in the success message."""

    success_message = _(
        "API-sleutel '%(object)s' aangemaakt. Kopieer de sleutel nu; hij wordt niet "
        "opnieuw getoond: %(token)s"
    )

    @property
    def expects_json_response(self):
        # The key must reach the editor as a message, never only inside a JSON response.
        return False

    def save_instance(self):
        instance = self.form.instance
        self._token = issue_api_key(instance)
        instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        return self.success_message % {"object": instance.name, "token": self._token}


class MemberTokenCreateView(ApiKeyCreateView):
    """Same once-only display; the user must be able to change the organisation."""

    success_message = _(
        "Token '%(object)s' aangemaakt. Geef het aan het lid; het wordt niet opnieuw getoond: "
        "%(token)s"
    )

    def save_instance(self):
        instance = self.form.instance
        self._token = issue_member_token(instance)
        return generic.CreateView.save_instance(self)

    def form_valid(self, form):
        from directory.permissions import organisation_permission_policy
        from directory.roles import CHANGE

        instance = form.instance
        if not organisation_permission_policy.user_has_permission_for_instance(
            instance.user, CHANGE, instance.organisation
        ):
            form.add_error("user", _("Deze gebruiker mag deze organisatie niet wijzigen."))
            return self.form_invalid(form)
        return super().form_valid(form)


class WebhookSubscriptionForm(WagtailAdminModelForm):
    """The events as checkboxes rather than raw JSON."""

    target_url = forms.URLField(label=_("adres (URL)"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("gebeurtenissen"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "target_url", "events", "secret", "is_active"]

    def clean_target_url(self):
        url = self.cleaned_data["target_url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Gebruik een http- of https-adres."))
        return url
