"""Visitors' error reports ("meld een fout") in the Wagtail admin: "Partnergids → Foutmeldingen".

A snippet viewset (Wagtail's own listing, filters, edit view and bulk actions) over
`directory.public.ErrorReport`. Who sees what comes from the one policy module
(`directory.permissions.ErrorReportPermissionPolicy`, registered for the model): moderators
see and handle every report; nobody adds reports here (visitors do, on the public page). The
listing is filtered through the policy as well, so a user who is only a member of an
organisation would see only its reports (members normally have no admin access at all and read
their reports on the member screen).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from ..models import Organisation
from ..permissions import error_report_permission_policy
from ..public.models import ErrorReport


def organisations_with_reports(request=None):
    return Organisation.objects.filter(error_reports__isnull=False).distinct().order_by("name")


class ErrorReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ErrorReport.Status.choices, empty_label=_("Alle")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"), queryset=organisations_with_reports
    )
    topic = django_filters.ChoiceFilter(
        label=_("Onderwerp"), choices=ErrorReport.Topic.choices, empty_label=_("Alle")
    )

    class Meta:
        model = ErrorReport
        fields = ["status", "organisation", "topic"]


class ErrorReportIndexView(IndexView):
    def get_base_queryset(self):
        allowed = error_report_permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    icon = "warning"
    menu_label = _("Foutmeldingen")
    menu_order = 600
    index_view_class = ErrorReportIndexView
    list_display = ["organisation", "topic", "status", "created_at"]
    filterset_class = ErrorReportFilterSet
    search_fields = ["message", "organisation__name"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_export = ["organisation", "topic", "status", "created_at", "message"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation", read_only=True),
                FieldPanel("topic", read_only=True),
                FieldPanel("message", read_only=True),
                FieldPanel("reporter_email", read_only=True),
                FieldPanel("created_at", read_only=True),
            ],
            heading=_("Melding van een bezoeker"),
        ),
        FieldPanel("status"),
    ]


class MarkHandledBulkAction(SnippetBulkAction):
    """Select reports in the listing and mark them handled in one go."""

    display_name = _("Markeer als afgehandeld")
    action_type = "mark_handled"
    aria_label = _("Markeer de gekozen foutmeldingen als afgehandeld")
    template_name = "directory/admin/confirm_mark_handled.html"
    action_priority = 10
    models = [ErrorReport]

    def check_perm(self, report):
        return error_report_permission_policy.user_has_permission_for_instance(
            self.request.user, "change", report
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = ErrorReport.objects.filter(pk__in=[report.pk for report in objects]).update(
            status=ErrorReport.Status.HANDLED
        )
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d foutmelding is als afgehandeld gemarkeerd.",
            "%(count)d foutmeldingen zijn als afgehandeld gemarkeerd.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
