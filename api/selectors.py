"""What a client may read, with the joins decided here: its teams' families and their approved
observations, in a fixed number of queries however many there are."""

from django.db.models import Prefetch

from observaties.documents import archive
from observaties.models import (
    AgreementFollowUp,
    ArchivedDocument,
    Family,
    Observation,
    StatusChange,
)

Status = Observation.Status


def families_for(client):
    """The families of the client's teams, closed ones included (they are still in the file)."""
    return Family.objects.filter(team_id__in=client.team_ids).select_related("team")


def family_for(client, pk) -> Family | None:
    return families_for(client).filter(pk=pk).first()


def approved_observations(client):
    """The approved observations of the client's teams, with everything the API shows of them
    read in one query per relation; never a draft, a handed-in or a returned one."""
    return (
        Observation.objects.filter(
            status=Status.APPROVED, child__family__team_id__in=client.team_ids
        )
        .select_related("child__family", "version", "professional")
        .prefetch_related(
            "scores",
            "reflections",
            "fit_answers",
            "context_answers",
            "caregivers",
            "caregiver_changes",
            "agreements",
            Prefetch(
                "follow_ups",
                queryset=AgreementFollowUp.objects.select_related(
                    "agreement__observation"
                ).order_by(
                    "agreement__observation__visit_date", "agreement__order", "agreement__pk"
                ),
            ),
            Prefetch(
                "history",
                queryset=StatusChange.objects.filter(to_status=Status.APPROVED)
                .select_related("user")
                .order_by("at", "pk"),
                to_attr="approvals",
            ),
        )
        .order_by("-visit_date", "-pk")
    )


def report_for(observation) -> ArchivedDocument:
    """The observation's archived report as the page serves it (archived now, once, for one
    approved before archiving existed)."""
    return archive.document_for(observation, ArchivedDocument.Kind.REPORT)


def report_holds_safety(document: ArchivedDocument) -> bool:
    """A report archived before the safety part became a document of its own, that holds it."""
    return archive.report_holds_safety(document)
