"""How a plugin section's Wagtail panels become parts of the member form (no core changes)."""

from django import forms
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from directory.models import Organisation
from directory.plugins import Section
from directory.plugins.member import member_section, member_sections


class SlotForm(forms.ModelForm):
    pass


def test_field_and_inline_panels_become_fields_and_formsets():
    section = Section(
        key="proef",
        label="Proef",
        panels=[
            MultiFieldPanel([FieldPanel("languages")], heading="Groep"),
            InlinePanel(
                "opening_hours_slots",
                panels=[FieldPanel("weekday"), FieldPanel("opens")],
                label="Tijdvak",
                max_num=3,
            ),
        ],
        form_class={"opening_hours_slots": SlotForm},
    )
    part = member_section(section, Organisation)
    assert part.fields == ["languages"]
    assert part.widgets["languages"] is forms.CheckboxSelectMultiple
    [formset] = part.formsets
    assert formset.relation_name == "opening_hours_slots"
    assert formset.label == "Tijdvak"
    assert formset.options["fields"] == ["weekday", "opens"]
    assert formset.options["max_num"] == 3
    assert formset.options["form"] is SlotForm
    assert formset.options["widgets"]["opens"].input_type == "time"


def test_inline_panel_without_panels_edits_every_editable_field_of_the_child():
    part = member_section(
        Section(key="x", label="X", panels=[InlinePanel("volunteer_vacancies")]), Organisation
    )
    [formset] = part.formsets
    fields = formset.options["fields"]
    assert "title" in fields and "closes_on" in fields
    assert "organisation" not in fields and "uuid" not in fields and "sort_order" not in fields
    assert formset.options["widgets"]["closes_on"].input_type == "date"
    assert "form" not in formset.options  # the default child form


def test_sections_without_panels_add_nothing_to_the_member_form():
    assert member_section(Section(key="leeg", label="Leeg"), Organisation).formsets == []
    keys = [part.key for part in member_sections(Organisation)]
    # Built-in sections and the external example plugin, in section order.
    assert keys == ["openingstijden", "talen", "vrijwilligersvacatures", "keurmerken"]
