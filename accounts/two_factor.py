"""Two-factor login with an authenticator app (TOTP) and one-time recovery codes, on django-otp.

Required for team leads and functional admins, always; for everyone when TWO_FACTOR_FOR_ALL is
set. There is no setting that switches the requirement off. An organisation login
(accounts/organisation.py) needs it unless the organisation's provider asserts a second factor
of its own, and then always, whatever the role.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.models import ThrottlingMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership
from accounts.organisation import SESSION_KEY, session_key_changed
from accounts.roles import has_second_factor, is_functional_admin, team_roles
from accounts.signals import two_factor_step

RECOVERY_CODES = 10
TOTP_DIGITS = TOTPDevice._meta.get_field("digits").default  # the app codes' length


def requires_two_factor(user, session=None):
    """Whether this login needs the Hechtingswijzer's own second factor. An organisation login
    needs it exactly when the provider did not assert one of its own."""
    if not user.is_authenticated:
        return False
    organisation_login = session.get(SESSION_KEY) if session is not None else None
    if organisation_login is not None:
        return not organisation_login["mfa"]
    return (
        settings.TWO_FACTOR_FOR_ALL
        or user.is_superuser
        or is_functional_admin(user)
        or Membership.Role.TEAM_LEAD in team_roles(user).values()
        or has_second_factor(user)
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy("De zes cijfers uit je authenticator-app, of een herstelcode."),
    )


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return resolve_url("home")


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def verify(request):
    if not has_second_factor(request.user):
        return redirect("two-factor-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _match(request.user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            # A new session key for the step that completes the login, as the password step
            # gets one: a key seen before the second factor is worth nothing after it.
            _cycle_key(request)
            two_factor_step.send(__name__, request=request, step="verified")
            return redirect(_next(request))
        two_factor_step.send(__name__, request=request, step="failed")
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer het opnieuw."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def setup(request):
    if has_second_factor(request.user):
        return redirect("two-factor-verify")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator-app"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].replace(" ", "")):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            _cycle_key(request)  # as at the second factor of every later login
            codes = _new_recovery_codes(request.user)
            two_factor_step.send(__name__, request=request, step="enrolled")
            return render(request, "accounts/two_factor_codes.html", {"codes": codes})
        two_factor_step.send(__name__, request=request, step="failed")
        form.add_error(
            "token", _("Deze code klopt niet. Kijk of de tijd op je telefoon goed staat.")
        )
    secret = device.bin_key
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, title=_("QR-code voor je authenticator-app")
            ),
            "secret": _base32(secret),
        },
    )


@require_http_methods(["POST"])
@login_required
def new_recovery_codes(request):
    if not request.user.is_verified():
        return redirect("two-factor-verify")
    codes = _new_recovery_codes(request.user)
    two_factor_step.send(__name__, request=request, step="enrolled", target="herstelcodes")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


def _cycle_key(request):
    old_key = request.session.session_key
    request.session.cycle_key()
    session_key_changed(old_key, request.session.session_key)


def _match(user, token):
    """The device that accepts `token`, trying only the kind of device the code is for.

    django-otp's match_token tries every device, and each one that does not accept the code
    counts a failure and throttles itself (django-otp issues #110 and #186): after a few
    mistyped app codes a valid recovery code was refused. Six digits are an app code, anything
    else a recovery code. A successful login clears the throttling of every kind.
    """
    kind = TOTPDevice if token.isdigit() and len(token) == TOTP_DIGITS else StaticDevice
    for device in kind.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            for other in devices_for_user(user):
                if isinstance(other, ThrottlingMixin) and other.throttling_failure_count:
                    other.throttle_reset()
            return device
    return None


def _new_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Herstelcodes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _base32(secret: bytes) -> str:
    encoded = b32encode(secret).decode().rstrip("=")
    return " ".join(encoded[index : index + 4] for index in range(0, len(encoded), 4))
