"""Emails: Dutch templates, review reminders, and one real SMTP delivery on loopback."""

import socket
import time
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.emails import send_moderation_outcome
from directory.models import ReviewReminder, Role

from .factories import MembershipFactory, OrganisationFactory
from .helpers import assert_self_contained_accessible_html, html_part

pytestmark = pytest.mark.django_db


def test_review_reminders_go_to_members_of_stale_profiles_once(settings):
    settings.DIRECTORY_REVIEW_INTERVAL_DAYS = 30
    stale = OrganisationFactory(last_reviewed_at=timezone.now() - timedelta(days=40))
    fresh = OrganisationFactory(last_reviewed_at=timezone.now() - timedelta(days=5))
    never = OrganisationFactory()
    nobody = OrganisationFactory(last_reviewed_at=timezone.now() - timedelta(days=400))
    draft_only = OrganisationFactory(live=False)
    for organisation in (stale, fresh, never, draft_only):
        MembershipFactory(organisation=organisation, role=Role.OWNER)
    inactive = MembershipFactory(organisation=stale, role=Role.EDITOR)
    inactive.user.is_active = False
    inactive.user.save()

    call_command("send_review_reminders", verbosity=0)
    reminded = {m.subject for m in mail.outbox}
    assert reminded == {
        f"Kloppen de gegevens van {stale.name} nog?",
        f"Kloppen de gegevens van {never.name} nog?",
    }
    assert inactive.user.email not in {addr for m in mail.outbox for addr in m.to}
    assert "30 dagen" in mail.outbox[0].body
    assert nobody.name not in str(reminded) and fresh.name not in str(reminded)

    mail.outbox.clear()
    call_command("send_review_reminders", verbosity=0)
    assert mail.outbox == []  # reminded once per interval
    assert ReviewReminder.objects.count() == 2


def test_confirming_review_stops_reminders(client, owner, org_a, settings):
    from django.urls import reverse

    settings.DIRECTORY_REVIEW_INTERVAL_DAYS = 30
    client.force_login(owner)
    client.post(reverse("directory_member:confirm_reviewed", kwargs={"uuid": org_a.uuid}))
    call_command("send_review_reminders", verbosity=0)
    assert mail.outbox == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
            self.messages.append(envelope)
            return "250 Message accepted for delivery"

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_moderation_email_is_delivered_over_real_smtp(settings, smtp_server, org_a, owner):
    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""

    sent = send_moderation_outcome(org_a, approved=False, comment="Graag een telefoonnummer.")
    assert sent == 1
    deadline = time.monotonic() + 5
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    [envelope] = inbox.messages
    assert envelope.rcpt_tos == [owner.email]
    message = message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == f"Uw wijzigingen voor {org_a.name} zijn nog niet gepubliceerd"
    body = message.get_body(("plain",)).get_content()
    assert "Graag een telefoonnummer." in body
    assert "/mijn-organisatie/" in body


# --- HTML alternative ------------------------------------------------------------------------


@pytest.mark.parametrize("approved", [True, False])
def test_moderation_outcome_is_multipart_with_an_accessible_html_part(org_a, owner, approved):
    Organisation = type(org_a)
    Organisation.objects.filter(pk=org_a.pk).update(name="Huis & Haard <Zorg>")
    org_a.refresh_from_db()
    send_moderation_outcome(org_a, approved=approved, comment="Regel één.\nRegel <twee>.")
    [message] = mail.outbox
    # The text part stays, unescaped.
    assert "Huis & Haard <Zorg>" in message.body
    assert "&amp;" not in message.body
    assert "Regel <twee>." in message.body
    assert "Huis & Haard <Zorg>" in message.subject
    html = html_part(message)
    assert_self_contained_accessible_html(html)
    # Escaped in HTML: a name or comment can never inject markup.
    assert "Huis &amp; Haard &lt;Zorg&gt;" in html
    assert "Regel &lt;twee&gt;." in html
    assert "/mijn-organisatie/" in html
    assert "Opmerking van de redactie" in html


def test_invitation_email_has_html_alternative_with_the_same_link(
    org_a, owner, django_capture_on_commit_callbacks
):
    from directory.invitations import invite

    with django_capture_on_commit_callbacks(execute=True):
        invite(org_a, "nieuw@voorbeeld.invalid", Role.EDITOR, owner)
    message = mail.outbox[-1]
    html = html_part(message)
    assert_self_contained_accessible_html(html)
    link = next(word for word in message.body.split() if "/mijn-organisatie/uitnodiging/" in word)
    assert f'href="{link}"' in html
    assert "Uitnodiging accepteren" in html
    assert "uitgenodigd" in html


def test_review_reminder_has_html_alternative(settings):
    settings.DIRECTORY_REVIEW_INTERVAL_DAYS = 30
    stale = OrganisationFactory(last_reviewed_at=timezone.now() - timedelta(days=40))
    MembershipFactory(organisation=stale, role=Role.OWNER)
    call_command("send_review_reminders", verbosity=0)
    [message] = mail.outbox
    assert "30 dagen" in message.body
    html = html_part(message)
    assert_self_contained_accessible_html(html)
    assert "30 dagen" in html


def test_html_part_arrives_over_real_smtp_next_to_the_text(settings, smtp_server, org_a, owner):
    controller, inbox = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    send_moderation_outcome(org_a, approved=True, comment="")
    deadline = time.monotonic() + 5
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    [envelope] = inbox.messages
    message = message_from_bytes(envelope.original_content, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert "goedgekeurd" in message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert '<html lang="nl"' in html and "goedgekeurd" in html


@pytest.mark.parametrize(
    "name", ["invitation", "moderation_approved", "moderation_rejected", "review_reminder"]
)
def test_every_part_of_the_emails_goes_through_the_translation_machinery(name, org_a):
    """The emails are sent in Dutch, but no text is hard-coded: the English catalogue
    translates subject, text and HTML alike (so a missing {% translate %} shows up here)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from directory.models import Invitation

    invitation = Invitation(organisation=org_a, email="x@voorbeeld.invalid", role=Role.EDITOR)
    invitation.expires_at = timezone.now()
    context = {
        "organisation": org_a,
        "invitation": invitation,
        "site_name": "Ketenkaart",
        "comment": "",
        "interval_days": 30,
        "accept_url": "https://voorbeeld.invalid/a",
        "profile_url": "https://voorbeeld.invalid/p",
        "public_url": "https://voorbeeld.invalid/o",
    }
    with translation.override("en"):
        parts = [
            render_to_string(f"directory/email/{name}{suffix}", context)
            for suffix in ("_subject.txt", ".txt", ".html")
        ]
    dutch = ("Beste", "Met vriendelijke groet", "De redactie van", "profiel van", "gegevens")
    for part in parts:
        assert not [word for word in dutch if word in part], part
    assert "Kind regards" in parts[1]
