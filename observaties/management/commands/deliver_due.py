"""Send the approved documents whose turn has come to the case system, in this process: what the
worker's periodic task does, for a machine without a worker (`make run`) or by hand."""

from django.core.management.base import BaseCommand

from observaties.models import Delivery
from observaties.services import case_system


class Command(BaseCommand):
    help = (
        "Stuurt de goedgekeurde documenten die aan de beurt zijn naar het zaaksysteem (wat de "
        "periodieke taak van de worker doet) en telt per stand."
    )

    def handle(self, *args, **options):
        run = case_system.deliver_due()
        self.stdout.write(f"Verstuurd of geprobeerd: {run}.")
        for state, label in Delivery.State.choices:
            count = Delivery.objects.filter(state=state).count()
            self.stdout.write(f"{label}: {count}")
