"""The versioned Klantreis: one `Journey` snippet whose cluster children are its content.

Editors work on drafts with Wagtail's own machinery (revisions, locking, workflow). Every
publication is recorded as a numbered `JourneyVersion` pointing at the published revision, so
an earlier version is read back from that immutable revision rather than from a parallel copy.
Children refer to the stable identities (`Phase`, `Actor`, `MindmapNode`), which is what makes
"renamed", "reordered" and "retired" comparable between versions.
"""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

ATTENTION_POINT_PAGE = "cms.AttentionPointPage"


class AttentionPointChooserPanel(PageChooserPanel):
    """A page chooser limited to attention-point pages once the cms app provides that type.

    The cms helper builds `cms.AttentionPointPage` in parallel; until it exists any page can be
    chosen, so the journey never breaks on a missing model.
    """

    def get_form_options(self):
        try:
            apps.get_model(ATTENTION_POINT_PAGE)
            self.page_type = ATTENTION_POINT_PAGE
        except LookupError:
            self.page_type = None
        return super().get_form_options()


class Journey(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """The Klantreis and its Mindmap, edited as a draft and published as numbered versions."""

    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("inleiding"), blank=True)
    mindmap_title = models.CharField(
        _("titel van de mindmap"),
        max_length=200,
        default=_("Wat een statushouder zoal tegenkomt"),
    )
    mindmap_intro = models.TextField(_("inleiding bij de mindmap"), blank=True)
    effective_date = models.DateField(
        _("ingangsdatum"),
        null=True,
        blank=True,
        help_text=_("Vanaf wanneer deze versie geldt; wordt bij publiceren vastgelegd."),
    )
    change_summary = models.TextField(
        _("samenvatting van de wijzigingen"),
        blank=True,
        help_text=_("Wat er in deze versie verandert; bezoekers zien dit bij de versie."),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="journey",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="journey",
        for_concrete_model=False,
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("intro"),
                    MultiFieldPanel(
                        [FieldPanel("effective_date"), FieldPanel("change_summary")],
                        heading=_("Deze versie"),
                    ),
                ],
                heading=_("Algemeen"),
            ),
            ObjectList(
                [
                    InlinePanel("phases", heading=_("Fasen"), label=_("fase")),
                    InlinePanel(
                        "attention_points", heading=_("Aandachtspunten"), label=_("aandachtspunt")
                    ),
                    InlinePanel("related_links", heading=_("Gerelateerde inhoud"), label=_("link")),
                ],
                heading=_("Fasen"),
            ),
            ObjectList(
                [
                    InlinePanel("actors", heading=_("Actoren"), label=_("actor")),
                    InlinePanel(
                        "responsibilities",
                        heading=_("Wie doet wat, wanneer"),
                        label=_("verantwoordelijkheid"),
                    ),
                    InlinePanel(
                        "touchpoints", heading=_("Contactmomenten"), label=_("contactmoment")
                    ),
                ],
                heading=_("Actoren en taken"),
            ),
            ObjectList(
                [
                    FieldPanel("mindmap_title"),
                    FieldPanel("mindmap_intro"),
                    InlinePanel("nodes", heading=_("Knopen"), label=_("knoop")),
                    InlinePanel("edges", heading=_("Verbindingen"), label=_("verbinding")),
                ],
                heading=_("Mindmap"),
            ),
        ]
    )

    # Wagtail's reference index re-reads the whole cluster after every child row is saved, so
    # publishing a journey of a few hundred rows would cost minutes (measured: ~350 child saves,
    # each re-indexing the whole journey). Its references are to our own identities and to a
    # handful of attention-point pages, so it is left out of the "usage" index.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("klantreis")
        verbose_name_plural = _("klantreizen")

    def __str__(self):
        return self.title


