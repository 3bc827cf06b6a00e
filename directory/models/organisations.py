"""Partner organisations with their locations and services.

An `Organisation` is a Wagtail snippet with drafts, revisions, locking and workflow. Its
database row always holds the LIVE (last approved) content; edits live in revisions until a
moderator publishes them. Public code therefore reads rows through `Organisation.objects.listed()`
and never `latest_revision`. Locations and services are cluster children (ParentalKey), so they
are part of each revision and change only on publish.
"""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.images import get_image_model_string
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from ..validators import normalise_kvk, normalise_postcode, validate_kvk_number, validate_postcode
from .tags import ServicePhase, ServiceTheme
from .vocabularies import Language, Municipality, OrganisationType


class OrganisationQuerySet(models.QuerySet):
    """Domain queries on organisations (after securedrop.org's `DirectoryEntryQuerySet`)."""

    def listed(self):
        """What the public may see: organisations with a live (approved) version."""
        return self.filter(live=True)

    def members(self):
        return self.filter(is_member=True)

    def in_phases(self, phases):
        """Organisations with at least one service tagged with one of these journey phases."""
        return self.filter(services__phase_items__tag__phase__in=phases).distinct()

    def serving(self, municipality):
        """Organisations whose coverage includes the municipality."""
        return self.filter(municipalities=municipality)

    def review_due(self, before):
        """Organisations whose profile was not reviewed since `before` (or never)."""
        return self.filter(Q(last_reviewed_at__lt=before) | Q(last_reviewed_at__isnull=True))

    def for_user(self, user, action="change"):
        """The organisations this user may perform `action` on, by the one permission policy."""
        from ..permissions import organisation_permission_policy

        return organisation_permission_policy.instances_user_has_permission_for(
            user, action
        ).filter(pk__in=self.values("pk"))


OrganisationManager = models.Manager.from_queryset(OrganisationQuerySet)


