"""Background work of the API platform (django-tasks).

`deliver_webhook` makes one attempt and, when it fails, schedules the next one after an
exponential backoff. A backend that can defer (the database backend in production) gets the
retry with `run_after`; the immediate backend cannot wait, so the retry stays due in the
delivery log and `deliver_due_webhooks` (run by `manage.py deliver_webhooks`, e.g. from cron)
picks it up.
"""

from django.utils import timezone
from django_tasks import task

from . import webhooks
from .models import WebhookDelivery


@task()
def deliver_webhook(delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"
    if webhooks.attempt(delivery):
        return "succeeded"
    if delivery.status == WebhookDelivery.Status.PENDING and delivery.next_attempt_at:
        if deliver_webhook.get_backend().supports_defer:
            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
            return "retry scheduled"
        return "retry due"
    return "failed"


@task()
def deliver_due_webhooks() -> int:
    """Attempt every pending delivery whose next attempt is due; return how many."""
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        delivery = WebhookDelivery.objects.select_related("subscription").get(pk=pk)
        webhooks.attempt(delivery)
        count += 1
    return count
