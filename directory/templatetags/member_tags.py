"""Template helpers for accessible member forms (WCAG 2.1 AA: labelled, described, announced)."""

from django import forms, template

register = template.Library()


@register.filter
def accessible(bound_field):
    """Render a widget with aria-describedby (help text, errors) and aria-invalid when in error."""
    described = []
    attrs = {}
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required:
        attrs["required"] = True
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(bound_field):
    """Checkbox lists and radio buttons are grouped in a fieldset with the label as legend."""
    return isinstance(bound_field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def is_checkbox(bound_field):
    widget = bound_field.field.widget
    return getattr(widget, "input_type", "") == "checkbox" and not getattr(
        widget, "allow_multiple_selected", False
    )
