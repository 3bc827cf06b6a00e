"""Template tags that render what plugins add to a public organisation page."""

from django import template
from django.template.loader import render_to_string

from ..manager import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def plugin_sections(context, organisation):
    """Render every plugin section that has a template, in order, for one organisation."""
    parts = []
    for section in sections():
        if not section.template:
            continue
        parts.append(
            render_to_string(
                section.template,
                {
                    "organisation": organisation,
                    "section": section,
                    "section_data": section.data(organisation),
                },
                request=context.get("request"),
            )
        )
    from django.utils.safestring import mark_safe

    return mark_safe("".join(parts))  # noqa: S308 - rendered, autoescaped templates
