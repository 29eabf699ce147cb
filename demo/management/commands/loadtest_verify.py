"""After the load test: every accepted checklist submission is stored exactly once."""

import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from observaties.models import Observation


class Command(BaseCommand):
    help = (
        "Controleert na de belastingstest dat elke geaccepteerde inzending één keer is opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--first", type=int, required=True)
        parser.add_argument("--last", type=int, required=True)
        parser.add_argument("--accepted", type=int, required=True)
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument(
            "--in-flight",
            type=int,
            default=0,
            help="Verzoeken die nog onderweg waren toen de meting stopte (aantal verbindingen).",
        )

    def handle(self, *args, first, last, accepted, items, in_flight, **options):
        if os.environ.get("HECHTINGSWIJZER_LOADTEST") != "1":
            raise CommandError("Alleen voor een wegwerpdatabase: zet HECHTINGSWIJZER_LOADTEST=1.")
        drafts = Observation.objects.filter(pk__gte=first, pk__lte=last)
        stored = drafts.filter(lock_version=1).count()
        twice = drafts.filter(lock_version__gt=1).count()
        incomplete = (
            drafts.filter(lock_version=1).annotate(n=Count("scores")).exclude(n=items).count()
        )
        result = {
            "accepted": accepted,
            "stored": stored,
            "stored_twice": twice,
            "incomplete": incomplete,
            "in_flight_at_stop": stored - accepted,
        }
        self.stdout.write(json.dumps(result))
        # wrk stops counting at the deadline while up to one request per connection is still
        # being answered; those are stored too, so stored may exceed accepted by that much.
        if not accepted <= stored <= accepted + in_flight or twice or incomplete:
            raise CommandError(f"Inzendingen kloppen niet: {result}")