class JourneyPhase(Orderable):
    """A phase as this version describes it (its order is the inline's order)."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="phases")
    phase = models.ForeignKey(
        "journey.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("fase")
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    needs = models.TextField(_("behoeften van de nieuwkomer"), blank=True)
    questions = models.TextField(_("vragen van de nieuwkomer"), blank=True)
    pitfalls = models.TextField(_("valkuilen"), blank=True)
    timing = models.CharField(_("moment of duur"), max_length=200, blank=True)
    legal_basis = models.CharField(_("wettelijke basis"), max_length=300, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("phase"), FieldPanel("title")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("needs"), FieldPanel("questions"), FieldPanel("pitfalls")]),
        FieldRowPanel([FieldPanel("timing"), FieldPanel("legal_basis")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fase in de klantreis")
        verbose_name_plural = _("fasen in de klantreis")

    def __str__(self):
        return self.title


class JourneyActor(Orderable):
    """An actor as this version describes it."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="actors")
    actor = models.ForeignKey(
        "journey.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("actor")
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("actor"), FieldPanel("name")]),
        FieldPanel("description"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("actor in de klantreis")
        verbose_name_plural = _("actoren in de klantreis")

    def __str__(self):
        return self.name


class Responsibility(Orderable):
    """What an actor does in a phase, and to whom it hands over: one cell of the matrix."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="responsibilities")
    phase = models.ForeignKey(
        "journey.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("fase")
    )
    actor = models.ForeignKey(
        "journey.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("actor")
    )
    description = models.TextField(_("wat doet deze actor"))
    hands_over_to = models.ForeignKey(
        "journey.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draagt over aan"),
    )

    panels = [
        FieldRowPanel([FieldPanel("phase"), FieldPanel("actor"), FieldPanel("hands_over_to")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("verantwoordelijkheid")
        verbose_name_plural = _("verantwoordelijkheden")


class Touchpoint(Orderable):
    """A moment at which the newcomer meets the chain in a phase (intake, exam, move)."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="touchpoints")
    phase = models.ForeignKey(
        "journey.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("fase")
    )
    actor = models.ForeignKey(
        "journey.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("phase"), FieldPanel("actor"), FieldPanel("title")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")


class PhaseAttentionPoint(Orderable):
    """Links a phase to one of the five attention-point pages."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="attention_points")
    phase = models.ForeignKey(
        "journey.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("fase")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("aandachtspunt"),
    )

    panels = [FieldPanel("phase"), AttentionPointChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("aandachtspunt bij een fase")
        verbose_name_plural = _("aandachtspunten bij fasen")


class PhaseRelatedLink(Orderable):
    """Related content for a phase: a page on this site or an external link."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="related_links")
    phase = models.ForeignKey(
        "journey.Phase", on_delete=models.CASCADE, related_name="+", verbose_name=_("fase")
    )
    title = models.CharField(_("titel"), max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pagina"),
    )
    url = models.URLField(_("externe link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("phase"), FieldPanel("title")]),
        FieldRowPanel([PageChooserPanel("page"), FieldPanel("url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gerelateerde inhoud")
        verbose_name_plural = _("gerelateerde inhoud")


class NodeKind(models.TextChoices):
    DOMAIN = "domain", _("levensdomein")
    AGENCY = "agency", _("instantie")
    TRAJECTORY = "trajectory", _("traject")
    SCHEME = "scheme", _("regeling")


class EdgeKind(models.TextChoices):
    BELONGS_TO = "belongs_to", _("hoort bij")
    LEADS_TO = "leads_to", _("leidt naar")
    REFERS_TO = "refers_to", _("verwijst naar")


class JourneyNode(Orderable, ClusterableModel):
    """A Mindmap node as this version describes it, optionally tied to actors and phases."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="nodes")
    node = models.ForeignKey(
        "journey.MindmapNode",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("knoop"),
    )
    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=NodeKind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    actors = ParentalManyToManyField("journey.Actor", blank=True, verbose_name=_("actoren"))
    phases = ParentalManyToManyField("journey.Phase", blank=True, verbose_name=_("fasen"))

    panels = [
        FieldRowPanel([FieldPanel("node"), FieldPanel("label"), FieldPanel("kind")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("actors"), FieldPanel("phases")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("knoop in de mindmap")
        verbose_name_plural = _("knopen in de mindmap")

    def __str__(self):
        return self.label


class JourneyEdge(Orderable):
    """A connection between two Mindmap nodes ("hoort bij", "leidt naar", "verwijst naar")."""

    journey = ParentalKey(Journey, on_delete=models.CASCADE, related_name="edges")
    source = models.ForeignKey(
        "journey.MindmapNode", on_delete=models.CASCADE, related_name="+", verbose_name=_("van")
    )
    target = models.ForeignKey(
        "journey.MindmapNode", on_delete=models.CASCADE, related_name="+", verbose_name=_("naar")
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=EdgeKind.choices, default=EdgeKind.BELONGS_TO
    )

    panels = [FieldRowPanel([FieldPanel("source"), FieldPanel("kind"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("verbinding in de mindmap")
        verbose_name_plural = _("verbindingen in de mindmap")


class JourneyVersion(models.Model):
    """A published version: its number, effective date, change summary and revision.

    Rows are written only when a journey is published (see `journey.signals`), so everything
    public reads from here and never from a draft.
    """

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versienummer"))
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField(_("ingangsdatum"), null=True, blank=True)
    change_summary = models.TextField(_("samenvatting van de wijzigingen"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"))

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["journey", "number"], name="journey_version_unique")
        ]
        verbose_name = _("versie van de klantreis")
        verbose_name_plural = _("versies van de klantreis")

    def __str__(self):
        return _("Versie %(number)s") % {"number": self.number}
