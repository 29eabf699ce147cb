"""Login hardening: lockout, two-factor, session limits, headers (OWASP ASVS 6, 7, 14)."""

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.middleware import RENEWED_AT_SESSION_KEY
from accounts.models import Membership
from audit.models import AccessEvent
from tests.factories import DEFAULT_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def _login(client, username, password=DEFAULT_PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_an_account_is_locked_after_five_failed_logins(professional):
    client = Client()
    for _attempt in range(5):
        _login(client, "medewerker", "verkeerd-wachtwoord")
    response = _login(client, "medewerker")
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessEvent.objects.filter(action="geblokkeerd", username="medewerker").exists()
    assert AccessEvent.objects.filter(action="inloggen-mislukt").count() >= 5


def test_wrong_passwords_from_one_address_do_not_lock_the_account_elsewhere(team_lead):
    """Knowing a team lead's user name is not enough to keep them out (OWASP ASVS 5.0 V6.1.1)."""
    attacker = Client()
    for _attempt in range(5):
        _login(attacker, "teamleider", "verkeerd-wachtwoord", ip="203.0.113.9")
    assert _login(attacker, "teamleider", ip="203.0.113.9").status_code == 429
    assert _login(Client(), "teamleider", ip="10.0.0.1").status_code == 302


def test_unknown_names_from_one_address_do_not_lock_out_the_office(
    professional, team_lead, settings
):
    """One person behind an office's shared address tries ten names that are no account: the
    address is throttled for unknown names, but every colleague behind it still logs in."""
    office = "203.0.113.9"
    guesser = Client()
    for number in range(settings.LOGIN_ADDRESS_NAME_LIMIT - 1):
        assert _login(guesser, f"onbekend{number}", "verkeerd", ip=office).status_code == 200
    response = _login(guesser, "onbekend-tiende", "verkeerd", ip=office)
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert AccessEvent.objects.filter(action="geblokkeerd", ip_address=office).exists()

    # The colleagues behind the same address log in as always, again and again.
    for _round in range(2):
        assert _login(Client(), "medewerker", ip=office).status_code == 302
        assert _login(Client(), "teamleider", ip=office).status_code == 302
    # A known name is still locked per name and address only, never by the guessing.
    colleague = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(colleague, "medewerker", "verkeerd-wachtwoord", ip=office)
    assert _login(colleague, "medewerker", ip=office).status_code == 429
    assert _login(Client(), "teamleider", ip=office).status_code == 302
    # Elsewhere nothing changed; and once the window has passed, unknown names are checked again.
    assert _login(Client(), "nog-een-naam", "verkeerd", ip="10.0.0.1").status_code == 200
    AccessAttempt.objects.filter(ip_address=office).exclude(username="medewerker").update(
        attempt_time=timezone.now() - timedelta(minutes=settings.LOGIN_UNKNOWN_NAME_MINUTES + 1)
    )
    assert _login(Client(), "nog-een-naam", "verkeerd", ip=office).status_code == 200


def test_the_functional_admin_can_unlock_an_account(client, professional, functional_admin):
    for _attempt in range(5):
        _login(Client(), "medewerker", "verkeerd-wachtwoord")
    attempt = AccessAttempt.objects.get(username="medewerker")
    assert _login(Client(), "medewerker").status_code == 429
    client.force_login(functional_admin)
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert _login(Client(), "medewerker", ip="10.0.0.1").status_code == 302


def test_the_functional_admin_lifts_a_lockout_from_the_users_list(
    client, professional, functional_admin
):
    for _attempt in range(5):
        _login(Client(), "medewerker", "verkeerd-wachtwoord")
    assert _login(Client(), "medewerker").status_code == 429
    client.force_login(functional_admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "lift_lockout", "_selected_action": [professional.pk]},
        follow=True,
    )
    assert "De inlogblokkade van 1 gebruiker is opgeheven." in response.content.decode()
    assert not AccessAttempt.objects.filter(username="medewerker").exists()
    assert _login(Client(), "medewerker", ip="10.0.0.1").status_code == 302


