"""Admin: editors maintain the search synonyms as a snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Zoeksynoniemen")
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]


register_snippet(SynonymViewSet)
