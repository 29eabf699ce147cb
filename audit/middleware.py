"""Refused accesses go into the access log; pages for signed-in users are never cached."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Team
from audit.log import Action, Outcome, record, stored_id
from observaties.models import Child, Family, Observation, SafetyConcern

# What the `pk` of each client-data URL names. Every such URL is listed (a test walks them).
_NAMED_OBJECT = {
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
    "event-csv": Action.EXPORT,
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
    if method in ("GET", "HEAD"):
        return _ATTEMPTED_ON_GET.get(url_name, Action.VIEW)
    return _ATTEMPTED_ON_POST.get(url_name, Action.CHANGE)


def named_object(url_name, pk):
    """The ids to log for the object a URL names: its own, its family's and its team's, as far
    as it exists. Read here only, never shown to whoever was refused."""
    kind = _NAMED_OBJECT.get(url_name)
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
        return {"family_id": family, "team_id": team}
    family, team = Observation.objects.filter(pk=pk).values_list(
        "child__family_id", "child__family__team_id"
    ).first() or (None, None)
    return {"observation_id": pk, "family_id": family, "team_id": team}


class NoStoreMiddleware:
    """Client data must not stay in browser or proxy caches (OWASP ASVS 14.3.2)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response


class RefusalMiddleware:
    """Logs a 404 or 403 on a client-data page: what was attempted, the number that was asked
    for, and the family and team it belongs to when it exists, so that a team lead sees who
    tried their families.

    The row is appended after the view's transaction was rolled back, so it stays.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404 | PermissionDenied):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.namespace not in ("observaties", "audit"):
            return None
        pk = match.kwargs.get("pk")
        target = match.url_name
        if _NAMED_OBJECT.get(target) == "child" and stored_id(pk) is not None:
            target = f"{target}:{pk}"  # the log has no column for a child
        record(
            request,
            attempted_action(request.method, match.url_name),
            outcome=Outcome.REFUSED,
            target=target,
            **named_object(match.url_name, pk),
        )
        return None
