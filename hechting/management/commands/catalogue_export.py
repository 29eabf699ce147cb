"""Write a checklist version as a data file, the start of the next version's file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hechting.catalogue import files
from hechting.catalogue.content import version_data
from hechting.models import ChecklistVersion


class Command(BaseCommand):
    help = (
        "Schrijft een checklistversie als YAML-bestand naar de standaarduitvoer: het begin van "
        "het bestand voor een volgende versie (pas daar het versienummer aan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int)

    def handle(self, *args, number, **options):
        version = ChecklistVersion.objects.filter(number=number).first()
        if version is None:
            raise CommandError(_("Er is geen versie %(number)s.") % {"number": number})
        self.stdout.write(files.dump(version_data(version)), ending="")
