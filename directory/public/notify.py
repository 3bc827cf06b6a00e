"""Tell the moderators about a visitor's error report (stored first, emailed second).

The email is built like every directory email (`directory.emails`): Dutch text and an HTML
alternative (`templates/directory/email/error_report.*`), one message per moderator, with a
link to the report in the admin where they handle it.
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from .. import emails

logger = logging.getLogger(__name__)


def moderator_emails() -> list[str]:
    """Active moderators (the moderator group) and superusers that have an email address."""
    from directory.roles import MODERATOR_GROUP_NAME

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name=MODERATOR_GROUP_NAME))
    return sorted(set(users.values_list("email", flat=True)))


def email_moderators(report, request) -> bool:
    """Send the report to the moderators; a mail failure is logged, the report stays stored."""
    recipients = moderator_emails()
    if not recipients:
        return False
    admin_url = reverse(
        f"wagtailsnippets_{report._meta.app_label}_{report._meta.model_name}:edit",
        args=[report.pk],
    )
    context = {
        "report": report,
        "organisation": report.organisation,
        "page_url": request.build_absolute_uri(report.organisation.get_public_url()),
        "report_url": request.build_absolute_uri(admin_url),
    }
    try:
        emails.send("error_report", recipients, context)
    except OSError:
        logger.exception("Could not email error report %s", report.pk)
        return False
    return True
