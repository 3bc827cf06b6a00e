"""Load the real seed content (../shared/seed/sociaalwerk-inburgering.txt) idempotently.

Only what the source document says is used; nothing is put in the mouths of the real people it
names: the blog and the interview get their title, people, organisations and the topics the
source lists, and say "volledige tekst volgt" until editors add the real text. Running the
command again creates no duplicates and overwrites nothing editors changed; it only fills in
what is still missing (for example the link to the Klantreis once the journey app serves it).
Other apps' seed steps can call it with `call_command("load_seed_content")`.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.seed import SeedLoader


class Command(BaseCommand):
    help = "Laadt de echte startinhoud (idempotent: opnieuw draaien maakt geen dubbelingen)."

    @transaction.atomic
    def handle(self, *args, **options):
        loader = SeedLoader()
        home = loader.run()
        call_command("load_directory_reference_data", stdout=self.stdout)  # directory vocabularies
        call_command("load_journey_seed", stdout=self.stdout)  # Klantreis + Mindmap, version 1
        created = ", ".join(loader.created) or "niets nieuws"
        self.stdout.write(
            self.style.SUCCESS(f"Startinhoud geladen onder '{home.title}' ({created}).")
        )
