"""What a functional admin can do to accounts, and that it leaves a trace: nobody changes their
own rights, every change of someone else's is logged, and a password an admin sets works once."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Team, User
from accounts.roles import PRIVACY_OFFICER_GROUP
from audit.models import AccessEvent
from tests.clients import VerifiedClient
from tests.conftest import with_device
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "door-de-beheerder-gezet-41"


def _user_form(user, **changes):
    """The admin's change form for `user` as posted unchanged, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **changes,
    }
    return {key: value for key, value in data.items() if value != ""}


def _account_events():
    return list(
        AccessEvent.objects.filter(action__in=AccessEvent.ACCOUNT_ACTIONS)
        .order_by("pk")
        .values_list("username", "action", "subject_user_id", "target", "team_id")
    )


def test_a_functional_admin_cannot_make_itself_team_lead_or_privacy_officer(
    client, functional_admin, team, family
):
    client.force_login(functional_admin)
    privacy = Group.objects.get(name=PRIVACY_OFFICER_GROUP)
    own = reverse("admin:accounts_user_change", args=[functional_admin.pk])
    client.post(
        own,
        _user_form(
            functional_admin,
            groups=[
                str(privacy.pk),
                *map(str, functional_admin.groups.values_list("pk", flat=True)),
            ],
            is_superuser="on",
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-0-team": str(team.pk),
                "memberships-0-role": Membership.Role.TEAM_LEAD,
            },
        ),
    )
    response = client.post(
        reverse("admin:accounts_membership_add"),
        {"user": functional_admin.pk, "team": team.pk, "role": Membership.Role.TEAM_LEAD},
    )

    assert "Je kunt je eigen rechten, groepen en teamlidmaatschappen niet wijzigen" in (
        response.content.decode()
    )
    functional_admin.refresh_from_db()
    assert not functional_admin.is_superuser
    assert not functional_admin.groups.filter(name=PRIVACY_OFFICER_GROUP).exists()
    assert not Membership.objects.filter(user=functional_admin).exists()
    assert client.get(reverse("observaties:family-detail", args=[family.pk])).status_code == 404
    assert client.get(reverse("audit:event-list")).status_code == 404


def test_changes_to_someone_elses_rights_are_logged_and_team_leads_see_their_team(
    client, functional_admin, professional, team, team_lead
):
    client.force_login(functional_admin)
    privacy = Group.objects.get(name=PRIVACY_OFFICER_GROUP)
    membership = professional.memberships.get()
    client.post(
        reverse("admin:accounts_user_change", args=[professional.pk]),
        _user_form(
            professional,
            is_active="",
            groups=[str(privacy.pk)],
            **{
                "memberships-TOTAL_FORMS": "1",
                "memberships-INITIAL_FORMS": "1",
                "memberships-0-id": str(membership.pk),
                "memberships-0-user": str(professional.pk),
                "memberships-0-team": str(team.pk),
                "memberships-0-role": Membership.Role.TEAM_LEAD,
            },
        ),
    )

    assert sorted(_account_events()) == sorted(
        [
            ("beheerder", "account-gewijzigd", professional.pk, "is_active:uit", None),
            (
                "beheerder",
                "groep-gewijzigd",
                professional.pk,
                f"{PRIVACY_OFFICER_GROUP}:toegevoegd",
                None,
            ),
            (
                "beheerder",
                "lidmaatschap-gewijzigd",
                professional.pk,
                "teamleider:gewijzigd",
                team.pk,
            ),
        ]
    )
    client.force_login(team_lead)
    content = client.get(reverse("audit:event-list"), {"action": "accounts"}).content.decode()
    assert '<td data-label="Actie">teamlidmaatschap gewijzigd</td>' in content
    assert (
        '<td data-label="Actie">groep gewijzigd</td>' not in content
    )  # not about their team: for the privacy officer


def test_the_privacy_officer_filters_on_changes_to_accounts(client, functional_admin, professional):
    client.force_login(functional_admin)
    client.post(
        reverse("admin:accounts_user_change", args=[professional.pk]),
        _user_form(professional, is_staff="on"),
    )
    officer = UserFactory(username="privacy")
    officer.groups.add(Group.objects.get(name=PRIVACY_OFFICER_GROUP))
    client.force_login(officer)

    content = client.get(reverse("audit:event-list"), {"action": "accounts"}).content.decode()

    assert '<td data-label="Actie">account gewijzigd</td>' in content
    assert '<td data-label="Onderdeel">is_staff:aan</td>' in content
    assert '<td data-label="Account">medewerker</td>' in content  # whose account
    assert '<td data-label="Actie">inloggen</td>' not in content


