"""Logging in with the organisation's own account: the OpenID Connect authorization code flow
with PKCE, state and nonce, against the provider configured in `OrganisationLogin`.

mozilla-django-oidc keeps the flow's state in the session and makes the PKCE challenge; this
module adds what its settings-based backend leaves out and a youth-care organisation needs: the
provider read from its discovery document, the ID token's issuer, audience, expiry and nonce
checked, the user found by the claim the organisation chose and never created without its
consent, the provider's assurance of a second factor, and a reason for every refusal (for the
access log and for a message in Dutch). Tokens are used and dropped: none is stored or logged.
"""

import hmac
from datetime import timedelta
from hashlib import sha256
from urllib.parse import urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_out
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.utils import (
    add_state_and_verifier_and_nonce_to_session,
    generate_code_challenge,
)

from accounts.models import OrganisationLogin, OrganisationSession

BACKEND = "accounts.organisation.OrganisationBackend"
# In the session of an organisation login: {"mfa": whether the provider asserted two factors}.
SESSION_KEY = "hechtingswijzer_organisation_login"
STATES_KEY = "oidc_states"  # mozilla-django-oidc's name for the flows under way
TIMEOUT_SECONDS = 5
DISCOVERY_SECONDS = 300
LEEWAY_SECONDS = 60  # clocks of the provider and this server may differ this much
# Signed with the provider's own key; never "none" and never the client secret (HS*).
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"

_TRY_AGAIN = _("Begin opnieuw met ‘Inloggen met je organisatie-account’.")

# Why a login was refused: the code in the access log, and what the person is told.
MESSAGES = {
    "niet-ingesteld": _("Inloggen met je organisatie-account is hier niet ingesteld."),
    "provider-onbereikbaar": _(
        "De inlogdienst van je organisatie is nu niet bereikbaar. Probeer het over een paar "
        "minuten opnieuw. Heb je een wachtwoord voor de Hechtingswijzer, log dan hieronder "
        "daarmee in."
    ),
    "provider-onveilig": _(
        "Inloggen met je organisatie-account is hier niet veilig ingesteld: de inlogdienst "
        "gebruikt geen https. Vraag de functioneel beheerder om het na te kijken."
    ),
    "geweigerd-door-organisatie": _(
        "Je organisatie heeft het inloggen geweigerd. Is je account bij de organisatie "
        "beëindigd of geblokkeerd, vraag dan de ICT-afdeling van je organisatie om hulp."
    ),
    "state-ongeldig": _(
        "Het inloggen is niet gelukt: het antwoord van je organisatie hoort "
        "niet bij een inlogpoging in deze browser."
    ),
    "nonce-ongeldig": _(
        "Het inloggen is niet gelukt: het antwoord van je organisatie hoort "
        "niet bij deze inlogpoging."
    ),
    "token-verlopen": _(
        "Het inloggen is niet gelukt: het antwoord van je organisatie was verlopen."
    ),
    "token-ongeldig": _(
        "Het inloggen is niet gelukt: het antwoord van je organisatie kon "
        "niet worden gecontroleerd."
    ),
    "claim-ontbreekt": _(
        "Je organisatie gaf niet door wie je bent. Vraag de functioneel beheerder om de "
        "instelling ‘claim die de gebruiker aanwijst’ na te kijken."
    ),
    "onbekend-account": _(
        "Je organisatie-account hoort bij geen gebruiker van de Hechtingswijzer. Vraag de "
        "functioneel beheerder om een account voor je te maken."
    ),
    "meerdere-accounts": _(
        "Je organisatie-account past bij meer dan één gebruiker van de Hechtingswijzer. Vraag "
        "de functioneel beheerder om dat recht te zetten."
    ),
    "ander-account": _(
        "Je organisatie-account is niet het account waarmee deze gebruiker eerder inlogde. "
        "Vraag de functioneel beheerder om dat na te kijken."
    ),
    "account-uitgeschakeld": _(
        "Je account in de Hechtingswijzer is uitgeschakeld. Vraag de functioneel beheerder als "
        "je denkt dat dat niet klopt."
    ),
    "lokaal-inloggen-uit": _(
        "Inloggen met een wachtwoord kan hier niet meer. Log in met je organisatie-account."
    ),
}
# Refusals after which starting again may help.
RETRY = {"state-ongeldig", "nonce-ongeldig", "token-verlopen", "token-ongeldig"}


class Refused(Exception):
    def __init__(self, reason, username=""):
        super().__init__(reason)
        self.reason = reason
        self.username = str(username)[:150]

    @property
    def message(self):
        if self.reason in RETRY:
            return f"{MESSAGES[self.reason]} {_TRY_AGAIN}"
        return MESSAGES[self.reason]


class OrganisationBackend(ModelBackend):
    """The backend an organisation login's session names: it finds the user of each request (an
    inactive user is nobody) and authenticates nothing by itself, so no password reaches it."""

    def authenticate(self, request, **credentials):
        return None


