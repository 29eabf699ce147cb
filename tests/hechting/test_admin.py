"""The functional admin drafts, edits, previews and publishes checklist versions in the admin."""

import pytest
from django.urls import reverse

from hechting.models import ChecklistVersion

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:hechting_checklistversion_changelist")
NEW_DRAFT = reverse("admin:hechting_checklistversion_new_draft")


def _change_url(version):
    return reverse("admin:hechting_checklistversion_change", args=[version.pk])


def _form_data(response):
    """The POST data the admin change form would send back unchanged, inlines included."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = value
        for form in formset.forms:
            add(form)
    return data


def test_a_published_version_is_shown_read_only(client, functional_admin, current_version):
    client.force_login(functional_admin)
    response = client.get(_change_url(current_version))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze versie is gepubliceerd en kan niet meer wijzigen." in content
    assert 'name="_save"' not in content
    assert "<textarea" not in content
    assert "reageert als het kind naar de ouder kijkt of toenadering zoekt." in content


def test_posting_to_a_published_version_changes_nothing(client, functional_admin, current_version):
    client.force_login(functional_admin)
    response = client.post(_change_url(current_version), {"change_note": "gewijzigd"})
    assert response.status_code == 403
    current_version.refresh_from_db()
    assert current_version.change_note != "gewijzigd"


def test_the_admin_drafts_edits_and_publishes_and_version_1_stays(
    client, functional_admin, current_version
):
    client.force_login(functional_admin)
    original = current_version.items.get(code="SR-2").hint

    response = client.post(NEW_DRAFT, follow=True)
    draft = ChecklistVersion.objects.get(status=ChecklistVersion.Status.DRAFT)
    assert "Versie 5 is aangemaakt als concept" in response.content.decode()

    page = client.get(_change_url(draft))
    data = _form_data(page)
    item_keys = [key for key, value in data.items() if value == original]
    assert len(item_keys) == 1
    data[item_keys[0]] = "Let op het gezicht van de ouder tijdens het spel."
    data["change_note"] = "SR-2: kortere aanwijzing"
    data["_continue"] = "Opslaan en opnieuw bewerken"
    response = client.post(_change_url(draft), data, follow=True)
    assert response.redirect_chain, response.context["errors"]
    # The admin speaks as the application does ("je"), and names the version plainly.
    message = response.content.decode()
    assert "Je kunt deze hieronder nogmaals bewerken." in message
    assert "U kunt" not in message
    assert "Versie 5 – concept" in message
    assert draft.items.get(code="SR-2").hint == "Let op het gezicht van de ouder tijdens het spel."

    publish = reverse("admin:hechting_checklistversion_publish", args=[draft.pk])
    response = client.post(publish, follow=True)
    assert "Versie 5 is gepubliceerd en is nu de huidige versie." in response.content.decode()
    assert ChecklistVersion.objects.current() == draft
    current_version.refresh_from_db()
    assert current_version.status == ChecklistVersion.Status.RETIRED
    assert current_version.items.get(code="SR-2").hint == original


def test_a_duplicate_code_gets_a_form_error_and_nothing_is_saved(client, functional_admin, draft):
    client.force_login(functional_admin)
    data = _form_data(client.get(_change_url(draft)))
    code_keys = [key for key, value in data.items() if value == "SR-2"]
    data[code_keys[0]] = "SR-1"
    data["_save"] = "Opslaan"
    response = client.post(_change_url(draft), data)
    assert response.status_code == 200
    assert "Corrigeer de dubbele gegevens voor code" in response.content.decode()
    assert draft.items.filter(code="SR-2").exists()


def test_publishing_an_incomplete_draft_shows_why_and_changes_nothing(
    client, functional_admin, current_version, draft
):
    draft.items.filter(condition__key="mentaliseren").delete()
    client.force_login(functional_admin)
    publish = reverse("admin:hechting_checklistversion_publish", args=[draft.pk])
    response = client.post(publish, follow=True)
    content = response.content.decode()
    assert "Versie 5 is niet gepubliceerd" in content
    assert "Voorwaarde ‘Mentaliseren’ heeft geen gedragsitems." in content
    assert ChecklistVersion.objects.current() == current_version


def test_a_second_draft_is_refused_with_a_message(client, functional_admin, draft):
    client.force_login(functional_admin)
    response = client.post(NEW_DRAFT, follow=True)
    assert "Er is al een conceptversie." in response.content.decode()
    assert ChecklistVersion.objects.count() == 5


def test_the_preview_shows_the_checklist_as_a_professional_sees_it(
    client, functional_admin, current_version
):
    client.force_login(functional_admin)
    response = client.get(
        reverse("admin:hechting_checklistversion_preview", args=[current_version.pk])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Voorbeeld van checklistversie 4" in content
    for item in current_version.items.all():
        assert item.code in content
    assert "geen gelegenheid om te observeren" in content
    assert "Schulden" in content
    assert "(bron: kennispagina NJi)" in content
    assert "(eigen tekst van de organisatie)" in content
    # What the sheet for the parent will say, for the admin who maintains it.
    assert "Voor de ouder:</strong> Je keek vriendelijk en je lachte naar {kind}." in content
    assert "Oefentip voor de ouder bij een werkpunt:" in content
    assert "Wat betekenen de antwoorden?" in content
    assert "VIPP-SD" in content


def test_new_drafts_only_by_post(client, functional_admin):
    client.force_login(functional_admin)
    assert client.get(NEW_DRAFT).status_code == 405
    assert ChecklistVersion.objects.count() == 4


@pytest.mark.parametrize("who", ["professional", "team_lead"])
def test_team_roles_do_not_reach_the_checklist_admin(client, request, who, current_version):
    client.force_login(request.getfixturevalue(who))
    for url in (
        CHANGELIST,
        reverse("admin:hechting_checklistversion_preview", args=[current_version.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    response = client.post(NEW_DRAFT)
    assert response.status_code == 302
    assert ChecklistVersion.objects.count() == 4


def test_a_functional_admin_cannot_make_anyone_superuser(client, functional_admin, professional):
    client.force_login(functional_admin)
    response = client.get(reverse("admin:accounts_user_change", args=[professional.pk]))
    assert response.status_code == 200
    assert 'name="is_superuser"' not in response.content.decode()
