"""Webhooks: signed deliveries on publish, retried with exponential backoff, logged."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from apiplatform import webhooks
from apiplatform.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from apiplatform.tasks import deliver_due_webhooks, deliver_webhook

from .webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def settings_fast(settings):
    settings.WEBHOOK_BACKOFF_SECONDS = 30
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    return settings


def subscribe(url, events=(WebhookEvent.PAGE_PUBLISHED,)):
    return WebhookSubscription.objects.create(name="Gemeente", target_url=url, events=list(events))


def publish_page(django_capture_on_commit_callbacks, title="Nieuws"):
    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=Page(title=title, slug=title.lower(), live=False))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_publishing_sends_a_signed_delivery(settings_fast, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscription = subscribe(receiver.url)
        page = publish_page(django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    body = json.loads(request["body"])
    assert body["event"] == "page.published"
    assert body["data"]["title"] == "Nieuws"
    assert body["data"]["pageApiId"] == page.pk
    assert request["headers"][webhooks.EVENT_HEADER] == "page.published"
    signature = request["headers"][webhooks.SIGNATURE_HEADER]
    assert webhooks.verify(subscription.secret, signature, request["body"])
    assert not webhooks.verify("another-secret", signature, request["body"])
    assert not webhooks.verify(subscription.secret, signature, request["body"] + b" ")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 204
    assert str(delivery.uuid) == request["headers"][webhooks.DELIVERY_HEADER]


def test_subscriptions_only_hear_their_events(settings_fast, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        subscribe(receiver.url, events=[WebhookEvent.ORGANISATION_PUBLISHED])
        WebhookSubscription.objects.create(
            name="Uit", target_url=receiver.url, events=["page.published"], is_active=False
        )
        publish_page(django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_failed_delivery_is_retried_with_exponential_backoff(
    settings_fast, django_capture_on_commit_callbacks
):
    with Receiver(fail_first=2) as receiver:
        subscribe(receiver.url)
        publish_page(django_capture_on_commit_callbacks)
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.PENDING
        assert delivery.attempts == 1
        assert delivery.last_status_code == 503
        first_delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
        assert 25 <= first_delay <= 31

        # Not due yet: the sweep leaves it alone.
        assert deliver_due_webhooks.call() == 0

        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
        )
        assert deliver_due_webhooks.call() == 1
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        second_delay = (delivery.next_attempt_at - timezone.now()).total_seconds()
        assert 55 <= second_delay <= 61  # doubled

        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
        )
        deliver_due_webhooks.call()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.attempts == 3
    assert len(receiver.requests) == 3
    # Every attempt carries the same delivery id, so receivers can de-duplicate.
    assert len({r["headers"][webhooks.DELIVERY_HEADER] for r in receiver.requests}) == 1


def test_delivery_fails_for_good_after_max_attempts(
    settings_fast, django_capture_on_commit_callbacks
):
    with Receiver(fail_first=99, fail_status=500) as receiver:
        subscribe(receiver.url)
        publish_page(django_capture_on_commit_callbacks)
        for _ in range(5):
            WebhookDelivery.objects.filter(status="pending").update(
                next_attempt_at=timezone.now() - dt.timedelta(seconds=1)
            )
            deliver_due_webhooks.call()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 3


def test_unreachable_receiver_is_logged(settings_fast):
    subscription = subscribe("http://127.0.0.1:9/nothing-listens-here")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="page.published", payload={"x": 1}
    )
    deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert delivery.last_error


def test_backend_that_can_defer_gets_the_retry_with_run_after(settings_fast):
    settings_fast.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    deliver_webhook.get_backend().clear()
    with Receiver(fail_first=1) as receiver:
        subscription = subscribe(receiver.url)
        delivery = WebhookDelivery.objects.create(
            subscription=subscription, event="page.published", payload={"x": 1}
        )
        assert deliver_webhook.call(delivery.pk) == "retry scheduled"
    backend = deliver_webhook.get_backend()
    [result] = [r for r in backend.results if r.task.name == "deliver_webhook"]
    delivery.refresh_from_db()
    assert abs((result.task.run_after - delivery.next_attempt_at).total_seconds()) < 1
    assert list(result.args) == [delivery.pk]


def test_delivery_log_is_visible_and_read_only_in_admin(client, superuser):
    subscription = subscribe("http://127.0.0.1:9/x")
    delivery = WebhookDelivery.objects.create(
        subscription=subscription, event="page.published", payload={"x": 1}
    )
    client.force_login(superuser)
    listing = client.get("/admin/apiplatform/webhookdelivery/")
    assert listing.status_code == 200
    assert "page.published" in listing.content.decode() or "Pagina gepubliceerd" in (
        listing.content.decode()
    )
    inspect = client.get(f"/admin/apiplatform/webhookdelivery/inspect/{delivery.pk}/")
    assert inspect.status_code == 200
    assert client.get("/admin/apiplatform/webhookdelivery/new/").status_code in (302, 403)


def test_editor_subscribes_with_event_checkboxes(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/apiplatform/webhooksubscription/new/",
        {
            "name": "Regio",
            "target_url": "https://regio.example/hook",
            "events": ["organisation.published", "journey_version.published"],
            "secret": "geheim-geheim",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    subscription = WebhookSubscription.objects.get(name="Regio")
    assert subscription.events == ["organisation.published", "journey_version.published"]
    bad = client.post(
        "/admin/apiplatform/webhooksubscription/new/",
        {
            "name": "x",
            "target_url": "ftp://x.example/",
            "events": ["page.published"],
            "secret": "s",
        },
    )
    assert bad.status_code == 200
    assert not WebhookSubscription.objects.filter(name="x").exists()
