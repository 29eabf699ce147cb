"""The data for the read API's conformance run (integration/api/run.sh) on a throwaway
database with the demo data: the demo team's client, and a second team that holds one of the
demo families. Writes the credential and the texts that no answer may carry: the other team's
and every safety part's."""

import json

from django.core.management.base import BaseCommand

from accounts.models import Team
from api import credentials
from api.models import ApiClient
from observaties.models import (
    Agreement,
    Family,
    SafetyAssessment,
    SafetyConsultation,
    SafetyNote,
)

OTHER_FAMILY = "DEMO-0002"


class Command(BaseCommand):
    help = "Clients and forbidden texts for the read API's conformance run (throwaway data)."

    def add_arguments(self, parser):
        parser.add_argument("output")

    def handle(self, *args, output, **options):
        own_team = Team.objects.get(families__case_reference="DEMO-0001")
        other_team, _created = Team.objects.get_or_create(name="Wijkteam Zuid (fictief)")
        other = Family.objects.get(case_reference=OTHER_FAMILY)
        Family.objects.filter(pk=other.pk).update(team=other_team)
        own = ApiClient(name="Conformiteit (fictief)", contact="beheer@example.org")
        credential = credentials.issue(own)
        own.save()
        own.teams.set([own_team])
        forbidden = {OTHER_FAMILY}
        # The other family's own agreements (not the examples both families were given).
        forbidden |= set(
            Agreement.objects.filter(observation__child__family=other).values_list(
                "what", flat=True
            )
        ) - set(
            Agreement.objects.filter(observation__child__family__team=own_team).values_list(
                "what", flat=True
            )
        )
        for fields in SafetyAssessment.objects.values_list(
            "signals", "talk_note", "decision_note", "decided_by"
        ):
            forbidden |= set(fields)
        forbidden |= set(SafetyConsultation.objects.values_list("outcome", flat=True))
        forbidden |= set(SafetyNote.objects.values_list("text", flat=True))
        forbidden.discard("")
        with open(output, "w") as file:
            json.dump({"credential": credential, "forbidden": sorted(forbidden)}, file)
        self.stdout.write(f"{len(forbidden)} teksten die geen antwoord mag bevatten.")
