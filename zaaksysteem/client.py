"""Calls to the case system's Zaken and Documenten APIs (VNG 'API's voor Zaakgericht Werken').

Each client is built for one piece of work, with a token that names the person it is done for:
Open Zaak writes `user_id` and `user_representation` into the document's audit trail, and
zgw-consumers takes both from the service's configuration, so the service is copied with them.
The token never leaves the service's own API root (ape-pie refuses other URLs).

Two kinds of failure: `Unreachable` (no answer, a timeout, a 5xx: try again later) and `Refused`
(a 4xx: trying again changes nothing until someone changes something). Their messages are in
Dutch, name no secret and carry the case system's own explanation.
"""

import base64
import copy
import hashlib
from dataclasses import dataclass

import requests
from ape_pie import APIClient
from ape_pie.exceptions import InvalidURLError
from django.utils.translation import gettext as _
from zgw_consumers.client import ServiceConfigAdapter

from zaaksysteem.models import CaseSystem

# The Zaken API answers only when the client says which coordinate system it speaks, even for a
# case without a location.
_CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


class CaseSystemError(Exception):
    """Something the case system did not do; the message says what, in Dutch."""


class Unreachable(CaseSystemError):
    """No answer, or not a usable one (timeout, connection refused, 5xx): try again later."""


class Refused(CaseSystemError):
    """The case system refused the request (4xx): trying again changes nothing."""


@dataclass(frozen=True)
class Person:
    """Who the work is done for, as the case system's audit trail shows them."""

    user_id: str
    representation: str


def _problem_text(response) -> str:
    """The case system's explanation of a refusal (ZGW problem details), without the request."""
    try:
        problem = response.json()
    except ValueError:
        return ""
    if not isinstance(problem, dict):
        return ""
    parts = [str(problem.get("title") or problem.get("detail") or "")]
    for param in problem.get("invalidParams") or []:
        parts.append(
            f"{param.get('name', '')}: {param.get('reason', '')} ({param.get('code', '')})"
        )
    return " ".join(part for part in parts if part)[:900]


def _reason(error) -> str:
    """Why a request got no answer, in words an admin can act on (never the request itself)."""
    if isinstance(error, requests.exceptions.SSLError):
        return _("het TLS-certificaat werd niet geaccepteerd")
    if isinstance(error, requests.ConnectionError):
        return _("geen verbinding")
    return type(error).__name__


def _client(service, person: Person | None) -> APIClient:
    if person is not None:
        service = copy.copy(service)
        service.user_id = person.user_id
        service.user_representation = person.representation[:255]
    kwargs = ServiceConfigAdapter(service).get_client_session_kwargs()
    return APIClient(service.api_root, kwargs)


class _Api:
    """One ZGW API with a client for one person; every call returns the decoded JSON."""

    def __init__(self, service, person, *, label):
        self.service = service
        self.label = label
        self.client = _client(service, person)

    def call(self, method, url, *, json=None, params=None, headers=None, raw=False):
        try:
            response = self.client.request(
                method, url, json=json, params=params, headers=headers or {}
            )
        except InvalidURLError as error:
            raise Refused(
                _("Dit adres hoort niet bij de ingestelde %(api)s.") % {"api": self.label}
            ) from error
        except requests.Timeout as error:
            raise Unreachable(
                _("De %(api)s antwoordde niet binnen %(seconds)s seconden.")
                % {"api": self.label, "seconds": self.service.timeout}
            ) from error
        except requests.RequestException as error:
            raise Unreachable(
                _("De %(api)s is niet bereikbaar (%(reason)s).")
                % {"api": self.label, "reason": _reason(error)}
            ) from error
        if response.status_code >= 500:
            raise Unreachable(
                _("De %(api)s gaf een serverfout (HTTP %(status)s).")
                % {"api": self.label, "status": response.status_code}
            )
        if response.status_code >= 400:
            raise Refused(
                _("De %(api)s weigerde (HTTP %(status)s): %(problem)s")
                % {
                    "api": self.label,
                    "status": response.status_code,
                    "problem": _problem_text(response) or response.reason,
                }
            )
        if raw:
            return response.content
        return response.json() if response.content else None


def zaken_api(case_system: CaseSystem, person: Person | None = None) -> "Zaken":
    return Zaken(case_system.zaken_service, person, label=_("Zaken API"))


def documenten_api(case_system: CaseSystem, person: Person | None = None) -> "Documenten":
    return Documenten(case_system.documenten_service, person, label=_("Documenten API"))


class Zaken(_Api):
    def zaak(self, url: str) -> dict:
        return self.call("GET", url, headers=_CRS)

    def zaak_by_identification(self, identificatie: str, bronorganisatie: str) -> dict | None:
        page = self.call(
            "GET",
            "zaken",
            params={"identificatie": identificatie, "bronorganisatie": bronorganisatie},
            headers=_CRS,
        )
        results = page.get("results", [])
        return results[0] if len(results) == 1 else None

    def link(self, zaak_url: str, document_url: str, title: str) -> dict:
        """The document linked to the case, once: an existing link is returned as it is."""
        links = self.call(
            "GET",
            "zaakinformatieobjecten",
            params={"zaak": zaak_url, "informatieobject": document_url},
        )
        if links:
            return links[0]
        return self.call(
            "POST",
            "zaakinformatieobjecten",
            json={"zaak": zaak_url, "informatieobject": document_url, "titel": title[:200]},
        )


class Documenten(_Api):
    def find(self, identificatie: str, bronorganisatie: str) -> dict | None:
        page = self.call(
            "GET",
            "enkelvoudiginformatieobjecten",
            params={"identificatie": identificatie, "bronorganisatie": bronorganisatie},
        )
        results = page.get("results", [])
        return results[0] if results else None

    def create(self, fields: dict, content: bytes) -> dict:
        return self.call(
            "POST",
            "enkelvoudiginformatieobjecten",
            json={**fields, "inhoud": base64.b64encode(content).decode()},
        )

    def content_sha256(self, document: dict) -> str:
        return hashlib.sha256(self.call("GET", document["inhoud"], raw=True)).hexdigest()

    def lock(self, document_url: str) -> str:
        return self.call("POST", f"{document_url}/lock")["lock"]

    def update(self, document_url: str, lock: str, fields: dict, content: bytes) -> dict:
        """A new version of the document with `content` (the Documenten API wants the size with
        new contents)."""
        return self.call(
            "PATCH",
            document_url,
            json={
                **fields,
                "inhoud": base64.b64encode(content).decode(),
                "bestandsomvang": len(content),
                "lock": lock,
            },
        )

    def unlock(self, document_url: str, lock: str) -> None:
        self.call("POST", f"{document_url}/unlock", json={"lock": lock})
