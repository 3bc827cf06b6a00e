"""The "Partnergids" in the Wagtail admin: organisations with filters, and the vocabularies.

Organisations are listed, chosen and edited through `PolicyEnforcedViewSetMixin`, so the one
permission policy (`directory.permissions`) decides per organisation; moderators approve or
reject through the Wagtail workflow assigned to the snippet (`directory.setup`).
"""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin.error_reports import ErrorReportViewSet, MarkHandledBulkAction
from .admin.invite_view import AdminInviteView
from .admin.panels import organisation_edit_handler
from .admin.policy_views import PolicyEnforcedViewSetMixin
from .models import (
    Language,
    Municipality,
    Organisation,
    OrganisationType,
    PhaseTag,
)
from .permissions import organisation_permission_policy


class OrganisationFilterSet(WagtailFilterSet):
    organisation_type = django_filters.ModelChoiceFilter(
        label=_("Type organisatie"), queryset=OrganisationType.objects.all()
    )
    municipalities = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=Municipality.objects.filter(is_active=True)
    )
    phase = django_filters.ModelChoiceFilter(
        label=_("Fase"),
        queryset=PhaseTag.objects.all(),
        field_name="services__phase_items__tag",
        distinct=True,
    )
    languages = django_filters.ModelChoiceFilter(label=_("Taal"), queryset=Language.objects.all())
    is_member = django_filters.BooleanFilter(label=_("Lid"))

    class Meta:
        model = Organisation
        fields = ["organisation_type", "municipalities", "phase", "languages", "is_member"]


class OrganisationViewSet(PolicyEnforcedViewSetMixin, SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    menu_order = 100
    list_display = ["name", "organisation_type", "is_member", "last_reviewed_at"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "kvk_number", "locations__place"]
    search_backend_name = None  # plain database lookups; organisations are not in Wagtail search
    edit_handler = organisation_edit_handler
    ordering = ["name"]


class OrganisationTypeViewSet(SnippetViewSet):
    model = OrganisationType
    icon = "tag"
    menu_label = _("Organisatietypen")
    list_display = ["name", "slug", "sort_order"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_backend_name = None
    search_fields = ["name"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "province", "code", "is_active"]
    list_filter = ["province", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("province"),
        FieldPanel("code"),
        FieldPanel("is_active"),
    ]
    search_backend_name = None
    search_fields = ["name", "code"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Talen")
    list_display = ["name", "code", "sort_order"]
    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]
    search_backend_name = None
    search_fields = ["name", "code"]


class PhaseTagViewSet(SnippetViewSet):
    """The phase vocabulary: one tag per journey phase; names follow the Klantreis."""

    model = PhaseTag
    icon = "tag"
    menu_label = _("Fasetags")
    list_display = ["name", "phase", "slug"]
    panels = [FieldPanel("phase"), FieldPanel("name"), FieldPanel("slug")]
    search_backend_name = None
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (
        OrganisationViewSet,
        OrganisationTypeViewSet,
        MunicipalityViewSet,
        LanguageViewSet,
        PhaseTagViewSet,
        ErrorReportViewSet,
    )
    menu_icon = "group"
    menu_label = _("Partnergids")
    menu_name = "partnergids"
    menu_order = 250


register_snippet(DirectoryViewSetGroup)
hooks.register("register_bulk_action", MarkHandledBulkAction)


@hooks.register("register_admin_urls")
def register_invite_url():
    return [
        path(
            "partnergids/organisaties/<int:pk>/uitnodigen/",
            AdminInviteView.as_view(),
            name="directory_admin_invite",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def invite_button(snippet, user, next_url=None):
    """ "Uitnodigen" in an organisation's listing menu, for whoever the policy lets invite."""
    if not isinstance(snippet, Organisation):
        return []
    if not organisation_permission_policy.user_has_permission_for_instance(user, "invite", snippet):
        return []
    return [
        ListingButton(
            _("Uitnodigen"),
            url=reverse("directory_admin_invite", args=[snippet.pk]),
            icon_name="mail",
            priority=50,
        )
    ]
