"""Approved documents registered in a real Open Zaak: unchanged, linked to the family's case,
in its audit trail under the team lead's name, a new approval as version 2, nothing lost while
it is down, nothing twice, and refusals shown and not retried."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from observaties import services
from observaties.documents import archive
from observaties.models import ArchivedDocument, Delivery, Family
from observaties.services import case_system as deliveries
from tests.factories import approve
from tests.integration.conftest import TESTER, configure, documents_named, new_zaak
from zaaksysteem.client import documenten_api, zaken_api

pytestmark = pytest.mark.django_db
REPORT = ArchivedDocument.Kind.REPORT


def _link(family, zaak, user):
    return deliveries.family_link_zaak(family=family, zaak=zaak["identificatie"], user=user)


def _approve(django_capture_on_commit_callbacks, observation, professional, team_lead):
    """Approve as the page does: the delivery runs when the approval commits (in-process, as
    without a broker)."""
    with django_capture_on_commit_callbacks(execute=True):
        approve(observation, professional, team_lead)
    return Delivery.objects.get(document=archive.current(observation, REPORT))


def _content_sha256(case_system, document):
    return documenten_api(case_system, TESTER).content_sha256(document)


def test_an_approved_report_is_registered_unchanged_in_the_familys_case(
    client,
    case_system,
    zaak,
    family,
    observation,
    professional,
    team_lead,
    django_capture_on_commit_callbacks,
):
    _link(family, zaak, professional)
    family.refresh_from_db()
    assert (family.zaak_url, family.zaak_identification) == (zaak["url"], zaak["identificatie"])

    delivery = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)

    assert delivery.state == Delivery.State.DELIVERED, delivery.last_error
    document = archive.current(observation, REPORT)
    (registered,) = documents_named(case_system, delivery.identification)
    assert registered["url"] == delivery.document_url
    assert registered["versie"] == delivery.document_version == 1
    assert _content_sha256(case_system, registered) == document.sha256
    assert registered["status"] == "definitief"
    assert registered["formaat"] == "application/pdf"
    assert registered["taal"] == "nld"
    assert registered["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
    assert registered["informatieobjecttype"] == case_system.report_type
    assert family.case_reference in registered["titel"]
    assert registered["auteur"] == professional.signature
    assert registered["creatiedatum"] == timezone.localdate(document.approval.at).isoformat()
    # Linked to the family's case.
    links = zaken_api(case_system, TESTER).call(
        "GET", "zaakinformatieobjecten", params={"zaak": zaak["url"]}
    )
    registered_here = Delivery.objects.filter(document__observation=observation)
    assert {link["informatieobject"] for link in links} == {d.document_url for d in registered_here}
    assert delivery.document_url in {link["informatieobject"] for link in links}
    # Open Zaak's audit trail names the team lead who approved.
    trail = documenten_api(case_system, TESTER).call("GET", f"{delivery.document_url}/audittrail")
    created = [entry for entry in trail if entry["actie"] == "create"]
    assert created
    assert created[0]["gebruikersId"] == team_lead.get_username()
    assert created[0]["gebruikersWeergave"] == team_lead.signature
    # The access log holds the delivery and its case, no content.
    event = AccessEvent.objects.get(
        action="registreren",
        observation_id=observation.pk,
        target__startswith=delivery.identification,
    )
    assert event.outcome == "toegestaan"
    assert zaak["identificatie"] in event.target
    # The observation page says so.
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[observation.pk]))
    assert "Geregistreerd in het zaaksysteem op" in page.content.decode()
    assert delivery.identification in page.content.decode()


def test_the_parent_sheet_is_registered_when_the_organisation_gives_it_a_type(
    case_system,
    zaak,
    family,
    observation,
    professional,
    team_lead,
    django_capture_on_commit_callbacks,
):
    _link(family, zaak, professional)
    _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)
    sheet = Delivery.objects.get(
        document__observation=observation, document__kind="blad-voor-de-ouder"
    )
    assert sheet.state == Delivery.State.DELIVERED, sheet.last_error
    (registered,) = documents_named(case_system, sheet.identification)
    assert registered["informatieobjecttype"] == case_system.parent_sheet_type


def test_a_new_approval_is_version_2_of_the_same_document(
    case_system,
    zaak,
    family,
    observation,
    professional,
    team_lead,
    django_capture_on_commit_callbacks,
):
    _link(family, zaak, professional)
    first = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)
    services.observation_reopen(observation=observation, team_lead=team_lead, reason="Aanvulling.")

    second = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)

    assert second.state == Delivery.State.DELIVERED, second.last_error
    assert second.identification == first.identification
    (registered,) = documents_named(case_system, second.identification)
    assert registered["url"] == first.document_url == second.document_url
    assert registered["versie"] == second.document_version == 2
    assert registered["locked"] is False
    assert _content_sha256(case_system, registered) == second.document.sha256
    assert second.document.sha256 != first.document.sha256


def test_a_case_system_that_is_down_gets_the_document_once_it_is_back(
    client,
    case_system,
    zaak,
    family,
    observation,
    professional,
    team_lead,
    running_openzaak,
    django_capture_on_commit_callbacks,
):
    _link(family, zaak, professional)
    running_openzaak.stop()

    delivery = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)

    assert delivery.state == Delivery.State.WAITING
    assert delivery.attempts == 1
    assert "niet bereikbaar" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now()
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[observation.pk]))
    assert "Nog niet geregistreerd: poging 1, volgende poging op" in page.content.decode()
    dashboard = client.get(reverse("home")).content.decode()
    assert "Niet geregistreerd in het zaaksysteem" in dashboard
    # Not due yet: nothing happens.
    assert deliveries.deliver_due() == 0

    running_openzaak.start()
    assert deliveries.deliver_due(now=timezone.now() + timedelta(minutes=2)) >= 1

    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED, delivery.last_error
    assert len(documents_named(case_system, delivery.identification)) == 1
    outcomes = AccessEvent.objects.filter(
        action="registreren", target__startswith=delivery.identification
    ).values_list("outcome", flat=True)
    assert sorted(outcomes) == ["mislukt", "toegestaan"]


def test_a_worker_that_stopped_after_creating_the_document_does_not_make_a_second(
    case_system,
    zaak,
    family,
    observation,
    professional,
    team_lead,
):
    _link(family, zaak, professional)
    approve(observation, professional, team_lead)  # its delivery is not run: no commit here
    delivery = Delivery.objects.get(document=archive.current(observation, REPORT))
    # What a worker killed after its POST left behind: the document, and nothing recorded.
    document = delivery.document
    documenten_api(case_system, TESTER).create(
        {
            "bronorganisatie": case_system.rsin,
            "identificatie": delivery.identification,
            "titel": "Observatierapport",
            "auteur": "Hechtingswijzer",
            "creatiedatum": timezone.localdate().isoformat(),
            "taal": "nld",
            "informatieobjecttype": case_system.report_type,
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
        },
        bytes(document.pdf),
    )

    delivery = deliveries.delivery_run(delivery.pk)

    assert delivery.state == Delivery.State.DELIVERED, delivery.last_error
    (registered,) = documents_named(case_system, delivery.identification)
    assert registered["versie"] == 1


def test_a_wrong_type_is_refused_shown_and_not_tried_again(
    client,
    case_system,
    running_openzaak,
    zaak,
    family,
    observation,
    professional,
    team_lead,
    django_capture_on_commit_callbacks,
):
    _link(family, zaak, professional)
    configure(
        running_openzaak,
        identification_prefix=case_system.identification_prefix,
        # a document type this catalogue does not have (a case type's URL gets a 500 from
        # Open Zaak 1.21.0: a server error, tried again, not a refusal)
        report_type=running_openzaak.url(
            "catalogi/api/v1/informatieobjecttypen/00000000-0000-4000-8000-000000000000"
        ),
    )

    delivery = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)

    assert delivery.state == Delivery.State.REFUSED, delivery.last_error
    assert "HTTP 400" in delivery.last_error
    assert "informatieobjecttype" in delivery.last_error
    assert documents_named(case_system, delivery.identification) == []
    assert deliveries.deliver_due(now=timezone.now() + timedelta(days=1)) == 0
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[observation.pk]))
    assert "Geweigerd door het zaaksysteem:" in page.content.decode()
    assert "Nu opnieuw versturen" in page.content.decode()
    dashboard = client.get(reverse("home")).content.decode()
    assert "Niet geregistreerd in het zaaksysteem" in dashboard

    # The admin corrects the type; the lead sends it again, with the type as it is now.
    configure(running_openzaak, identification_prefix=case_system.identification_prefix)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("observaties:delivery-retry", args=[observation.pk, delivery.pk])
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED, delivery.last_error
    assert delivery.document_type == case_system.report_type
    assert len(documents_named(case_system, delivery.identification)) == 1


def test_a_wrong_secret_is_refused_and_shown_without_the_secret(
    running_openzaak,
    family,
    observation,
    professional,
    team_lead,
    django_capture_on_commit_callbacks,
):
    good = configure(running_openzaak)
    zaak = new_zaak(running_openzaak, good)
    _link(family, zaak, professional)
    configure(
        running_openzaak,
        secret="not-the-secret-of-this-client-at-all",
        identification_prefix=good.identification_prefix,
    )

    delivery = _approve(django_capture_on_commit_callbacks, observation, professional, team_lead)

    assert delivery.state == Delivery.State.REFUSED
    assert "HTTP 403" in delivery.last_error or "HTTP 401" in delivery.last_error
    assert "not-the-secret" not in delivery.last_error


def test_linking_a_family_checks_the_case_in_the_zaken_api(
    client, case_system, zaak, family, professional, running_openzaak
):
    client.force_login(professional)
    url = reverse("observaties:family-zaak", args=[family.pk])

    unknown = client.post(url, {"zaak": "ZAAK-BESTAAT-NIET"})
    assert "Het zaaksysteem kent geen zaak met identificatie ZAAK-BESTAAT-NIET." in (
        unknown.content.decode()
    )
    by_url = client.post(url, {"zaak": zaak["url"]})
    assert by_url.status_code == 302
    family.refresh_from_db()
    assert family.zaak_identification == zaak["identificatie"]

    running_openzaak.stop()
    down = client.post(url, {"zaak": "ZAAK-ANDERE"})
    assert "Het zaaksysteem is nu niet bereikbaar; er is niets opgeslagen." in down.content.decode()
    assert Family.objects.get(pk=family.pk).zaak_url == zaak["url"]
