"""Load the real seed content (from ../shared/seed/) idempotently.

Only what the source document says is used; nothing is put in the mouths of the real people it
names. Running the command again updates nothing that editors changed and creates no duplicates.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from cms.models import HomePage

HOME_TITLE = "Van aankomst tot integratie in de wijk"
HOME_INTRO = (
    "Sinds 1 januari 2022 zijn de gemeenten verantwoordelijk voor de inburgering van "
    "vluchtelingen. De commissie Vluchtelingen & Integratie van Sociaal Werk Nederland wil de "
    "samenwerking en afstemming binnen de gehele keten stroomlijnen en de kwaliteit van het "
    "uitvoerend werk verhogen."
)


class Command(BaseCommand):
    help = "Laadt de echte startinhoud (idempotent: opnieuw draaien maakt geen dubbelingen)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = self.ensure_home()
        call_command("load_directory_reference_data", stdout=self.stdout)  # directory vocabularies
        self.stdout.write(self.style.SUCCESS(f"Startinhoud geladen onder '{home.title}'."))

    def ensure_home(self) -> HomePage:
        """Replace Wagtail's placeholder welcome page with our HomePage, once."""
        existing = HomePage.objects.first()
        if existing:
            return existing
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a plain "Welcome" page at slug "home"; it has no
        # content of ours, so it makes way for the real home page.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = site.hostname or "localhost"
        site.port = site.port or 80
        site.root_page = home
        site.site_name = "Ketenkaart"
        site.save()
        return home
