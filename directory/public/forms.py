"""The visitor's "report an error" form, with a honeypot against simple bots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ErrorReport


class ErrorReportForm(forms.ModelForm):
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    homepage = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ErrorReport
        fields = ["topic", "message", "reporter_email"]
        labels = {"reporter_email": _("Uw e-mailadres (niet verplicht)")}
        help_texts = {
            "message": _("Beschrijf zo precies mogelijk wat er niet klopt."),
            "reporter_email": _("Alleen als u wilt dat we u iets terug laten weten."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}

    def is_bot(self) -> bool:
        return bool(self.data.get("homepage"))
