"""Edit panels of the directory snippets, in Dutch, grouped in tabs the way editors work."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)

from ..plugins.panels import plugin_tabs
from .forms import AdminLocationForm, AdminOrganisationForm, AdminServiceForm, FormClassInlinePanel

LOCATION_PANELS = [
    FieldPanel("name"),
    FieldPanel("address"),
    FieldRowPanel([FieldPanel("postcode"), FieldPanel("place")]),
    FieldPanel("municipality"),
    FieldRowPanel(
        [FieldPanel("latitude"), FieldPanel("longitude")],
        help_text=_("Leeg laten: de coördinaten worden uit de postcode afgeleid."),
    ),
    FieldPanel("opening_hours"),
    FieldPanel("accessibility"),
]

SERVICE_PANELS = [
    FieldPanel("name"),
    FieldPanel("description"),
    FieldPanel("audience"),
    FieldRowPanel([FieldPanel("cost")]),
    FieldPanel("how_to_apply"),
    FieldPanel("phases"),
    FieldPanel("themes"),
    FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
    # The locations of this organisation's draft, by UUID (see `admin/forms.py`).
    FieldPanel("location_rows"),
]

organisation_edit_handler = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("organisation_type"),
                FieldPanel("description"),
                FieldPanel("logo"),
                FieldPanel("logo_alt_text"),
                MultiFieldPanel(
                    [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")],
                    heading=_("Contact"),
                ),
                FieldPanel("kvk_number"),
                FieldPanel("is_member"),
                # The languages are in the languages plugin's tab (directory.plugins.languages).
                FieldPanel("municipalities"),
            ],
            heading=_("Organisatie"),
        ),
        ObjectList(
            [
                FormClassInlinePanel(
                    "locations",
                    panels=LOCATION_PANELS,
                    label=_("Locatie"),
                    form_class=AdminLocationForm,
                )
            ],
            heading=_("Locaties"),
        ),
        ObjectList(
            [
                FormClassInlinePanel(
                    "services",
                    panels=SERVICE_PANELS,
                    label=_("Dienst"),
                    form_class=AdminServiceForm,
                )
            ],
            heading=_("Diensten"),
        ),
        *plugin_tabs(),  # one tab per plugin section (directory.plugins)
    ],
    base_form_class=AdminOrganisationForm,
)
