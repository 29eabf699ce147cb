"""The session rules' own endpoints, for the checklist form: how long the session has left, and
keeping the session of someone who is typing alive."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import seconds_left


@require_GET
@login_required
def session_status(request):
    """Read without renewing the session (SessionLifetimeMiddleware skips this URL): the form
    asks before it warns, because another tab may have kept the session alive."""
    return JsonResponse({"seconds_left": seconds_left(request.session)})


@require_POST
@login_required
def session_keepalive(request):
    """Called by the checklist form while someone types in it; SessionLifetimeMiddleware has
    renewed the idle expiry by now (and still ends the session at its absolute age)."""
    return HttpResponse(status=204)
