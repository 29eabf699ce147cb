"""Login, the home page per role, password change, and the demo accounts."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from accounts.roles import PRIVACY_OFFICER_GROUP
from demo.management.commands.demo_setup import DEMO_PASSWORD
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_dutch(client):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in content
    assert "Inloggen" in content
    assert "Gebruikersnaam" in content
    assert "Wachtwoord" in content


def test_the_login_page_speaks_english_to_an_english_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "en"})
    content = response.content.decode()
    assert '<html lang="en">' in content
    assert "Log in" in content


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/"


def test_a_wrong_password_gets_a_dutch_message(client, professional):
    response = client.post(
        reverse("login"), {"username": "medewerker", "password": "niet-het-wachtwoord"}
    )
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_professional_logs_in_and_sees_team_and_role(client, professional):
    response = client.post(
        reverse("login"), {"username": "medewerker", "password": DEFAULT_PASSWORD}, follow=True
    )
    content = response.content.decode()
    assert "Wijkteam Noord: medewerker" in content
    assert "Checklistversies beheren" not in content


def test_the_functional_admin_sees_the_way_to_the_checklist(client, functional_admin):
    client.force_login(functional_admin)
    content = client.get(reverse("home")).content.decode()
    assert "Checklistversies beheren" in content
    assert "Gezin toevoegen" not in content


def test_a_deactivated_account_is_signed_out_at_its_next_request(client, professional):
    client.force_login(professional)
    assert client.get(reverse("home")).status_code == 200
    User.objects.filter(pk=professional.pk).update(is_active=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_role_group_given_meanwhile_counts_from_the_next_request(client, professional):
    client.force_login(professional)
    assert "Toegangslog" not in client.get(reverse("home")).content.decode()
    professional.groups.add(Group.objects.get(name=PRIVACY_OFFICER_GROUP))
    assert "Toegangslog" in client.get(reverse("home")).content.decode()


def test_every_user_can_change_their_own_password(client, professional):
    client.force_login(professional)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "een-nieuw-lang-wachtwoord-7",
            "new_password2": "een-nieuw-lang-wachtwoord-7",
        },
    )
    assert response.status_code == 302
    professional.refresh_from_db()
    assert professional.check_password("een-nieuw-lang-wachtwoord-7")


def test_a_weak_new_password_is_refused_in_dutch(client, professional):
    client.force_login(professional)
    response = client.post(
        reverse("password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
    professional.refresh_from_db()
    assert professional.check_password(DEFAULT_PASSWORD)


def test_the_password_page_speaks_to_the_user_as_the_rest_of_the_app_does(client, professional):
    client.force_login(professional)
    page = client.get(reverse("password_change")).content.decode()
    assert "Je wachtwoord mag geen veelgebruikt wachtwoord zijn." in page
    assert "Je wachtwoord mag niet alleen uit cijfers bestaan." in page
    assert "Uw " not in page
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "niet-mijn-wachtwoord",
            "new_password1": "wachtwoord",
            "new_password2": "wachtwoord",
        },
    )
    html = response.content.decode()
    assert "Je huidige wachtwoord klopt niet." in html
    assert "Dit wachtwoord wordt te vaak gebruikt." in html
    assert "Uw " not in html
    professional.refresh_from_db()
    assert professional.check_password(DEFAULT_PASSWORD)


def test_the_demo_accounts_can_log_in(client, settings):
    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_setup", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.count() == 3
    # Team leads and functional admins first set up their second factor.
    for username, expected in [
        ("medewerker", "Wijkteam Demo: medewerker"),
        ("teamleider", "Tweestapsverificatie instellen"),
        ("beheerder", "Tweestapsverificatie instellen"),
    ]:
        response = client.post(
            reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True
        )
        assert expected in response.content.decode()
        client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_demo_accounts_are_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="alleen aangemaakt met DJANGO_DEBUG=1"):
        call_command("demo_setup")
    assert not User.objects.exists()
