"""Models of the API platform: content generation, API keys, webhooks.

Member write tokens are in `member_tokens.py`'s model below (they need the directory).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf


class ContentGeneration(models.Model):
    """One row whose counter goes up whenever published content changes.

    Every ETag of the API contains this counter, so a publish invalidates all cached API
    responses at once; no cache is ever purged by hand. The row lives in the database (not in
    a per-process cache) so every worker agrees on it.
    """

    wagtail_reference_index_ignore = True  # nothing here refers to content

    value = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("inhoudsgeneratie")
        verbose_name_plural = _("inhoudsgeneraties")

    def __str__(self):
        return f"{self.value} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


def default_rate_limit():
    return conf.get("API_KEY_DEFAULT_RATE_PER_MINUTE")


class ApiKey(models.Model):
    """A key for an external site. Only a SHA-256 hash is stored; the key is shown once.

    Keys are long random strings, so a fast hash is as safe as a slow one here; the prefix
    (the public part before the secret) finds the row without a scan.
    """

    wagtail_reference_index_ignore = True  # nothing here refers to content

    name = models.CharField(_("naam"), max_length=200, help_text=_("Voor wie is deze sleutel?"))
    contact_email = models.EmailField(_("e-mailadres van de beheerder"), blank=True)
    prefix = models.CharField(_("voorvoegsel"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("verzoeken per minuut"), default=default_rate_limit
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Zet uit om de sleutel in te trekken.")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    request_count = models.BigIntegerField(_("verzoeken totaal"), default=0, editable=False)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    def save(self, *args, **kwargs):
        if self.is_active:
            self.revoked_at = None
        elif self.revoked_at is None:
            self.revoked_at = timezone.now()
        super().save(*args, **kwargs)


class ApiKeyDailyUsage(models.Model):
    """Requests per key per day, so editors see who uses the API and how much."""

    wagtail_reference_index_ignore = True  # nothing here refers to content

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="daily_usage")
    day = models.DateField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dagelijks gebruik")
        verbose_name_plural = _("dagelijks gebruik")
        constraints = [
            models.UniqueConstraint(fields=["api_key", "day"], name="apikey_usage_unique_day")
        ]
        ordering = ["-day"]

    def __str__(self):
        return f"{self.api_key_id} {self.day}: {self.count}"


class WebhookEvent(models.TextChoices):
    ORGANISATION_PUBLISHED = "organisation.published", _("Organisatie gepubliceerd")
    ORGANISATION_UNPUBLISHED = "organisation.unpublished", _("Organisatie gedepubliceerd")
    PAGE_PUBLISHED = "page.published", _("Pagina gepubliceerd")
    JOURNEY_VERSION_PUBLISHED = "journey_version.published", _("Klantreisversie gepubliceerd")


def generate_webhook_secret():
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """An external site that wants to hear about changes, and the secret we sign with."""

    wagtail_reference_index_ignore = True  # nothing here refers to content

    name = models.CharField(_("naam"), max_length=200)
    target_url = models.URLField(_("adres (URL)"), max_length=500)
    events = models.JSONField(_("gebeurtenissen"), default=list, blank=True)
    secret = models.CharField(
        _("geheim"),
        max_length=128,
        default=generate_webhook_secret,
        help_text=_(
            "Gedeeld geheim voor de HMAC-SHA256-handtekening in de kop "
            "Ketenkaart-Signature. Geef het aan de ontvanger."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, event: str) -> bool:
        return self.is_active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event sent to one subscription, with every attempt's outcome (the delivery log)."""

    wagtail_reference_index_ignore = True  # nothing here refers to content

    class Status(models.TextChoices):
        PENDING = "pending", _("In afwachting")
        SUCCEEDED = "succeeded", _("Afgeleverd")
        FAILED = "failed", _("Mislukt")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("abonnement"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("gebeurtenis"), max_length=64, choices=WebhookEvent.choices)
    payload = models.JSONField(_("inhoud"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook-aflevering")
        verbose_name_plural = _("webhook-afleveringen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.subscription} ({self.get_status_display()})"


class MemberToken(models.Model):
    """A member's personal token to update its own organisation through the API.

    Stored as a SHA-256 hash like API keys. It acts as its user, and only while the one
    permission policy of the directory still lets that user change the organisation; what it
    writes becomes a draft revision in the same moderation as edits in the member screens.
    """

    wagtail_reference_index_ignore = True

    name = models.CharField(_("omschrijving"), max_length=200, help_text=_("Waarvoor?"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="api_member_tokens",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="api_member_tokens",
    )
    prefix = models.CharField(_("voorvoegsel"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("persoonlijk API-token")
        verbose_name_plural = _("persoonlijke API-tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix})"


class ServiceAtLocationId(models.Model):
    """The HSDS id of one (service, location) pair, so /api/hsds/service_at_locations/{id} is a
    primary-key lookup.

    HSDS wants a UUID for every service_at_location; we derive it from the two UUIDs
    (`derived_id("sal", service, location)`, a uuid5: stable, the same in the file export), which
    cannot be reversed. This table is that id → pair map, derived data kept in step lazily by
    `hsds/sal.py` (a lookup that misses after the content generation moved adds the pairs that
    have no row yet); a row is only trusted after checking that its pair still exists.
    """

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, editable=False)
    service = models.ForeignKey("directory.Service", on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey("directory.Location", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("HSDS-id van een dienst op locatie")
        verbose_name_plural = _("HSDS-ids van diensten op locatie")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="apiplatform_sal_pair")
        ]

    def __str__(self):
        return str(self.id)
