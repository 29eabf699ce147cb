"""Install the checklist versions shipped in hechting/catalogue/ that the database lacks."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hechting.catalogue.importer import catalogue_install


class Command(BaseCommand):
    help = (
        "Leest de meegeleverde checklistversies (hechting/catalogue/v*.yaml) in die de database "
        "nog niet heeft, en publiceert ze via de gewone controles. Een versie die er al staat, "
        "blijft zoals ze is. Na elke migrate uitvoeren; veilig om te herhalen."
    )

    def handle(self, *args, **options):
        try:
            said = catalogue_install()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in said:
            self.stdout.write(line)
