"""Tell the moderators about a visitor's error report (stored first, emailed second)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

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
    context = {
        "report": report,
        "organisation": report.organisation,
        "page_url": request.build_absolute_uri(report.organisation.get_public_url()),
    }
    try:
        send_mail(
            subject=_("Foutmelding over %(name)s") % {"name": report.organisation.name},
            message=render_to_string("directory/public/email/error_report.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    except OSError:
        logger.exception("Could not email error report %s", report.pk)
        return False
    return True