def configuration():
    """The organisation login's settings, when it is switched on and complete."""
    config = OrganisationLogin.current()
    if not config.usable:
        raise Refused("niet-ingesteld")
    return config


def password_login_allowed(user):
    """Whether this account may log in with a password where the organisation has one login."""
    if user.is_superuser or user.local_login:
        return True
    return OrganisationLogin.current().local_login


def discover(config, *, fresh=False):
    """The provider's discovery document: where to send the person, where to get the tokens,
    its keys. Read fresh when a login starts, so that a provider that is down is said in Dutch
    before the browser is sent to it, and moved endpoints need no change here; the answer and
    the back-channel logout use it for DISCOVERY_SECONDS more. The keys are read at each use."""
    key = f"organisation-login-discovery:{sha256(config.discovery_url.encode()).hexdigest()}"
    document = None if fresh else cache.get(key)
    if document is not None:
        return document
    try:
        response = requests.get(config.discovery_url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise Refused("provider-onbereikbaar") from error
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not isinstance(document, dict) or not all(isinstance(document.get(k), str) for k in needed):
        raise Refused("provider-onbereikbaar")
    addresses = [config.discovery_url, *(document[k] for k in needed)]
    if document.get("userinfo_endpoint"):
        addresses.append(str(document["userinfo_endpoint"]))
    if not all(map(is_safe_address, addresses)):
        raise Refused("provider-onveilig")
    cache.set(key, document, DISCOVERY_SECONDS)
    return document


def is_safe_address(url):
    """HTTPS, or plain HTTP to this machine itself (a provider on loopback, in tests): the
    client secret and the tokens never cross a network unencrypted."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "::1", "localhost")


def authorization_url(request, config, redirect_uri, next_url):
    """Where to send the person: the provider's login, with a new state, nonce and PKCE
    challenge kept in this session (several tabs may each have a flow under way)."""
    document = discover(config, fresh=True)
    state = get_random_string(32)
    verifier = get_random_string(64)
    params = {
        "response_type": "code",
        "scope": config.scopes,
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "nonce": get_random_string(32),
        "code_challenge": generate_code_challenge(verifier, "S256"),
        "code_challenge_method": "S256",
    }
    add_state_and_verifier_and_nonce_to_session(request, state, params, verifier)
    request.session[STATES_KEY][state]["next"] = next_url
    request.session.modified = True
    request_url = requests.Request("GET", document["authorization_endpoint"], params=params)
    return request_url.prepare().url


def take_flow(request):
    """The flow this callback's `state` belongs to, removed from the session so that the same
    answer cannot be used twice."""
    states = request.session.get(STATES_KEY)
    state = request.GET.get("state", "")
    if not isinstance(states, dict) or state not in states:
        raise Refused("state-ongeldig")
    flow = states.pop(state)
    request.session.modified = True
    return flow


def claims_for_code(config, code, flow, redirect_uri):
    """Exchange the code for tokens, check the ID token, and return its claims with the
    userinfo endpoint's (the ID token's `amr` and `acr` are the only ones trusted for them)."""
    document = discover(config)
    try:
        response = requests.post(
            document["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": config.client_id,
                "client_secret": config.client_secret,
                "code_verifier": flow["code_verifier"],
            },
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as error:
        raise Refused("provider-onbereikbaar") from error
    if response.status_code != 200:
        raise Refused("token-ongeldig")  # a used or wrong code, a PKCE mismatch
    try:
        tokens = response.json()
    except ValueError as error:
        raise Refused("token-ongeldig") from error
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise Refused("token-ongeldig")
    claims = verify_id_token(config, document, tokens["id_token"])
    sent, received = str(flow.get("nonce") or ""), str(claims.get("nonce", ""))
    if not sent or not hmac.compare_digest(sent.encode(), received.encode()):
        raise Refused("nonce-ongeldig")
    if document.get("userinfo_endpoint") and tokens.get("access_token"):
        extra = _userinfo(document["userinfo_endpoint"], tokens["access_token"])
        if str(extra.get("sub")) != claims["sub"]:
            raise Refused("token-ongeldig")
        trusted_from_id_token = ("amr", "acr", "auth_time", "nonce")
        extra = {key: value for key, value in extra.items() if key not in trusted_from_id_token}
        claims = {**extra, **claims}
    return claims


def verify_id_token(config, document, token, *, logout=False):
    """The claims of an ID token (or a back-channel logout token), checked: the provider's
    signature, its issuer, this client as the audience, not expired."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") not in ALGORITHMS:
            raise jwt.InvalidAlgorithmError("not signed with the provider's key")
        key = _signing_key(document["jwks_uri"], header)
        claims = jwt.decode(
            token,
            key,
            algorithms=[header["alg"]],
            audience=config.client_id,
            issuer=document["issuer"],
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "iat"] + ([] if logout else ["exp", "sub"])},
        )
    except jwt.ExpiredSignatureError as error:
        raise Refused("token-verlopen") from error
    except (jwt.PyJWTError, requests.RequestException, ValueError, KeyError) as error:
        raise Refused("token-ongeldig") from error
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise Refused("token-ongeldig")
    if "sub" in claims:
        claims["sub"] = str(claims["sub"])
    return claims


