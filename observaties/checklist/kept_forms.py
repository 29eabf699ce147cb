"""A checklist sent after the session ended is kept until its author has logged in again.

The idle timeout can end a session while someone is still typing (on the phone, between two
visits). Their save then arrives without a session: instead of sending them to the login page
with nothing, the form is kept in the database under a one-time key, the login page says why it
asks, and after the login the checklist shows what was typed, not yet saved. Only the
observation's author can take it back, once, within KEPT_HOURS; nothing goes into the browser's
storage.
"""

import hashlib
import secrets
from datetime import timedelta

from django.http import QueryDict
from django.utils import timezone

from core.forms import MAX_ID
from observaties.models import KeptForm, Observation

PARAMETER = "bewaard"
KEPT_HOURS = 12
PER_OBSERVATION = 3  # a few saves in a row after the end; an older one is of no more use


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def keep(observation_id, post) -> str | None:
    """The key to take the form back with; None when there is no open observation to keep it for."""
    if not 0 < observation_id <= MAX_ID:
        return None
    editable = [Observation.Status.DRAFT, Observation.Status.RETURNED]
    if not Observation.objects.filter(pk=observation_id, status__in=editable).exists():
        return None
    purge_expired()
    key = secrets.token_urlsafe(32)
    KeptForm.objects.create(
        key_hash=_hash(key),
        observation_id=observation_id,
        data=[[name, values] for name, values in post.lists() if name != "csrfmiddlewaretoken"],
    )
    older = KeptForm.objects.filter(observation_id=observation_id).order_by("-created_at", "-pk")
    KeptForm.objects.filter(
        pk__in=list(older.values_list("pk", flat=True)[PER_OBSERVATION:])
    ).delete()
    return key


def take(observation, key) -> QueryDict | None:
    """The kept form as the POST it was, once; None when unknown, expired or another's."""
    kept = KeptForm.objects.filter(
        key_hash=_hash(str(key)),
        observation=observation,
        created_at__gte=timezone.now() - timedelta(hours=KEPT_HOURS),
    ).first()
    if kept is None:
        return None
    kept.delete()
    data = QueryDict(mutable=True)
    for name, values in kept.data:
        data.setlist(name, values)
    return data


def purge_expired():
    KeptForm.objects.filter(created_at__lt=timezone.now() - timedelta(hours=KEPT_HOURS)).delete()
