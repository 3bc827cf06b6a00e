"""Attempt the webhook deliveries whose retry is due (for the immediate task backend).

With TASKS_BACKEND=database retries are scheduled in the task queue and this is not needed;
with the default immediate backend run it from cron, e.g. every minute.
"""

from django.core.management.base import BaseCommand

from apiplatform.tasks import deliver_due_webhooks


class Command(BaseCommand):
    help = "Attempt every pending webhook delivery whose next attempt is due."

    def handle(self, *args, **options):
        count = deliver_due_webhooks.call()
        self.stdout.write(f"{count} delivery attempt(s) made.")
