"""Email the members of organisations whose profile was not reviewed for a while.

The interval is `DIRECTORY_REVIEW_INTERVAL_DAYS` (default 180). A profile is reminded at most
once per interval: a reminder sent within the interval is enough. Organisations without
members are skipped (there is nobody to ask); the editors see them in the admin instead.
Run it daily from cron or a scheduler.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Exists, OuterRef
from django.utils import timezone

from directory.emails import member_emails, send_review_reminder
from directory.models import Membership, Organisation, ReviewReminder


def review_interval_days() -> int:
    return int(getattr(settings, "DIRECTORY_REVIEW_INTERVAL_DAYS", 180))


def organisations_to_remind(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=review_interval_days())
    recent_reminder = ReviewReminder.objects.filter(
        organisation=OuterRef("pk"), sent_at__gte=cutoff
    )
    has_members = Membership.objects.filter(organisation=OuterRef("pk"), user__is_active=True)
    return (
        Organisation.objects.listed()
        .review_due(cutoff)
        .filter(Exists(has_members))
        .exclude(Exists(recent_reminder))
        .order_by("pk")
    )


class Command(BaseCommand):
    help = "Stuurt controleherinneringen voor profielen die lang niet zijn gecontroleerd."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tonen, niets versturen.")

    def handle(self, *args, dry_run=False, **options):
        days = review_interval_days()
        sent = 0
        for organisation in organisations_to_remind().iterator(chunk_size=500):
            if dry_run:
                self.stdout.write(f"{organisation.name}: {', '.join(member_emails(organisation))}")
                continue
            count = send_review_reminder(organisation, days)
            ReviewReminder.objects.create(organisation=organisation, recipients=count)
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"{sent} herinneringen verstuurd."))