def test_a_password_set_by_an_admin_works_once_and_the_user_is_told_who_set_it(
    client, functional_admin, professional
):
    theirs = Client()
    theirs.post(reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD})
    assert theirs.get(reverse("home")).status_code == 200
    client.force_login(functional_admin)
    functional_admin.first_name, functional_admin.last_name = "Bea", "Heer"
    functional_admin.save()

    response = client.post(
        reverse("admin:auth_user_password_change", args=[professional.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert theirs.get(reverse("home")).status_code == 302  # their other session has ended
    assert ("beheerder", "wachtwoord-ingesteld", professional.pk, "wachtwoord", None) in (
        _account_events()
    )
    first = Client()
    first.post(reverse("login"), {"username": "medewerker", "password": NEW_PASSWORD})
    page = first.get(reverse("home"), follow=True).content.decode()
    assert "Kies een eigen wachtwoord" in page
    assert "ingesteld door Bea Heer" in page
    assert first.get(reverse("observaties:family-list")).url == reverse("password-choose")
    again = Client().post(reverse("login"), {"username": "medewerker", "password": NEW_PASSWORD})
    assert again.status_code == 200  # the admin's password worked once

    mistyped = first.post(
        reverse("password-choose"),
        {"new_password1": "mijn-eigen-wachtwoord-93", "new_password2": "mijn-eigen-wachtwoord-39"},
    )
    assert "De twee wachtwoordvelden komen niet overeen." in mistyped.content.decode()
    first.post(
        reverse("password-choose"),
        {"new_password1": "mijn-eigen-wachtwoord-93", "new_password2": "mijn-eigen-wachtwoord-93"},
    )

    assert first.get(reverse("observaties:family-list")).status_code == 200
    own = Client().post(
        reverse("login"), {"username": "medewerker", "password": "mijn-eigen-wachtwoord-93"}
    )
    assert own.status_code == 302
    professional.refresh_from_db()
    assert not professional.must_choose_password


def test_removing_someones_second_factor_is_logged(team_lead):
    superuser = with_device(UserFactory(username="systeembeheer", is_staff=True, is_superuser=True))
    client = VerifiedClient()
    client.force_login(superuser)
    device = TOTPDevice.objects.get(user=team_lead)

    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert ("systeembeheer", "tweestaps-gewist", team_lead.pk, "totpdevice", None) in (
        _account_events()
    )
    assert User.objects.get(pk=team_lead.pk).is_active


def test_the_admins_text_fields_refuse_a_long_text_instead_of_cutting_it(functional_admin):
    """As in the app's own forms: the limit in the help text, no maxlength that cuts a paste,
    and a text over the limit refused in full with its length."""
    client = VerifiedClient()
    client.force_login(functional_admin)
    add = reverse("admin:accounts_team_add")
    page = client.get(add).content.decode()
    field = page.split('id="id_name"', 1)[0].rsplit("<input", 1)[1]
    assert "maxlength" not in field
    assert "Hoogstens 120 tekens." in page
    response = client.post(add, {"name": "Wijkteam " + "Z" * 300, "phone": "", "email": ""})
    assert response.status_code == 200
    assert "Dit zijn 309 tekens; hoogstens 120 kan." in response.content.decode()
    assert not Team.objects.filter(name__startswith="Wijkteam Z").exists()


def test_the_date_and_the_time_of_a_date_time_field_each_have_a_label(
    functional_admin, professional
):
    """Django writes "Datum:" and "Tijd:" as plain text beside their inputs, which leaves a
    screen reader without a name for either (templates/admin/widgets/split_datetime.html)."""
    client = VerifiedClient()
    client.force_login(functional_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[professional.pk]))
    html = page.content.decode()
    for field in ["last_login", "date_joined"]:
        assert f'<label for="id_{field}_0">Datum:</label>' in html
        assert f'<label for="id_{field}_1">Tijd:</label>' in html
