"""Delete members' logos that nothing uses any more (see `directory.logos`).

Only images in the collection "Logo's partnergids" are considered, and only those older than
`--older-than-days` (default 30), so an image a moderator has just put there, or an old logo
someone may still want to restore from the history, stays for a while. An image used by an
organisation, by a draft that may still be published (of an organisation or a page) or by
anything in Wagtail's reference index is never deleted. Run it daily, like
`send_review_reminders`.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.logos import delete_unused_logos


class Command(BaseCommand):
    help = gettext_lazy("Verwijdert logo's van de partnergids die nergens meer worden gebruikt.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=30,
            help=gettext_lazy("Alleen logo's die ouder zijn dan dit aantal dagen (standaard 30)."),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=gettext_lazy("Alleen tonen, niets verwijderen.")
        )

    def handle(self, *args, older_than_days=30, dry_run=False, **options):
        unused = delete_unused_logos(
            older_than=timedelta(days=max(older_than_days, 0)), dry_run=dry_run
        )
        for image in unused:
            self.stdout.write(f"{image.pk}: {image.title}")
        if dry_run:
            message = _("%(count)s ongebruikte logo's gevonden (niets verwijderd).")
        else:
            message = _("%(count)s ongebruikte logo's verwijderd.")
        self.stdout.write(self.style.SUCCESS(message % {"count": len(unused)}))
