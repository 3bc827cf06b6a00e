"""Built-in plugin: volunteering vacancies (admin tab, public section, API field)."""

from django.utils.translation import gettext_lazy as _

from directory.plugins import Section, hookimpl


def open_vacancies(organisation) -> list:
    """The vacancies still open today, in their editor order (uses prefetched rows)."""
    return [v for v in organisation.volunteer_vacancies.all() if v.is_open]


def serialise(organisation) -> list[dict]:
    return [
        {
            "id": str(v.uuid),
            "title": v.title,
            "description": v.description,
            "hours_per_week": v.hours_per_week,
            "phase": v.phase.slug if v.phase_id and v.phase else None,
            "contact_email": v.contact_email,
            "closes_on": v.closes_on.isoformat() if v.closes_on else None,
        }
        for v in open_vacancies(organisation)
    ]


@hookimpl
def directory_sections():
    from wagtail.admin.panels import InlinePanel

    return [
        Section(
            key="vrijwilligersvacatures",
            label=_("Vrijwilligerswerk"),
            template="directory/plugins/vacancies.html",
            panels=[InlinePanel("volunteer_vacancies", heading=_("Vrijwilligersvacatures"))],
            api=serialise,
            prefetch=["volunteer_vacancies__phase"],
            order=30,
        )
    ]