def test_an_operator_can_unlock_from_the_command_line(professional):
    for _attempt in range(5):
        _login(Client(), "medewerker", "verkeerd-wachtwoord")
    call_command("axes_reset_username", "medewerker")
    assert _login(Client(), "medewerker", ip="10.0.0.1").status_code == 302


def test_a_team_lead_without_two_factor_cannot_reach_the_review_queue(team):
    lead = MembershipFactory(user__username="nieuw", team=team, role=Membership.Role.TEAM_LEAD)
    client = Client()
    assert _login(client, "nieuw").status_code == 302
    for url in (reverse("home"), reverse("observaties:family-list"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("two-factor-verify"))
    response = client.get(reverse("two-factor-verify"), follow=True)
    assert "Tweestapsverificatie instellen" in response.content.decode()
    assert lead.user.is_authenticated


def test_two_factor_enrolment_gives_recovery_codes_that_work_once(team, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise delay the next
    MembershipFactory(user__username="nieuw", team=team, role=Membership.Role.TEAM_LEAD)
    client = Client()
    _login(client, "nieuw")
    client.get(reverse("two-factor-setup"))
    device = TOTPDevice.objects.get(user__username="nieuw")
    response = client.post(reverse("two-factor-setup"), {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    response = client.post(reverse("two-factor-setup"), {"token": _code(device)})
    assert "Je herstelcodes" in response.content.decode()
    assert client.get(reverse("home")).status_code == 200
    code = StaticToken.objects.filter(device__user__username="nieuw").first().token

    for expected in (302, 200):  # the recovery code works once, then it is gone
        other = Client()
        _login(other, "nieuw", ip="10.0.0.2")
        response = other.post(reverse("two-factor-verify"), {"token": code})
        assert response.status_code == expected
    actions = set(AccessEvent.objects.values_list("action", flat=True))
    assert {"tweestaps-ingesteld", "tweestaps-geverifieerd", "tweestaps-mislukt"} <= actions


def test_two_factor_can_be_required_for_everyone(settings, professional):
    settings.TWO_FACTOR_FOR_ALL = True
    client = Client()
    _login(client, "medewerker")
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two-factor-verify"))


@pytest.mark.parametrize(
    ("device", "asked"),
    [("none", False), ("unconfirmed app", False), ("app", True), ("recovery codes only", True)],
)
def test_a_professional_who_set_up_a_second_factor_is_asked_for_it(professional, device, asked):
    if device in ("app", "unconfirmed app"):
        TOTPDevice.objects.create(user=professional, name="t", confirmed=device == "app")
    elif device == "recovery codes only":
        professional.staticdevice_set.create(name="herstel", confirmed=True)
    client = Client()
    _login(client, "medewerker")
    response = client.get(reverse("home"))
    if asked:
        assert response.status_code == 302
        assert response.url.startswith(reverse("two-factor-verify"))
    else:
        assert response.status_code == 200


def test_an_idle_session_expires(client, professional, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(professional)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_an_active_session_is_renewed_at_most_once_a_minute(client, professional):
    client.force_login(professional)
    session = client.session
    session[RENEWED_AT_SESSION_KEY] = time.time() - 61
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=5)
    )
    assert client.get(reverse("home")).status_code == 200
    renewed = _expiry(client)
    assert renewed > timezone.now() + timedelta(minutes=29)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [
        q for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    ]
    assert _expiry(client) == renewed


KEEPALIVE = reverse("session-keepalive")


def test_typing_in_the_checklist_renews_an_idle_session(professional, observation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    page = client.get(reverse("observaties:observation-edit", args=[observation.pk]))
    assert b'id="session-keeper"' in page.content
    session = client.session
    session[RENEWED_AT_SESSION_KEY] = time.time() - 61
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=2)
    )
    token = page.context["csrf_token"]
    assert client.post(KEEPALIVE, HTTP_X_CSRFTOKEN=str(token)).status_code == 204
    assert _expiry(client) > timezone.now() + timedelta(minutes=29)


def test_keeping_a_session_alive_needs_the_form_token_and_a_live_session(professional):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    token = str(client.get(reverse("home")).context["csrf_token"])
    assert client.post(KEEPALIVE).status_code == 403
    assert client.get(KEEPALIVE).status_code == 405
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(KEEPALIVE, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_asking_how_long_a_session_has_left_does_not_renew_it(client, professional):
    client.force_login(professional)
    session = client.session
    session[RENEWED_AT_SESSION_KEY] = time.time() - 20 * 60
    session.save()
    before = _expiry(client)
    response = client.get(reverse("session-status"))
    assert response.status_code == 200
    assert 9 * 60 <= response.json()["seconds_left"] <= 10 * 60
    assert _expiry(client) == before
    session = client.session
    session["hechtingswijzer_login_at"] = time.time() - 10 * 3600 + 90
    session.save()
    assert client.get(reverse("session-status")).json()["seconds_left"] <= 90
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(reverse("session-status")).status_code == 302


def test_keeping_a_session_alive_does_not_pass_its_ten_hours(client, professional):
    client.force_login(professional)
    session = client.session
    session["hechtingswijzer_login_at"] = time.time() - 10 * 3600 - 1
    session.save()
    response = client.post(KEEPALIVE)
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_a_session_ends_ten_hours_after_login_however_active(client, professional):
    client.force_login(professional)
    session = client.session
    session["hechtingswijzer_login_at"] = time.time() - 10 * 3600 - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert client.get(reverse("home")).status_code == 302


def test_login_gives_a_new_session_key(professional):
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["voor"] = "het inloggen"
    session.save()
    before = session.session_key
    _login(client, "medewerker")
    assert client.session.session_key != before


def test_a_password_change_logs_out_every_other_session(professional):
    first, second = Client(), Client()
    _login(first, "medewerker")
    _login(second, "medewerker", ip="10.0.0.3")
    response = first.post(
        reverse("password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "een-nieuw-lang-wachtwoord-7",
            "new_password2": "een-nieuw-lang-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    assert first.get(reverse("home")).status_code == 200
    assert second.get(reverse("home")).status_code == 302


def test_pages_with_client_data_send_strict_headers(client, professional, family):
    client.force_login(professional)
    response = client.get(reverse("observaties:family-detail", args=[family.pk]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_the_admin_uses_the_apps_login():
    response = Client().get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_mistyped_app_codes_do_not_block_a_recovery_code(team_lead):
    device = TOTPDevice.objects.get(user=team_lead)
    recovery = StaticDevice.objects.create(user=team_lead, name="Herstelcodes", confirmed=True)
    recovery.token_set.create(token="abcd2345")
    client = Client()
    _login(client, "teamleider")
    for wrong in ("000000", "111111", "222222", "333333"):
        response = client.post(reverse("two-factor-verify"), {"token": wrong})
        assert "Deze code klopt niet of is verlopen" in response.content.decode()
    device.refresh_from_db()
    recovery.refresh_from_db()
    # The app's device throttles itself (and refuses while it waits); the recovery codes do not.
    assert device.throttling_failure_count >= 1
    assert recovery.throttling_failure_count == 0

    response = client.post(reverse("two-factor-verify"), {"token": "abcd2345"})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0  # a successful login clears every kind


def test_a_successful_app_code_clears_the_recovery_codes_throttling(team_lead):
    device = TOTPDevice.objects.get(user=team_lead)
    recovery = StaticDevice.objects.create(
        user=team_lead, name="Herstelcodes", confirmed=True, throttling_failure_count=3
    )
    client = Client()
    _login(client, "teamleider")

    assert client.post(reverse("two-factor-verify"), {"token": _code(device)}).status_code == 302

    recovery.refresh_from_db()
    assert recovery.throttling_failure_count == 0


def test_the_second_factor_gives_a_new_session_key(team_lead):
    """A session key seen between the password and the second factor (on a shared computer,
    in a proxy's log) does not carry the completed login."""
    device = TOTPDevice.objects.get(user=team_lead)
    client = Client()
    _login(client, "teamleider")
    between = client.session.session_key
    assert client.post(reverse("two-factor-verify"), {"token": _code(device)}).status_code == 302
    assert client.session.session_key != between
    assert client.get(reverse("home")).status_code == 200
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = between
    assert stolen.get(reverse("home")).status_code == 302
