"""Webhooks: which subscriptions hear an event, how a delivery is signed and attempted.

A delivery is a row (the log editors see); the task in tasks.py makes the attempts. Signing:
`Ketenkaart-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
subscription's secret>`, so a receiver can reject replays and forgeries (see the README).
"""

import datetime as dt
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from . import conf
from .models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Ketenkaart-Signature"
EVENT_HEADER = "Ketenkaart-Event"
DELIVERY_HEADER = "Ketenkaart-Delivery"
USER_AGENT = "Ketenkaart-Webhooks/1"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, tolerance: int = 300) -> bool:
    """What a receiver does (also used by our tests): check the signature and its age."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return hmac.compare_digest(expected, header)


def dispatch(event: str, data: dict) -> list[WebhookDelivery]:
    """Log a delivery for every active subscription to `event` and queue it after commit."""
    subscriptions = [
        s for s in WebhookSubscription.objects.filter(is_active=True) if s.wants(event)
    ]
    if not subscriptions:
        return []
    payload = json.loads(
        json.dumps(
            {"event": event, "occurredAt": timezone.now().isoformat(), "data": data},
            cls=DjangoJSONEncoder,
        )
    )
    deliveries = [
        WebhookDelivery.objects.create(subscription=s, event=event, payload=payload)
        for s in subscriptions
    ]
    from .tasks import deliver_webhook

    for delivery in deliveries:
        pk = delivery.pk
        transaction.on_commit(lambda pk=pk: deliver_webhook.enqueue(pk))
    return deliveries


def backoff_seconds(attempts: int) -> int:
    """Delay before attempt number attempts+1: base, 2x base, 4x base, ..."""
    return conf.get("WEBHOOK_BACKOFF_SECONDS") * 2 ** max(0, attempts - 1)


def attempt(delivery: WebhookDelivery) -> bool:
    """Make one HTTP attempt; record its outcome; return whether it succeeded."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    subscription = delivery.subscription
    request = urllib.request.Request(  # noqa: S310 (editors set http(s) URLs only)
        subscription.target_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            EVENT_HEADER: delivery.event,
            DELIVERY_HEADER: str(delivery.uuid),
            SIGNATURE_HEADER: sign(subscription.secret, int(time.time()), body),
        },
    )
    delivery.attempts += 1
    status, error = None, ""
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=conf.get("WEBHOOK_TIMEOUT_SECONDS")
        ) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(getattr(exc, "reason", exc))
    delivery.last_status_code = status
    delivery.last_error = error
    now = timezone.now()
    if status is not None and 200 <= status < 300:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= conf.get("WEBHOOK_MAX_ATTEMPTS"):
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.next_attempt_at = None
        logger.warning("Webhook delivery %s failed for good: %s", delivery.uuid, error or status)
    else:
        delivery.next_attempt_at = now + dt.timedelta(seconds=backoff_seconds(delivery.attempts))
    delivery.save()
    return delivery.status == WebhookDelivery.Status.SUCCEEDED
