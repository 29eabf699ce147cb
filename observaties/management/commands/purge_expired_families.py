"""Delete families whose retention term (RETENTION_YEARS after closing) has passed, and the
checklists kept after a session ended that nobody took back within their hours."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from observaties.checklist import kept_forms
from observaties.retention import expired_families, purge_expired_families, retention_cutoff


class Command(BaseCommand):
    help = "Verwijdert gezinnen waarvan de bewaartermijn na afsluiten voorbij is."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen tellen, niets verwijderen."
        )

    def handle(self, *args, dry_run, **options):
        cutoff = retention_cutoff()
        if dry_run:
            count = expired_families().count()
            self.stdout.write(f"{count} gezinnen afgesloten op of vóór {cutoff}; niets verwijderd.")
            return
        removed = purge_expired_families()
        self.stdout.write(
            f"{len(removed)} gezinnen verwijderd (afgesloten op of vóór {cutoff}); "
            "het toegangslog vermeldt hun nummers."
        )
        forms = kept_forms.purge_expired()
        self.stdout.write(
            ngettext(
                "%(count)d bewaard formulier verwijderd (ouder dan %(hours)d uur).",
                "%(count)d bewaarde formulieren verwijderd (ouder dan %(hours)d uur).",
                forms,
            )
            % {"count": forms, "hours": kept_forms.KEPT_HOURS}
        )
