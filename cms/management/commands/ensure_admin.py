"""Create the local admin account once, idempotently.

The password comes from KETENKAART_ADMIN_PASSWORD, or is generated and printed once. Running
the command again leaves an existing account untouched, so `make run` can call it every time.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maakt het lokale beheerdersaccount aan als het nog niet bestaat."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("KETENKAART_ADMIN_USER", "admin"))
        parser.add_argument(
            "--email", default=os.environ.get("KETENKAART_ADMIN_EMAIL", "admin@example.org")
        )

    def handle(self, *args, username, email, **options):
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            self.stdout.write(f"Beheerder '{username}' bestaat al; niets gewijzigd.")
            return
        password = os.environ.get("KETENKAART_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Beheerder '{username}' aangemaakt."))
        if not os.environ.get("KETENKAART_ADMIN_PASSWORD"):
            self.stdout.write(f"Wachtwoord (wordt maar één keer getoond): {password}")