class Organisation(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A partner organisation in the directory, maintained by its members, moderated by editors."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Deel van het webadres; wordt uit de naam gemaakt als u het leeg laat."),
    )
    name = models.CharField(_("naam"), max_length=200)
    organisation_type = models.ForeignKey(
        OrganisationType,
        verbose_name=_("type organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    description = models.TextField(_("beschrijving"), blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The logo's alternative text on this profile, part of every revision like the logo itself
    # (after Wagtail's ImageBlock, which keeps alt text with the use of an image): changing it
    # is moderated like any other edit, without uploading the image again. Empty: the image's
    # own alternative text (`get_logo_alt_text`).
    logo_alt_text = models.CharField(
        _("alternatieve tekst van het logo"),
        max_length=255,
        blank=True,
        help_text=_("Leeg laten: de alternatieve tekst van de afbeelding zelf."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("openbaar e-mailadres"), blank=True)
    phone = models.CharField(_("openbaar telefoonnummer"), max_length=40, blank=True)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        db_index=True,
        validators=[validate_kvk_number],
        help_text=_("8 cijfers, van de Kamer van Koophandel."),
    )
    is_member = models.BooleanField(
        _("lid van Sociaal Werk Nederland"),
        default=False,
        help_text=_("Alleen de redactie kan dit aanpassen."),
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("werkgebied (gemeenten)"),
        blank=True,
        related_name="organisations",
    )
    languages = ParentalManyToManyField(
        Language, verbose_name=_("gesproken talen"), blank=True, related_name="organisations"
    )
    last_reviewed_at = models.DateTimeField(
        _("laatst gecontroleerd op"), null=True, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )

    objects = OrganisationManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        permissions = [
            ("invite_organisation", _("Kan mensen uitnodigen voor een organisatie")),
        ]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        """Wagtail reads revisions through this name (the GenericRelation is `_revisions`)."""
        return self._revisions

    def clean_fields(self, exclude=None):
        self.kvk_number = normalise_kvk(self.kvk_number)
        super().clean_fields(exclude=exclude)

    def clean(self):
        """Run the directory plugins' validators (hook ``directory_validate_organisation``)."""
        super().clean()
        from ..plugins.manager import validation_error

        error = validation_error(self)
        if error is not None:
            raise error

    def save(self, *args, **kwargs):
        self.kvk_number = normalise_kvk(self.kvk_number)
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def unique_slug(self) -> str:
        base = slugify(self.name)[:110] or "organisatie"
        slug, counter = base, 2
        others = Organisation.objects.exclude(pk=self.pk)
        while others.filter(slug=slug).exists():
            slug = f"{base}-{counter}"
            counter += 1
        return slug

    def get_logo_alt_text(self) -> str:
        """The alternative text to show with the logo: this profile's own, else the image's."""
        if self.logo is None:
            return ""
        return self.logo_alt_text or self.logo.default_alt_text

    def get_phases(self):
        """The journey phases this organisation serves: the union of its services' phases.

        Computed from the live services on every call, so it cannot drift from them.
        """
        from journey.models import Phase

        return Phase.objects.filter(
            tag__service_items__content_object__organisation=self
        ).distinct()

    def get_public_url(self) -> str:
        """The public organisation page (built by the public directory pages)."""
        for name in ("directory_public:organisation", "directory:organisation"):
            try:
                return reverse(name, kwargs={"slug": self.slug})
            except NoReverseMatch:
                continue
        return f"/partners/{self.slug}/"


class Location(Orderable):
    """A place where an organisation receives people; coordinates come from the postcode."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam van de locatie"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=200, help_text=_("Straat en huisnummer."))
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    place = models.CharField(_("plaats"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    opening_hours = models.TextField(_("openingstijden"), blank=True)
    accessibility = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, invalidetoilet, ringleiding."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self):
        return self.name or f"{self.address}, {self.place}".strip(", ")

    def clean_fields(self, exclude=None):
        self.postcode = normalise_postcode(self.postcode)
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        self.fill_from_postcode()

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        self.fill_from_postcode()
        super().save(*args, **kwargs)

    def fill_from_postcode(self) -> None:
        """Fill coordinates, place and municipality from the postcode where they are missing."""
        if self.latitude is not None and self.longitude is not None and self.municipality_id:
            return
        from ..geocoding import get_geocoder

        point = get_geocoder().locate(self.postcode)
        if point is None:
            return
        if self.latitude is None or self.longitude is None:
            self.latitude, self.longitude = point.latitude, point.longitude
        if not self.place and point.place:
            self.place = point.place
        if not self.municipality_id and point.municipality_id:
            self.municipality_id = point.municipality_id


class Service(ClusterableModel, Orderable):
    """Something an organisation offers, for whom, where, and in which journey phases."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="services")
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam van de dienst"), max_length=200)
    description = models.TextField(_("wat bieden we aan"), blank=True)
    audience = models.TextField(_("voor wie"), blank=True)
    cost = models.CharField(_("kosten"), max_length=200, blank=True)
    how_to_apply = models.TextField(_("hoe aanmelden"), blank=True)
    languages = ParentalManyToManyField(
        Language, verbose_name=_("talen"), blank=True, related_name="services"
    )
    locations = ParentalManyToManyField(
        Location, verbose_name=_("locaties"), blank=True, related_name="services"
    )
    phases = ClusterTaggableManager(
        verbose_name=_("fasen van de Klantreis"),
        through=ServicePhase,
        blank=True,
        related_name="services",
    )
    themes = ClusterTaggableManager(
        verbose_name=_("thema's"),
        through=ServiceTheme,
        blank=True,
        related_name="directory_services",
    )
    # Locations chosen in a draft that exist only in that draft (no database id yet), by their
    # UUID; part of the revision like every field. On publication the directory turns them into
    # `locations` links and empties this list (`directory.signals.link_pending_locations`), so
    # on a live row it is always empty and nothing public ever reads it.
    pending_location_uuids = models.JSONField(
        _("locaties die nog alleen in het concept bestaan"),
        default=list,
        blank=True,
        editable=False,
    )

    class Meta(Orderable.Meta):
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")

    def __str__(self):
        return self.name
