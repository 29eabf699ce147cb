"""A checklist sent after the session ended is kept until its author has logged in again, for
the browser it was typed in and for nobody else.

The idle timeout can end a session while someone is still typing (on the phone, between two
visits). Their save then arrives without a session: instead of sending them to the login page
with nothing, the form is kept in the database, the login page says why it asks, and after the
login the checklist shows what was typed, not yet saved. Nothing goes into the browser's storage.

Who gets it back: at every page a signed-in user is shown, their browser holds a signed,
HttpOnly cookie that names the user and a random number for this browser (`BrowserBinding`). A
form sent without a session is kept only when that cookie names the observation's author, and
only for that browser; after the author logs in again in that browser, the checklist takes it
back, once. Any other request without a session (no cookie, another user's, an observation that
does not exist, is closed or is another's) gets the ordinary login page, the same for each, and
nothing is kept. Nothing secret is in a URL: the browser's number travels in its cookie only, and
the database holds its SHA-256.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from core.forms import MAX_ID
from observaties.checklist.form import ChecklistForm
from observaties.models import KeptForm, Observation

PARAMETER = "bewaard"  # in the checklist's address after the login: "take back what was kept"
KEPT_HOURS = 12
PER_OBSERVATION = 3  # a few saves in a row after the end; an older one is of no more use
COOKIE = "hechtingswijzer_browser"
_SALT = "observaties.kept_forms.browser"


def _hash(value):
    return hashlib.sha256(value.encode()).hexdigest()


def _binding(request):
    """(user id, browser number) from the request's cookie, when it is genuine and recent
    enough to come from a session that may just have ended; else None."""
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        user_id, browser = signing.loads(
            value, salt=_SALT, max_age=settings.SESSION_ABSOLUTE_AGE + 3600
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return user_id, browser


class BrowserBinding:
    """Gives the browser of every signed-in page its cookie (see the module's docstring); placed
    after the login and second-factor checks, so only a complete login gets one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        binding = _binding(request)
        if binding is None or binding[0] != user.pk:
            # The browser keeps its number when another user signs in on it: a form kept for
            # its author stays theirs, and only theirs, when they sign in here again.
            browser = binding[1] if binding is not None else secrets.token_urlsafe(32)
            value = signing.dumps([user.pk, browser], salt=_SALT)
            response.set_cookie(
                COOKIE,
                value,
                max_age=settings.SESSION_ABSOLUTE_AGE + KEPT_HOURS * 3600,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _limit(observation):
    """The most a checklist of this observation can hold, in characters: every field of its form
    at its longest (a text without a limit counted as 200), with the field names."""
    form = ChecklistForm(observation=observation)
    return sum(
        len(name) + (getattr(field, "max_length", None) or 200)
        for name, field in form.fields.items()
    )


def keep(request, observation_id) -> bool:
    """Keep the form `request` sent without a session, if its browser was signed in as the
    observation's author and the observation is open; say whether it was kept."""
    binding = _binding(request)
    if binding is None or not 0 < observation_id <= MAX_ID:
        return False
    user_id, browser = binding
    observation = (
        Observation.objects.filter(
            pk=observation_id,
            professional_id=user_id,
            status__in=[Observation.Status.DRAFT, Observation.Status.RETURNED],
            child__family__closed_on__isnull=True,
        )
        .select_related("version", "child__family")
        .first()
    )
    if observation is None:
        return False
    data = [
        [name, values] for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"
    ]
    size = sum(len(name) + sum(len(value) for value in values) for name, values in data)
    if size > _limit(observation):
        return False  # more than any checklist holds: not a checklist
    purge_expired()
    with transaction.atomic():
        KeptForm.objects.create(
            browser_hash=_hash(browser), observation_id=observation_id, data=data
        )
        older = KeptForm.objects.filter(
            observation_id=observation_id, browser_hash=_hash(browser)
        ).order_by("-created_at", "-pk")
        KeptForm.objects.filter(
            pk__in=list(older.values_list("pk", flat=True)[PER_OBSERVATION:])
        ).delete()
    return True


def take(request, observation) -> QueryDict | None:
    """The newest form kept for this browser and observation, as the POST it was, once (of two
    requests at the same moment, one gets it); None when there is none, it expired, or this
    browser or user is not the one it was kept for."""
    binding = _binding(request)
    # Kept only for its author in this browser (see keep); the cookie may still name whoever
    # used the browser before this request, since it is renewed with the response.
    if binding is None or request.user.pk != observation.professional_id:
        return None
    kept_here = KeptForm.objects.filter(observation=observation, browser_hash=_hash(binding[1]))
    kept = (
        kept_here.filter(created_at__gte=timezone.now() - timedelta(hours=KEPT_HOURS))
        .order_by("-created_at", "-pk")
        .first()
    )
    if kept is None:
        return None
    taken, _by_kind = KeptForm.objects.filter(pk=kept.pk).delete()
    if not taken:
        return None  # another request took it first
    kept_here.delete()  # the older ones of this browser: the newest is what was typed last
    data = QueryDict(mutable=True)
    for name, values in kept.data:
        data.setlist(name, values)
    return data


def purge_expired() -> int:
    """Delete the kept forms older than KEPT_HOURS; how many went."""
    deleted, _by_kind = KeptForm.objects.filter(
        created_at__lt=timezone.now() - timedelta(hours=KEPT_HOURS)
    ).delete()
    return deleted