def logout_claims(config, token):
    """The claims of a back-channel logout token, checked as Back-Channel Logout 1.0 asks: an
    ID token's checks, the logout event, no nonce, and a `sid` or a `sub` to end."""
    claims = verify_id_token(config, discover(config), token, logout=True)
    events = claims.get("events")
    if (
        not isinstance(events, dict)
        or BACKCHANNEL_EVENT not in events
        or "nonce" in claims
        or not (claims.get("sid") or claims.get("sub"))
    ):
        raise Refused("token-ongeldig")
    return claims


def _signing_key(jwks_uri, header):
    """The provider's key that signed this token: the one with its `kid`, for signing, of its
    algorithm (a key set may hold several keys with one `kid`, for different algorithms)."""
    response = requests.get(jwks_uri, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()
    alg = header.get("alg")
    keys = [
        key
        for key in response.json().get("keys", [])
        if key.get("use", "sig") == "sig"
        and key.get("alg", alg) == alg
        and ("kid" not in header or key.get("kid") == header["kid"])
    ]
    if len(keys) != 1:
        raise jwt.InvalidKeyError("no single key for this token")
    return jwt.PyJWK(keys[0], algorithm=alg).key


def _userinfo(endpoint, access_token):
    try:
        response = requests.get(
            endpoint,
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=TIMEOUT_SECONDS,
        )
        response.raise_for_status()
        claims = response.json()
    except (requests.RequestException, ValueError) as error:
        raise Refused("provider-onbereikbaar") from error
    if not isinstance(claims, dict):
        raise Refused("token-ongeldig")
    return claims


def provider_asserts_mfa(config, claims):
    """Whether the ID token says the person used more than one factor at the provider."""
    amr = claims.get("amr") or []
    amr = [amr] if isinstance(amr, str) else amr
    if set(map(str, amr)) & set(config.mfa_amr_values.split()):
        return True
    return str(claims.get("acr", "")) in set(config.mfa_acr_values.split())


def user_for_claims(config, claims):
    """The Hechtingswijzer user these claims name; created without any team role when the
    organisation turned that on. Returns (user, created)."""
    value = claims.get(config.identifying_claim)
    if not isinstance(value, str) or not value.strip():
        raise Refused("claim-ontbreekt")
    value = value.strip()
    users = list(
        get_user_model()._default_manager.filter(**{f"{config.user_field}__iexact": value})[:2]
    )
    if len(users) > 1:
        raise Refused("meerdere-accounts", value)
    created = False
    if users:
        user = users[0]
    elif config.create_users:
        user, created = _create_user(config, claims, value), True
    else:
        raise Refused("onbekend-account", value)
    if not user.is_active:
        raise Refused("account-uitgeschakeld", value)
    if user.organisation_subject and user.organisation_subject != claims["sub"]:
        raise Refused("ander-account", value)
    changed = []
    if not user.organisation_subject:  # the first login binds the account
        user.organisation_subject = str(claims["sub"])[:255]
        changed.append("organisation_subject")
    title = claims.get(config.function_title_claim) if config.function_title_claim else None
    if isinstance(title, str) and title.strip() and title.strip()[:100] != user.function_title:
        user.function_title = title.strip()[:100]
        changed.append("function_title")
    if changed:
        user.save(update_fields=changed)
    return user, created


def _create_user(config, claims, value):
    model = get_user_model()
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    username = value if config.user_field == OrganisationLogin.UserField.USERNAME else email
    if not username or len(username) > 150:
        raise Refused("claim-ontbreekt", value)
    try:
        with transaction.atomic():
            user = model(
                username=username,
                email=email if len(email) <= 254 else "",
                first_name=str(claims.get("given_name") or claims.get("name") or "")[:150],
                last_name=str(claims.get("family_name") or "")[:150],
            )
            user.set_unusable_password()
            user.save()
    except IntegrityError as error:  # made in the same moment by another login
        raise Refused("meerdere-accounts", value) from error
    return user


def remember_session(request, user, claims):
    """Note which session this login started, for the provider's back-channel logout; drop
    the notes of sessions that ended by age."""
    ended = timezone.now() - timedelta(seconds=settings.SESSION_ABSOLUTE_AGE)
    OrganisationSession.objects.filter(started_at__lt=ended).delete()
    OrganisationSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "sid": str(claims.get("sid", ""))[:255], "sub": claims["sub"]},
    )


def session_key_changed(old_key, new_key):
    """The second factor gives the session a new key; the provider's logout must still find it."""
    if old_key:
        OrganisationSession.objects.filter(session_key=old_key).update(session_key=new_key)


@receiver(user_logged_out, dispatch_uid="organisation-session-ended")
def _forget_session(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        OrganisationSession.objects.filter(session_key=request.session.session_key).delete()
