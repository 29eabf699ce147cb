"""Issuing, rotating and revoking a client's secret, and finding the client a request's
credential belongs to."""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from api.models import ApiClient

_PREFIX = "hw"


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(client: ApiClient) -> str:
    """A new credential for `client` (set on it, not saved); the only time it exists in full."""
    client.key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    client.secret_sha256 = _sha256(secret)
    return f"{_PREFIX}_{client.key_id}_{secret}"


@transaction.atomic
def api_client_rotate(*, client: ApiClient) -> str:
    """A new credential; the old one stops working at once."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    credential = issue(client)
    client.rotated_at = timezone.now()
    client.save(update_fields=["key_id", "secret_sha256", "rotated_at"])
    return credential


@transaction.atomic
def api_client_revoke(*, client: ApiClient, by) -> ApiClient:
    """Refuse the client from now on; its record stays (the access log names it)."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.revoked_by = by
        client.save(update_fields=["revoked_at", "revoked_by"])
    return client


def client_for(credential: str) -> ApiClient | None:
    """The active client this credential belongs to; None for anything else."""
    prefix, _sep, rest = credential.partition("_")
    key_id, _sep, secret = rest.partition("_")
    if prefix != _PREFIX or not key_id or not secret:
        return None
    client = ApiClient.objects.filter(key_id=key_id, revoked_at__isnull=True).first()
    if client is None or not hmac.compare_digest(client.secret_sha256, _sha256(secret)):
        return None
    return client
