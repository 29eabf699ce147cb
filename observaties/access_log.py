"""What observaties writes to the access log: what each page shows, declared once per view
(`logged`), a safety concern shown, and what a refused request asked for (registered with
audit's refusal middleware)."""

from dataclasses import dataclass, field
from functools import wraps

from django.core.exceptions import ImproperlyConfigured

from accounts.models import Team
from audit.log import Action, record, stored_id
from observaties.models import Child, Family, Observation, SafetyConcern


@dataclass(frozen=True)
class Shown:
    """What a page showed: the family or observation it is about (or a team's overview), and
    every safety concern on it. A page without client data names none of them."""

    family: Family | None = None
    observation: Observation | None = None
    team_id: int | None = None
    concerns: tuple[SafetyConcern, ...] = field(default_factory=tuple)
    # False for a page that showed no client data this time (an empty dashboard): no page event.
    client_data: bool = True


def shown(response, what: Shown):
    """Say on a page's response what it showed, for `logged` to write down."""
    response.shown = what
    return response


def logged(target, *, action=Action.VIEW):
    """Declare what a view writes to the access log: for every page it shows (not a redirect),
    one `action` event named `target` with what the page showed, and one per safety concern on
    it (when `target` is None, only those). A view that shows a page without saying what it
    showed (`shown`) is an error, so a page cannot leave out what it shows."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 300 <= response.status_code < 400:
                return response
            what = getattr(response, "shown", None)
            if what is None:
                raise ImproperlyConfigured(f"{view.__name__} does not say what its page shows.")
            if target is not None and what.client_data:
                record(
                    request,
                    action,
                    family=what.family,
                    observation=what.observation,
                    team_id=what.team_id,
                    target=target,
                )
            for concern in what.concerns:
                log_concern(request, action, concern, observation=what.observation)
            return response

        wrapped.access_logged = True  # for the test that every page declares it
        return wrapped

    return decorate


def log_concern(request, action, concern, *, observation=None):
    """One access-log event for a view, download or change of a safety concern."""
    record(
        request,
        action,
        family=concern.child.family if observation is None else None,
        observation=observation,
        target=f"veiligheid:{concern.pk}",
    )


# What the `pk` of each client-data URL names. Every such URL is listed (a test walks them).
NAMED_OBJECT = {
    "family-detail": "family",
    "family-edit": "family",
    "family-close": "family",
    "family-reopen": "family",
    "family-zaak": "family",
    "family-export": "family",
    "child-create": "family",
    "observation-create": "family",
    "observation-detail": "observation",
    "observation-edit": "observation",
    "observation-discard": "observation",
    "observation-review": "observation",
    "observation-reopen": "observation",
    "observation-pdf": "observation",
    "observation-safety-pdf": "observation",
    "archived-document": "observation",
    "parent-sheet": "observation",
    "parent-sheet-pdf": "observation",
    "parent-sheet-read-aloud": "observation",
    "parent-sheet-edit": "observation",
    "delivery-retry": "observation",
    "child-pdf": "child",
    "safety-concern": "concern",
    "team-overview": "team",
    "team-overview-csv": "team",
}

# The action a refused request attempted: reading by default, these by what they would do.
_ATTEMPTED_ON_GET = {
    "observation-pdf": Action.DOWNLOAD,
    "observation-safety-pdf": Action.DOWNLOAD,
    "archived-document": Action.DOWNLOAD,
    "parent-sheet-pdf": Action.DOWNLOAD,
    "child-pdf": Action.DOWNLOAD,
    "family-export": Action.EXPORT,
    "team-overview-csv": Action.EXPORT,
}
_ATTEMPTED_ON_POST = {
    "family-create": Action.CREATE,
    "child-create": Action.CREATE,
    "observation-create": Action.CREATE,
    "family-edit": Action.CHANGE,
    "family-close": Action.CHANGE,
    "family-reopen": Action.CHANGE,
    "family-zaak": Action.CHANGE,
    "observation-edit": Action.CHANGE,
    "observation-discard": Action.DELETE,
    "observation-review": Action.TRANSITION,
    "observation-reopen": Action.TRANSITION,
    "safety-concern": Action.CHANGE,
}


def attempted_action(method, url_name):
    """The action a refused request to one of these URLs attempted."""
    if method in ("GET", "HEAD"):
        return _ATTEMPTED_ON_GET.get(url_name, Action.VIEW)
    return _ATTEMPTED_ON_POST.get(url_name, Action.CHANGE)


def named_object(url_name, kwargs):
    """The ids to log for the object a URL names: its own, its family's and its team's, as far
    as it exists, and in the target what the log has no column for (a child's, a concern's or an
    archived document's number), as the allowed request would name it. Read here only, never
    shown to whoever was refused."""
    kind = NAMED_OBJECT.get(url_name)
    pk = stored_id(kwargs.get("pk"))
    if kind is None or pk is None:
        return {}
    if kind == "team":
        return {"team_id": pk if Team.objects.filter(pk=pk).exists() else None}
    if kind == "family":
        team = Family.objects.filter(pk=pk).values_list("team_id", flat=True).first()
        return {"family_id": pk, "team_id": team}
    if kind == "concern":
        family, team = SafetyConcern.objects.filter(pk=pk).values_list(
            "child__family_id", "child__family__team_id"
        ).first() or (None, None)
        return {"family_id": family, "team_id": team, "target": f"veiligheid:{pk}"}
    if kind == "child":
        family, team = Child.objects.filter(pk=pk).values_list(
            "family_id", "family__team_id"
        ).first() or (None, None)
        return {"family_id": family, "team_id": team, "target": f"{url_name}:{pk}"}
    family, team = Observation.objects.filter(pk=pk).values_list(
        "child__family_id", "child__family__team_id"
    ).first() or (None, None)
    ids = {"observation_id": pk, "family_id": family, "team_id": team}
    document = stored_id(kwargs.get("document_pk"))
    if url_name == "archived-document" and document is not None:
        ids["target"] = f"archief:{document}"
    return ids
