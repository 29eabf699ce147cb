"""Archive the reports of approved observations that have none yet (approved before archiving
existed). Safe to run again: what is archived stays as it is and is not counted twice."""

from django.core.management.base import BaseCommand, CommandError

from observaties.documents import archive
from observaties.models import Observation


class Command(BaseCommand):
    help = (
        "Maakt en bewaart het rapport (en het blad voor de ouder) van elke goedgekeurde "
        "observatie die nog geen bewaard rapport heeft."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Alleen controleren: stopt met een fout als er een goedgekeurde observatie "
            "zonder bewaard rapport is.",
        )

    def handle(self, *args, check, **options):
        todo = [observation.pk for observation in archive.missing()]
        if check:
            if todo:
                raise CommandError(
                    f"{len(todo)} goedgekeurde observaties zonder bewaard rapport; "
                    "draai 'manage.py archive_reports'."
                )
            self.stdout.write("Elke goedgekeurde observatie heeft haar bewaarde rapport.")
            return
        bar = _ProgressBar(len(todo), self.stdout) if self.stdout.isatty() else None
        archived = 0
        for done, pk in enumerate(todo, start=1):
            archived += archive.archive_missing(Observation(pk=pk))
            if bar:
                bar.show(done)
        if bar:
            bar.finish()
        approved = Observation.objects.filter(status=Observation.Status.APPROVED).count()
        self.stdout.write(
            f"{archived} observaties gearchiveerd; {approved - archived} hadden hun bewaarde "
            "rapport al."
        )


class _ProgressBar:
    """One line on a terminal, redrawn in place: 12/50 [#####.............]."""

    WIDTH = 30

    def __init__(self, total, stream):
        self.total = total
        self.stream = stream

    def show(self, done):
        filled = self.WIDTH * done // max(self.total, 1)
        self.stream.write(
            f"\r{done}/{self.total} [{'#' * filled}{'.' * (self.WIDTH - filled)}]", ending=""
        )
        self.stream.flush()

    def finish(self):
        self.stream.write("")
