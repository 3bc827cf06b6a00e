"""Load the directory's reference data: organisation types, languages, postcode areas and the
municipalities derived from them. Idempotent; called from `load_seed_content`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.management.commands.load_postcode_areas import default_pc4_path
from directory.reference_data import load_languages, load_organisation_types
from directory.setup import ensure_directory_setup


class Command(BaseCommand):
    help = "Laadt organisatietypen, talen, postcodegebieden en gemeenten voor de partnergids."

    def handle(self, *args, **options):
        types = load_organisation_types()
        languages = load_languages()
        ensure_directory_setup()
        self.stdout.write(f"{types} organisatietypen en {languages} talen toegevoegd.")
        if default_pc4_path().is_file():
            call_command("load_postcode_areas", stdout=self.stdout)
        else:
            self.stderr.write(f"Postcodegebieden overgeslagen: {default_pc4_path()} ontbreekt.")
