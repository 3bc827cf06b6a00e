"""Wagtail panels that plugins add to the organisation editor.

The directory core builds its edit handler as ``TabbedInterface([..., *plugin_tabs()])``: one
tab per plugin section that has panels, so a plugin never edits core code to appear in the
admin or the member screen.
"""

from wagtail.admin.panels import ObjectList

from .manager import sections


def plugin_tabs() -> list[ObjectList]:
    """One editor tab per plugin section with panels, in section order."""
    return [
        ObjectList(list(section.panels), heading=section.label)
        for section in sections()
        if section.panels
    ]


def plugin_panels() -> list:
    """Every plugin panel as a flat list (for editors built without tabs)."""
    return [panel for section in sections() for panel in section.panels]
