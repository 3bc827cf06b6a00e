"""Export organisations (CSV or HSDS JSON) to a file or stdout.

    manage.py export_organisations --format hsds -o partners.json
    manage.py export_organisations --format csv --user editor@example.org

Without ``--user`` only the public (live) organisations are exported; with it, what that user
may see under the directory's permission policy.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.exporters.visibility import visible_to
from directory.plugins.manager import exporters


class Command(BaseCommand):
    help = "Exporteer organisaties als CSV of HSDS JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", default="csv")
        parser.add_argument("-o", "--output", default="-")
        parser.add_argument("--user", default=None, help="username or email of the exporting user")

    def handle(self, format, output, user, **options):
        available = exporters()
        if format not in available:
            raise CommandError(f"Unknown format {format!r}; choose from {', '.join(available)}")
        account = None
        if user:
            User = get_user_model()
            account = (
                User.objects.filter(**{User.USERNAME_FIELD: user}).first()
                or User.objects.filter(email=user).first()
            )
            if account is None:
                raise CommandError(f"No such user: {user}")
        chunks = available[format].export(visible_to(account))
        if output == "-":
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        with open(output, "w", encoding="utf-8") as stream:
            for chunk in chunks:
                stream.write(chunk)
