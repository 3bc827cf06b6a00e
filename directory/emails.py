"""Emails of the directory: invitations, moderation outcomes, review reminders.

Django's email machinery (console backend by default, SMTP by configuration). Every message
is multipart/alternative: a Dutch plain-text body (`templates/directory/email/<name>.txt`, the
part every mail client can show) and an HTML alternative (`<name>.html`, extending
`email/base.html`: `lang="nl"`, inline styles only, no images, fonts or other external
resources, links written out in full). The subject comes from `<name>_subject.txt`.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Membership


def absolute_url(path: str) -> str:
    base = getattr(settings, "DIRECTORY_SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def render(name: str, context: dict) -> tuple[str, str, str]:
    """Subject, plain-text body and HTML body of email `name`, rendered in Dutch."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
    with translation.override("nl"):
        subject = " ".join(render_to_string(f"directory/email/{name}_subject.txt", context).split())
        context["subject"] = subject
        text = render_to_string(f"directory/email/{name}.txt", context)
        html = render_to_string(f"directory/email/{name}.html", context)
    return subject, text, html


def send(name: str, recipients, context: dict) -> int:
    """Send email `name` (text + HTML alternative) in Dutch, one message per person."""
    recipients = sorted({r.strip().lower() for r in recipients if r})
    if not recipients:
        return 0
    subject, text, html = render(name, context)
    sent = 0
    for recipient in recipients:
        message = EmailMultiAlternatives(subject, text, to=[recipient])
        message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent


def member_emails(organisation) -> list[str]:
    return list(
        Membership.objects.filter(organisation=organisation, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def send_invitation(invitation, token: str) -> int:
    return send(
        "invitation",
        [invitation.email],
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "accept_url": absolute_url(
                reverse("directory_member:accept_invitation", kwargs={"token": token})
            ),
            "inviter": invitation.invited_by,
        },
    )


def send_moderation_outcome(organisation, *, approved: bool, comment: str, extra=()) -> int:
    return send(
        "moderation_approved" if approved else "moderation_rejected",
        [*member_emails(organisation), *extra],
        {
            "organisation": organisation,
            "comment": comment,
            "profile_url": absolute_url(
                reverse("directory_member:profile", kwargs={"uuid": organisation.uuid})
            ),
            "public_url": absolute_url(organisation.get_public_url()),
        },
    )


def send_review_reminder(organisation, interval_days: int) -> int:
    return send(
        "review_reminder",
        member_emails(organisation),
        {
            "organisation": organisation,
            "interval_days": interval_days,
            "profile_url": absolute_url(
                reverse("directory_member:profile", kwargs={"uuid": organisation.uuid})
            ),
        },
    )
