"""Plugin sections on the member screen ("Mijn organisatie"), derived from their Wagtail panels.

A plugin describes its editor once, as Wagtail ``panels`` on its ``Section``. The admin shows
them as a tab (``panels.plugin_tabs``); the member screen, which is a plain Django form and not
the Wagtail admin, reads the same panels here:

- a ``FieldPanel`` names a field of the organisation: it becomes a field of the member form;
- an ``InlinePanel`` names a child relation (a ``ParentalKey`` to the organisation): it becomes
  a child formset of the member form, with the fields of the panel's own ``panels`` or, when
  it has none, every editable field of the child model;
- panel groups (``MultiFieldPanel``, ``FieldRowPanel``, ...) are walked through.

The widgets are the member screen's own (native date and time inputs, check boxes for multiple
choices) unless a ``FieldPanel`` names a widget. A plugin that needs more than its panels give
sets ``Section.form_class``: the form class for the rows of its (single) inline relation, or a
dict ``{relation name: form class}``.

Because the member form is a modelcluster ``ClusterForm`` and every section model hangs off a
``ParentalKey``, saving the form changes the in-memory cluster only; the member view stores it
as a draft revision that goes through moderation like the rest of the profile.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db import models
from django.forms.models import fields_for_model
from wagtail.admin.panels import FieldPanel, InlinePanel

from .manager import sections


@dataclass
class MemberFormset:
    """A child relation a section edits on the member screen."""

    relation_name: str
    label: Any  # what one row is called (legend of its fieldset)
    options: dict  # options for ``ClusterForm.Meta.formsets``


@dataclass
class MemberSection:
    """What one plugin section contributes to the member form."""

    section: Any
    fields: list[str] = field(default_factory=list)
    widgets: dict = field(default_factory=dict)
    formsets: list[MemberFormset] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def label(self):
        return self.section.label


def _walk(panels):
    """Every FieldPanel and InlinePanel in a list of panels, through panel groups."""
    for panel in panels or ():
        if isinstance(panel, str):
            yield FieldPanel(panel)
        elif isinstance(panel, InlinePanel | FieldPanel):
            yield panel
        else:
            yield from _walk(getattr(panel, "children", ()))


def member_widget(db_field):
    """The member screen's widget for a model field (None: Django's default)."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    if isinstance(db_field, models.TimeField):
        return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    if isinstance(db_field, models.TextField):
        return forms.Textarea(attrs={"rows": 3})
    if isinstance(db_field, models.ManyToManyField):
        return forms.CheckboxSelectMultiple
    return None


def _widgets(model, panels_and_names) -> dict:
    widgets = {}
    for name, panel in panels_and_names:
        widget = getattr(panel, "widget", None) if panel is not None else None
        if widget is None:
            try:
                widget = member_widget(model._meta.get_field(name))
            except Exception:  # a form-only field: keep Django's default
                widget = None
        if widget is not None:
            widgets[name] = widget
    return widgets


def _child_fields(child_model, panel: InlinePanel, fk_name: str) -> list[tuple[str, Any]]:
    if panel.panels:
        return [(p.field_name, p) for p in _walk(panel.panels) if isinstance(p, FieldPanel)]
    if getattr(child_model, "panels", None):
        return [(p.field_name, p) for p in _walk(child_model.panels) if isinstance(p, FieldPanel)]
    return [(name, None) for name in fields_for_model(child_model, exclude=[fk_name])]


def _row_label(panel: InlinePanel, child_model):
    """What one row is called: the panel's label, the model's own verbose name, the heading."""
    explicit = child_model._meta.original_attrs.get("verbose_name")
    return panel.label or explicit or panel.heading


def _form_class_for(section, relation_name: str, inline_count: int):
    form_class = section.form_class
    if isinstance(form_class, dict):
        return form_class.get(relation_name)
    return form_class if inline_count == 1 else None


def member_section(section, model) -> MemberSection:
    """Translate one plugin section's panels into member-form fields and formsets."""
    result = MemberSection(section=section)
    panels = list(_walk(section.panels))
    inline_count = sum(isinstance(p, InlinePanel) for p in panels)
    field_panels = []
    for panel in panels:
        if isinstance(panel, InlinePanel):
            relation = model._meta.get_field(panel.relation_name)
            child_model = relation.related_model
            fk_name = relation.field.name
            child_fields = _child_fields(child_model, panel, fk_name)
            options = {
                "fields": [name for name, _panel in child_fields],
                "widgets": _widgets(child_model, child_fields),
                "extra": 1,
                "min_num": panel.min_num,
                "max_num": panel.max_num,
            }
            form_class = _form_class_for(section, panel.relation_name, inline_count)
            if form_class is not None:
                options["form"] = form_class
            result.formsets.append(
                MemberFormset(
                    relation_name=panel.relation_name,
                    label=_row_label(panel, child_model),
                    options=options,
                )
            )
        else:
            field_panels.append((panel.field_name, panel))
    result.fields = [name for name, _panel in field_panels]
    result.widgets = _widgets(model, field_panels)
    return result


def member_sections(model) -> list[MemberSection]:
    """The member-screen parts of every plugin section that has something to edit."""
    parts = [member_section(section, model) for section in sections()]
    return [part for part in parts if part.fields or part.formsets]
