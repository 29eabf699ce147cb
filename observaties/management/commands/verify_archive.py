"""Check every archived document against its SHA-256 and its seal (see
observaties.documents.archive): report what is altered, lift the alarms of documents that are
intact again, and with --reseal move every seal to the newest key after a key rotation."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from observaties.documents import archive
from observaties.models import ArchiveAlarm, ArchivedDocument


class Command(BaseCommand):
    help = (
        "Controleert elk bewaard document op zijn SHA-256-controlegetal en zijn zegel; meldt wat "
        "gewijzigd is. Met --reseal krijgen alle intacte documenten een zegel met de nieuwste "
        "sleutel (na het wisselen van HECHTINGSWIJZER_ARCHIVE_KEYS), ook documenten van vóór het "
        "zegelen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reseal",
            action="store_true",
            help="Zegel de intacte documenten opnieuw met de nieuwste sleutel.",
        )

    def handle(self, *args, reseal, **options):
        checked = unsealed = resealed = 0
        altered = []
        for document, problem in archive.checked(ArchivedDocument.objects.all()):
            checked += 1
            pk = document.pk
            if problem:
                altered.append(f"document {pk} (observatie {document.observation_id}): {problem}")
                continue
            ArchiveAlarm.objects.filter(document=document).delete()  # intact (again)
            if not document.seal:
                unsealed += 1
            if reseal and document.seal != archive.seal_of(document):
                with transaction.atomic():
                    ArchivedDocument.objects.filter(pk=pk).update(seal=archive.seal_of(document))
                resealed += 1
        self.stdout.write(f"{checked} documenten gecontroleerd.")
        if unsealed and not reseal:
            self.stdout.write(
                f"{unsealed} documenten van vóór het zegelen passen bij hun controlegetal maar "
                "hebben geen zegel; --reseal geeft ze er een."
            )
        if reseal:
            self.stdout.write(f"{resealed} documenten opnieuw gezegeld met de nieuwste sleutel.")
        if altered:
            for line in altered:
                self.stderr.write(line)
            raise CommandError(
                f"{len(altered)} documenten zijn gewijzigd na de goedkeuring; zet ze terug uit de "
                "back-up en controleer opnieuw."
            )
        self.stdout.write("Geen gewijzigde documenten.")
