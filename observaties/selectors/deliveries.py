"""What the case system holds of an observation's documents, and what it did not take."""

from django.db.models import Count, Q

from observaties.models import Delivery
from observaties.selectors.lists import cut

# A delivery's row, with what its state's wording needs, never the PDF's bytes.
_DELIVERY_JOINS = ("document__observation__child__family",)


def _deliveries():
    return Delivery.objects.select_related(*_DELIVERY_JOINS).defer("document__pdf")


def failed_deliveries(team_ids, *, limit):
    """Documents of these teams that the case system refused, or did not take at a try yet,
    oldest first."""
    return cut(
        _deliveries()
        .filter(document__observation__child__family__team_id__in=team_ids)
        .filter(Q(state=Delivery.State.REFUSED) | Q(state=Delivery.State.WAITING, attempts__gt=0))
        .order_by("created_at", "pk"),
        limit,
        "registraties",
    )


def delivery_status():
    """For the functional admin: documents per state and the last ten errors, without client
    data: no family, child or observation, and a case reference or case identification that the
    case system's message repeats is blanked out."""
    counts = dict(Delivery.objects.order_by().values_list("state").annotate(n=Count("pk")))
    errors = (
        Delivery.objects.exclude(last_error="")
        .exclude(state=Delivery.State.DELIVERED)
        .order_by("-last_error_at")
        .values(
            "pk",
            "state",
            "attempts",
            "last_error_at",
            "last_error",
            "document__observation__child__family__case_reference",
            "document__observation__child__family__zaak_identification",
        )[:10]
    )
    return {
        "counts": [(label, counts.get(state, 0)) for state, label in Delivery.State.choices],
        "errors": [
            {
                "pk": error["pk"],
                "state": Delivery.State(error["state"]).label,
                "attempts": error["attempts"],
                "last_error_at": error["last_error_at"],
                "last_error": _without(
                    error["last_error"],
                    error["document__observation__child__family__case_reference"],
                    error["document__observation__child__family__zaak_identification"],
                ),
            }
            for error in errors
        ],
    }


def _without(text, *names):
    for name in names:
        if name:
            text = text.replace(name, "…")
    return text
