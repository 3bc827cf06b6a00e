"""Seed the Klantreis from DOMAIN.md and publish it as version 1 (idempotent).

Identities are created by slug only when missing. Once a journey exists the command leaves it
alone, so editors' later versions are never overwritten by a re-run.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from journey import seed_data as seed
from journey.models import (
    Actor,
    Journey,
    JourneyActor,
    JourneyEdge,
    JourneyNode,
    JourneyPhase,
    MindmapNode,
    Phase,
    PhaseAttentionPoint,
    Responsibility,
)
from journey.models.journey import ATTENTION_POINT_PAGE


class Command(BaseCommand):
    help = "Laadt de klantreis en mindmap uit de domeinbeschrijving en publiceert versie 1."

    @transaction.atomic
    def handle(self, *args, **options):
        if Journey.objects.exists():
            self.stdout.write("Klantreis bestaat al; niets gewijzigd.")
            return
        phases = self.ensure_phases()
        actors = self.ensure_actors()
        nodes = self.ensure_nodes()
        journey = Journey(
            title=seed.JOURNEY_TITLE,
            intro=seed.JOURNEY_INTRO,
            mindmap_title=seed.MINDMAP_TITLE,
            mindmap_intro=seed.MINDMAP_INTRO,
            change_summary=seed.CHANGE_SUMMARY,
            live=False,
        )
        journey.phases = [
            JourneyPhase(
                phase=phases[slug],
                title=title,
                summary=summary,
                needs=needs,
                timing=timing,
                legal_basis=legal,
                sort_order=i,
            )
            for i, (slug, title, summary, needs, timing, legal) in enumerate(seed.PHASES)
        ]
        journey.actors = [
            JourneyActor(actor=actors[slug], name=name, description=desc, sort_order=i)
            for i, (slug, name, desc) in enumerate(seed.ACTORS)
        ]
        journey.responsibilities = [
            Responsibility(
                phase=phases[p],
                actor=actors[a],
                description=text,
                hands_over_to=actors[to] if to else None,
                sort_order=i,
            )
            for i, (p, a, text, to) in enumerate(seed.RESPONSIBILITIES)
        ]
        journey.attention_points = self.attention_points(phases)
        journey.save()
        self.add_mindmap(journey, nodes, actors, phases)
        journey.save_revision().publish()
        self.stdout.write(self.style.SUCCESS("Klantreis geladen en versie 1 gepubliceerd."))

    def ensure_phases(self):
        out = {}
        for i, (slug, title, *_rest) in enumerate(seed.PHASES):
            out[slug], _ = Phase.objects.get_or_create(
                slug=slug, defaults={"title": title, "sort_order": i}
            )
        return out

    def ensure_actors(self):
        out = {}
        for i, (slug, name, _desc) in enumerate(seed.ACTORS):
            out[slug], _ = Actor.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": i}
            )
        return out

    def ensure_nodes(self):
        out = {}
        entries = [(slug, label) for slug, label in seed.DOMAINS]
        entries += [(n[0], n[1]) for n in seed.NODES]
        for slug, label in entries:
            out[slug], _ = MindmapNode.objects.get_or_create(slug=slug, defaults={"label": label})
        return out

    def attention_points(self, phases):
        """Link phases to the cms's attention-point pages when they exist (matched by title)."""
        try:
            page_model = apps.get_model(ATTENTION_POINT_PAGE)
        except LookupError:
            return []
        links = []
        for i, (phase_slug, title) in enumerate(seed.ATTENTION_POINTS):
            page = page_model.objects.live().filter(title__iexact=title).order_by("pk").first()
            if page is not None:
                links.append(
                    PhaseAttentionPoint(phase=phases[phase_slug], page=page.page_ptr, sort_order=i)
                )
        return links

    def add_mindmap(self, journey, nodes, actors, phases):
        """Nodes carry M2M links to actors and phases, so they are saved after the journey."""
        order = 0
        for slug, label in seed.DOMAINS:
            JourneyNode.objects.create(
                journey=journey, node=nodes[slug], label=label, kind="domain", sort_order=order
            )
            order += 1
        edges = []
        for slug, label, kind, actor_slugs, phase_slugs, parents in seed.NODES:
            node = JourneyNode.objects.create(
                journey=journey,
                node=nodes[slug],
                label=label,
                kind=kind,
                description=seed.NODE_DESCRIPTIONS.get(slug, ""),
                sort_order=order,
            )
            node.actors.set([actors[a] for a in actor_slugs])
            node.phases.set([phases[p] for p in phase_slugs])
            node.save()
            order += 1
            edges += [(slug, "belongs_to", parent) for parent in parents]
        edges += seed.LINKS
        for i, (source, kind, target) in enumerate(edges):
            JourneyEdge.objects.create(
                journey=journey, source=nodes[source], target=nodes[target], kind=kind, sort_order=i
            )
