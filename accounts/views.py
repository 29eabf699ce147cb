"""The session rules' own endpoint: keeping the session of someone who is typing alive."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_POST


@require_POST
@login_required
def session_keepalive(request):
    """Called by the checklist form while someone types in it; SessionLifetimeMiddleware has
    renewed the idle expiry by now (and still ends the session at its absolute age)."""
    return HttpResponse(status=204)
