"""Built-in plugin: opening hours as a profile section (admin tab, public table, API)."""

from django.utils.translation import gettext_lazy as _

from directory.plugins import Section, hookimpl


def serialise(organisation) -> list[dict]:
    """Opening hours as JSON: weekday number (1 = Monday), Dutch name, opens/closes as HH:MM."""
    return [
        {
            "weekday": slot.weekday,
            "day": str(slot.get_weekday_display()),
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
            "note": slot.note,
        }
        for slot in sorted(
            organisation.opening_hours_slots.all(), key=lambda s: (s.weekday, s.opens)
        )
    ]


@hookimpl
def directory_sections():
    from wagtail.admin.panels import InlinePanel

    return [
        Section(
            key="openingstijden",
            label=_("Openingstijden"),
            template="directory/plugins/opening_hours.html",
            panels=[InlinePanel("opening_hours_slots", heading=_("Openingstijden"))],
            api=serialise,
            prefetch=["opening_hours_slots"],
            order=10,
        )
    ]


@hookimpl
def directory_validate_organisation(organisation):
    """Overlapping slots on the same day are a typing error: say which day."""
    cluster = getattr(organisation, "_cluster_related_objects", {})
    if organisation.pk is None and "opening_hours_slots" not in cluster:
        return {}  # a new organisation without hours (e.g. a CSV row): nothing to check
    slots = sorted(organisation.opening_hours_slots.all(), key=lambda s: (s.weekday, s.opens or 0))
    for earlier, later in zip(slots, slots[1:], strict=False):
        if (
            earlier.weekday == later.weekday
            and earlier.closes
            and later.opens
            and later.opens < earlier.closes
        ):
            return {
                "__all__": [
                    _("Openingstijden overlappen op %(day)s.")
                    % {"day": earlier.get_weekday_display()}
                ]
            }
    return {}
