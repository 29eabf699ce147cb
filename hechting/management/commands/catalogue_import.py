"""Read one version file into a draft, for the functional admin to check and publish."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hechting.catalogue import files
from hechting.catalogue.importer import checklist_version_import
from hechting.services import checklist_version_problems


class Command(BaseCommand):
    help = (
        "Leest een bestand met een checklistversie in als conceptversie. Publiceren gaat daarna "
        "in het beheer, alleen als de controles slagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            version = checklist_version_import(data=files.read(file))
        except ValidationError as error:
            raise CommandError(
                _("Niet ingelezen; er is niets veranderd.") + "\n" + "\n".join(error.messages)
            ) from error
        self.stdout.write(
            _("Versie %(number)s staat klaar als concept.") % {"number": version.number}
        )
        problems = checklist_version_problems(version)
        if problems:
            self.stdout.write(_("Voor publiceren moet nog veranderen:"))
            for problem in problems:
                self.stdout.write(f"- {problem}")
        else:
            self.stdout.write(
                _("De controles voor publiceren slagen; publiceer haar in het beheer.")
            )
