"""Admin for the Klantreis: one "Klantreis" menu with the journey and its identities."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Actor, Journey, MindmapNode, Phase
from .permissions import NoDeletePermissionPolicy

for _model in (Phase, Actor, MindmapNode):
    register_permission_policy(_model, NoDeletePermissionPolicy(_model), exact_class=True)


class JourneyViewSet(SnippetViewSet):
    """The journey itself: draft, revisions, locking and workflow come from its mixins."""

    model = Journey
    icon = "list-ol"
    menu_label = _("Klantreis en mindmap")
    list_display = ["title", "live"]
    # Editing happens in the tabs of `Journey.edit_handler`.


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "order"
    menu_label = _("Fasen")
    list_display = [
        "title",
        "slug",
        "sort_order",
        BooleanColumn("is_retired", label=_("vervallen")),
    ]
    list_filter = ["is_retired"]
    search_fields = ["title", "slug"]
    ordering = ["sort_order", "pk"]
    panels = ["title", "slug"]


class ActorViewSet(SnippetViewSet):
    model = Actor
    icon = "group"
    menu_label = _("Actoren")
    list_display = ["name", "slug", BooleanColumn("is_retired", label=_("vervallen"))]
    list_filter = ["is_retired"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "pk"]
    panels = ["name", "slug"]


class MindmapNodeViewSet(SnippetViewSet):
    model = MindmapNode
    icon = "site"
    menu_label = _("Mindmapknopen")
    list_display = ["label", "slug", BooleanColumn("is_retired", label=_("vervallen"))]
    list_filter = ["is_retired"]
    search_fields = ["label", "slug"]
    panels = ["label", "slug"]


class JourneyGroup(SnippetViewSetGroup):
    menu_label = _("Klantreis")
    menu_icon = "list-ol"
    menu_order = 250
    items = (JourneyViewSet, PhaseViewSet, ActorViewSet, MindmapNodeViewSet)


register_snippet(JourneyGroup)
