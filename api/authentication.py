"""Who is asking the API: a client application by its credential, its teams, and how often it
may ask (counted per client in the cache that all app servers share)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from api.credentials import client_for
from api.models import ApiClient

REALM = 'Bearer realm="hechtingswijzer"'


class Client:
    """Who asks (a request's `auth`): the client application and the teams it may read. The
    request's user stays anonymous: a client application is no user of the app."""

    def __init__(self, client: ApiClient):
        self.client = client
        self.team_ids = frozenset(client.teams.values_list("pk", flat=True))


class ClientCredential(BaseAuthentication):
    """`Authorization: Bearer hw_…`: the credential the functional admin got once. A revoked or
    renewed one is refused at once: every request looks the client up."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Geef precies één sleutel na ‘Bearer’, zonder spaties.")
            )
        try:
            credential = header[1].decode("ascii")
        except UnicodeDecodeError:
            credential = ""
        client = client_for(credential) if credential else None
        if client is None:
            raise exceptions.AuthenticationFailed(
                _("Deze sleutel is onbekend, vernieuwd of ingetrokken.")
            )
        return AnonymousUser(), Client(client)

    def authenticate_header(self, request):
        return REALM


class IsClient(BasePermission):
    message = _("Deze API is alleen voor geregistreerde clients.")

    def has_permission(self, request, view):
        return isinstance(request.auth, Client)


class PerClientThrottle(SimpleRateThrottle):
    """At most HECHTINGSWIJZER_API_RATE requests per client, counted across all app servers."""

    scope = "client"

    @property
    def cache(self):
        return caches["shared"]

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, Client):
            return None  # refused before this: nothing to count
        return self.cache_format % {"scope": self.scope, "ident": request.auth.client.key_id}
