"""Who may edit which organisation: memberships and the invitations that create them.

Invitation tokens are random, single use and expiring; only their SHA-256 hash is stored, so a
leaked database does not leak working links.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class Role(models.TextChoices):
    OWNER = "owner", _("beheerder")
    EDITOR = "editor", _("redacteur")


class Membership(models.Model):
    """A user's role in an organisation: owners also manage colleagues; editors edit only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="directory_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role", "user__email"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An emailed invitation to join (or claim) an organisation with a role."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geaccepteerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def create(cls, *, organisation, email, role, invited_by, valid_days=None):
        """Create an invitation; returns (invitation, token). The token is shown only once."""
        days = valid_days or getattr(settings, "DIRECTORY_INVITATION_VALID_DAYS", 7)
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            organisation=organisation,
            email=email.strip().lower(),
            role=role,
            invited_by=invited_by,
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=days),
        )
        return invitation, token

    @classmethod
    def find(cls, token: str):
        """The invitation for a token, whatever its state, or None."""
        return cls.objects.filter(token_hash=hash_token(token or "")).first()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
