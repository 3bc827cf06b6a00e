"""Admin registration (viewsets live here, not in the models; DESIGN.md example 4)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import ContactPerson


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contactpersonen")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "job_title", "organisation", "email", "phone"]
    search_fields = ["name", "organisation"]


register_snippet(ContactPersonViewSet)
