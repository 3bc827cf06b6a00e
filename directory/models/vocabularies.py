"""Editable vocabularies of the directory: organisation types, municipalities, languages,
and the postcode areas behind offline geocoding.

Municipalities and postcode areas are loaded from a dataset (`load_postcode_areas`,
`load_municipalities`) and stay correctable by editors; the CBS code stays blank until an
official list is imported, so nothing keys on it.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.Model):
    """What kind of organisation this is (social work, VluchtelingenWerk branch, ...)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("organisatietype")
        verbose_name_plural = _("organisatietypen")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class MunicipalityQuerySet(models.QuerySet):
    def by_name(self, name: str, province: str = ""):
        """Municipalities are matched by name (and province, since names like Bergen recur)."""
        qs = self.filter(name__iexact=name.strip())
        if province:
            qs = qs.filter(province__iexact=province.strip())
        return qs


class Municipality(models.Model):
    """A Dutch municipality (gemeente): the unit of coverage and of the journey's direction.

    `code` is the CBS code (GMxxxx); it is blank until an official CBS list is imported.
    """

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        blank=True,
        db_index=True,
        help_text=_(
            "Gemeentecode van het CBS, bijvoorbeeld GM0363. Leeg tot de officiële lijst "
            "is ingelezen."
        ),
    )
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    province = models.CharField(_("provincie"), max_length=60, blank=True)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_(
            "Opgeheven gemeenten (na een herindeling) worden niet verwijderd maar inactief gemaakt."
        ),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name", "province"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["name", "province"], name="municipality_name_prov"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)

    def unique_slug(self) -> str:
        """Slug from the name; with the province added when another municipality has it."""
        base = slugify(self.name)[:120] or "gemeente"
        others = Municipality.objects.exclude(pk=self.pk)
        if not others.filter(slug=base).exists():
            return base
        candidate = slugify(f"{self.name} {self.province}")[:140]
        counter = 2
        slug = candidate
        while others.filter(slug=slug).exists():
            slug = f"{candidate[:130]}-{counter}"
            counter += 1
        return slug


class Language(models.Model):
    """A language an organisation or service works in (ISO 639 code, Dutch name)."""

    code = models.CharField(
        _("taalcode"), max_length=12, unique=True, help_text=_("ISO 639-code, bijvoorbeeld ar.")
    )
    name = models.CharField(_("naam"), max_length=80)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("taal")
        verbose_name_plural = _("talen")

    def __str__(self):
        return self.name


class PostcodeArea(models.Model):
    """A 4-digit postcode area with its centre point: the offline geocoder's table."""

    pc4 = models.CharField(_("postcodegebied"), max_length=4, unique=True)
    place = models.CharField(_("plaats"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="postcode_areas",
    )
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))

    class Meta:
        ordering = ["pc4"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self):
        return f"{self.pc4} {self.place}".strip()
