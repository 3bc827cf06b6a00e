"""Admin URLs and menu items for organisation import and export."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("partnergids/import/", admin_views.import_view, name="directory_plugins_import"),
        path("partnergids/export/", admin_views.export_view, name="directory_plugins_export"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.add_organisation")


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Organisaties importeren"),
        reverse("directory_plugins_import"),
        icon_name="upload",
        order=10100,
    )


@hooks.register("register_admin_menu_item")
def export_menu_item():
    return MenuItem(
        _("Organisaties exporteren"),
        reverse("directory_plugins_export"),
        icon_name="download",
        order=10101,
    )
