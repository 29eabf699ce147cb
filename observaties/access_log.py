"""What observaties writes to the access log besides a page's own event: a safety concern
shown, and what a refused request asked for (registered with audit's refusal middleware)."""

from accounts.models import Team
from audit.log import Action, record, stored_id
from observaties.models import Child, Family, Observation, SafetyConcern


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
    "family-export": "family",
    "child-create": "family",
    "observation-create": "family",
    "observation-detail": "observation",
    "observation-edit": "observation",
    "observation-discard": "observation",
    "observation-review": "observation",
    "observation-reopen": "observation",
    "observation-pdf": "observation",
    "archived-document": "observation",
    "parent-sheet": "observation",
    "parent-sheet-pdf": "observation",
    "parent-sheet-edit": "observation",
    "child-pdf": "child",
    "safety-concern": "concern",
    "team-overview": "team",
    "team-overview-csv": "team",
}

# The action a refused request attempted: reading by default, these by what they would do.
_ATTEMPTED_ON_GET = {
    "observation-pdf": Action.DOWNLOAD,
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


def named_object(url_name, pk):
    """The ids to log for the object a URL names: its own, its family's and its team's, as far
    as it exists (and a child's number in the target: the log has no column for it). Read here
    only, never shown to whoever was refused."""
    kind = NAMED_OBJECT.get(url_name)
    pk = stored_id(pk)
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
        return {"family_id": family, "team_id": team}
    if kind == "child":
        family, team = Child.objects.filter(pk=pk).values_list(
            "family_id", "family__team_id"
        ).first() or (None, None)
        return {"family_id": family, "team_id": team, "target": f"{url_name}:{pk}"}
    family, team = Observation.objects.filter(pk=pk).values_list(
        "child__family_id", "child__family__team_id"
    ).first() or (None, None)
    return {"observation_id": pk, "family_id": family, "team_id": team}
