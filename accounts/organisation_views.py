"""The login page with both ways in, and the organisation login's own endpoints: going to the
provider, coming back from it, and the provider's back-channel and front-channel logout."""

from django.contrib import auth, messages
from django.contrib.auth.views import LoginView
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from accounts import organisation
from accounts.forms import LoginForm
from accounts.models import OrganisationLogin, OrganisationSession
from accounts.organisation import Refused
from accounts.signals import organisation_login_step


class Login(LoginView):
    """Django's login, with the organisation's button beside (or, where the organisation has
    switched passwords off, above) the password form."""

    authentication_form = LoginForm

    def dispatch(self, request, *args, **kwargs):
        self.organisation_login = OrganisationLogin.current()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.organisation_login.usable:
            # The organisation's button comes first; the focus does not skip it.
            form.fields["username"].widget.attrs.pop("autofocus", None)
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, organisation_login=self.organisation_login)


def _redirect_uri(request):
    return request.build_absolute_uri(reverse("organisation-login-return"))


def _refused(request, refusal, next_url=""):
    """Back to the login page with the reason in Dutch, keeping where the person was going."""
    organisation_login_step.send(
        __name__, request=request, step="refused", reason=refusal.reason, username=refusal.username
    )
    messages.error(request, refusal.message)
    login = reverse("login")
    return redirect(f"{login}?{urlencode({'next': next_url})}" if next_url else login)


def _safe_next(request, next_url):
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


@require_GET
@never_cache
def start(request):
    next_url = _safe_next(request, request.GET.get("next", ""))
    try:
        config = organisation.configuration()
        target = organisation.authorization_url(request, config, _redirect_uri(request), next_url)
    except Refused as refusal:
        return _refused(request, refusal, next_url)
    return redirect(target)


@require_GET
@never_cache
def come_back(request):
    """The provider sends the person back here with a code (or an error) and the state."""
    flow = {}
    try:
        config = organisation.configuration()
        flow = organisation.take_flow(request)
        if request.GET.get("error") or not request.GET.get("code"):
            raise Refused("geweigerd-door-organisatie")
        claims = organisation.claims_for_code(
            config, request.GET["code"], flow, _redirect_uri(request)
        )
        user, created = organisation.user_for_claims(config, claims)
    except Refused as refusal:
        return _refused(request, refusal, flow.get("next", ""))
    if created:
        organisation_login_step.send(__name__, request=request, step="created", user=user)
    mfa = organisation.provider_asserts_mfa(config, claims)
    user.organisation_mfa = mfa  # for the access log's login row
    auth.login(request, user, backend=organisation.BACKEND)
    request.session[organisation.SESSION_KEY] = {"mfa": mfa}
    organisation.remember_session(request, user, claims)
    return redirect(flow.get("next") or resolve_url("home"))


@csrf_exempt
@require_POST
@never_cache
def backchannel_logout(request):
    """OpenID Connect Back-Channel Logout 1.0: the provider ends the sessions of a person who
    logged out there, or whose account it ended (by `sid`, or every session of the `sub`)."""
    try:
        config = organisation.configuration()
        claims = organisation.logout_claims(config, request.POST.get("logout_token", ""))
    except Refused:
        return JsonResponse({"error": "invalid_request"}, status=400)
    if claims.get("sid"):
        _end_sessions(request, OrganisationSession.objects.filter(sid=claims["sid"]))
    else:
        _end_sessions(request, OrganisationSession.objects.filter(sub=claims["sub"]))
    return JsonResponse({}, status=200)


@require_GET
@never_cache
def frontchannel_logout(request):
    """OpenID Connect Front-Channel Logout 1.0: the provider loads this address in a hidden frame
    of its logout page, with its issuer and the session id (`iss`, `sid`) it gave at login. The
    frame's request carries no session cookie (SameSite=Lax), so the session is found by `sid`,
    which only the provider and this server know."""
    sid = request.GET.get("sid", "")
    try:
        issuer = organisation.discover(organisation.configuration())["issuer"]
    except Refused:
        issuer = None
    if sid and issuer is not None and request.GET.get("iss") == issuer:
        _end_sessions(request, OrganisationSession.objects.filter(sid=sid))
    return HttpResponse(status=200)


def _end_sessions(request, sessions):
    with transaction.atomic():
        for session in sessions.select_related("user"):
            Session.objects.filter(session_key=session.session_key).delete()
            organisation_login_step.send(
                __name__, request=request, step="logged-out", user=session.user
            )
            session.delete()
