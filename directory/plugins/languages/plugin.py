"""Built-in plugin: the languages an organisation works in.

The languages themselves are core data (``Organisation.languages``, a controlled vocabulary);
this plugin presents them: the editor's section (admin tab and member screen), a section on
the public page and in the API, and the ``taal``
filter of the directory (mapped onto the search query's ``languages``).
"""

from django.utils.translation import gettext_lazy as _

from directory.plugins import Facet, Section, hookimpl


def serialise(organisation) -> list[dict]:
    """The organisation's languages as ``{code, name}``, in vocabulary order."""
    return [{"code": lang.code, "name": lang.name} for lang in organisation.languages.all()]


def choices():
    from directory.models import Language

    return [(lang.code, lang.name) for lang in Language.objects.all()]


def to_query(params, values):
    """Add the chosen language codes to the search query's ``languages``."""
    params["languages"] = tuple(dict.fromkeys([*params.get("languages", ()), *values]))


def filter_queryset(queryset, values):
    return queryset.filter(languages__code__in=values).distinct()


@hookimpl
def directory_sections():
    from django import forms
    from wagtail.admin.panels import FieldPanel

    return [
        Section(
            key="talen",
            label=_("Talen"),
            template="directory/plugins/languages.html",
            # The organisation's own field, edited in this section's tab (admin and member
            # screen); leaving the plugin out leaves the languages as they are.
            panels=[FieldPanel("languages", widget=forms.CheckboxSelectMultiple)],
            api=serialise,
            prefetch=["languages"],
            order=20,
        )
    ]


@hookimpl
def directory_search_facets():
    return [
        Facet(
            param="taal",
            label=_("Taal"),
            choices=choices,
            to_query=to_query,
            filter_queryset=filter_queryset,
            order=40,
        )
    ]
