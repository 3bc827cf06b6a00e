"""Admin registration (viewsets live here, not in the models; DESIGN.md example 4)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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


@hooks.register("insert_global_admin_js")
def tag_field_labels_js():
    """Labels for the text inputs that Wagtail's tag fields create (see the script)."""
    return format_html('<script src="{}"></script>', static("cms/admin/tag_field_labels.js"))
