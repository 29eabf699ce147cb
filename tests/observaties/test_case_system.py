"""The case system inside the app: nothing without configuration, an outbox row per approved
document with the right type and confidentiality, retries with a growing pause, a family's case,
the lead's second try, the admin's page without secrets or client data. The calls against a real
Open Zaak are in tests/integration; here the configured case system does not answer (a closed
port), which is a real fault too."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessEvent
from observaties import retention, services
from observaties.documents import archive
from observaties.models import ArchivedDocument, Delivery, Family, Observation
from observaties.services import case_system as deliveries
from tests.factories import approved_observation
from zaaksysteem.checks import deliveries_need_a_worker
from zaaksysteem.models import CaseSystem, Confidentiality

pytestmark = pytest.mark.django_db
REPORT = ArchivedDocument.Kind.REPORT
ZAAK = "http://127.0.0.1:9/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000001"


def _link_without_checking(family):
    Family.objects.filter(pk=family.pk).update(zaak_url=ZAAK, zaak_identification="ZAAK-TEST-1")


def _report_delivery(observation):
    return Delivery.objects.get(document=archive.current(observation, REPORT))


def test_without_a_case_system_nothing_is_queued_and_nothing_shows(
    client, approved, family, professional
):
    assert not Delivery.objects.exists()
    client.force_login(professional)
    page = client.get(reverse("observaties:family-detail", args=[family.pk])).content.decode()
    assert "zaaksysteem" not in page
    assert client.get(reverse("observaties:family-zaak", args=[family.pk])).status_code == 404
    detail = client.get(reverse("observaties:observation-detail", args=[approved.pk]))
    assert "Zaaksysteem" not in detail.content.decode()


def test_an_approval_queues_its_report_with_the_configured_type_and_confidentiality(
    case_system, approved
):
    (delivery,) = Delivery.objects.all()  # the sheet for the parent has no type: not sent
    assert delivery.document == archive.current(approved, REPORT)
    assert delivery.state == Delivery.State.WAITING
    assert delivery.document_type == case_system.report_type
    assert delivery.confidentiality == "vertrouwelijk"
    assert delivery.identification == f"HW-{approved.pk}-rapport"


def test_the_sheet_and_the_confidential_part_are_queued_only_when_the_organisation_wants_them(
    case_system, child, professional, team_lead
):
    case_system.parent_sheet_type = case_system.report_type + "-blad"
    case_system.register_safety = True
    case_system.safety_type = case_system.report_type + "-veiligheid"
    case_system.save()
    observation = approved_observation(child, professional, team_lead)
    kinds = dict(
        Delivery.objects.filter(document__observation=observation).values_list(
            "document__kind", "confidentiality"
        )
    )
    assert kinds == {"rapport": "vertrouwelijk", "blad-voor-de-ouder": "vertrouwelijk"}
    # A confidential part (archived for a visit with a safety concern) only when it is switched on.
    report = archive.current(observation, REPORT)
    safety = ArchivedDocument.objects.create(
        observation=observation,
        kind=ArchivedDocument.Kind.SAFETY,
        approval=report.approval,
        filename="vertrouwelijk.pdf",
        pdf=b"%PDF-1.7 fictief",
        size=16,
        sha256="0" * 64,
        made_at=timezone.now(),
        code_version="test",
    )
    (delivery,) = deliveries.deliveries_for_approval([safety])
    assert (delivery.document_type, delivery.confidentiality) == (case_system.safety_type, "geheim")
    delivery.delete()
    case_system.register_safety = False
    case_system.save()
    assert deliveries.deliveries_for_approval([safety]) == []


def test_an_older_report_that_holds_the_safety_part_gets_the_higher_confidentiality(
    case_system, approved
):
    Observation.objects.filter(pk=approved.pk).update(safety_concern="ja")
    report = archive.current(approved, REPORT)  # archived with no safety document beside it
    Delivery.objects.all().delete()
    (delivery,) = deliveries.deliveries_for_approval([report])
    assert delivery.confidentiality == "geheim"


def test_a_case_system_that_does_not_answer_is_tried_again_later_with_a_growing_pause(
    case_system, approved, caplog
):
    _link_without_checking(approved.child.family)
    delivery = _report_delivery(approved)
    now = timezone.now()
    with caplog.at_level(logging.DEBUG):
        first = deliveries.delivery_run(delivery.pk, now=now)
    assert (first.state, first.attempts) == (Delivery.State.WAITING, 1)
    assert "niet bereikbaar" in first.last_error
    assert first.next_attempt_at == now + timedelta(minutes=1)
    assert deliveries.deliver_due(now=now) == 0  # not due yet
    later = now + timedelta(minutes=1)
    assert deliveries.deliver_due(now=later) == 1
    first.refresh_from_db()
    assert (first.attempts, first.next_attempt_at) == (2, later + timedelta(minutes=2))
    assert first.claimed_until is None
    events = AccessEvent.objects.filter(action="registreren", observation_id=approved.pk)
    assert list(events.values_list("outcome", flat=True)) == ["mislukt", "mislukt"]
    assert all(event.target.endswith("zaak ZAAK-TEST-1") for event in events)
    # Secrets and client data stay out of the log lines.
    assert "test-only-secret" not in caplog.text
    assert approved.child.family.case_reference not in caplog.text


def test_the_pause_stops_growing_at_the_configured_maximum(case_system, approved, settings):
    settings.DELIVERY_MAX_BACKOFF_MINUTES = 5
    _link_without_checking(approved.child.family)
    delivery = _report_delivery(approved)
    Delivery.objects.filter(pk=delivery.pk).update(attempts=9)
    now = timezone.now()
    delivery = deliveries.delivery_run(delivery.pk, now=now)
    assert delivery.next_attempt_at == now + timedelta(minutes=5)


def test_a_document_waits_without_a_try_until_its_family_has_a_case(
    client, case_system, approved, team_lead
):
    delivery = deliveries.delivery_run(_report_delivery(approved).pk)
    assert (delivery.state, delivery.attempts, delivery.last_error) == ("wacht", 0, "")
    assert deliveries.deliver_due(now=timezone.now() + timedelta(days=1)) == 0
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[approved.pk]))
    assert "het gezin is nog niet aan een zaak gekoppeld" in page.content.decode()


def test_a_document_superseded_before_it_was_registered_is_not_sent(
    client, case_system, approved, team_lead
):
    _link_without_checking(approved.child.family)
    delivery = deliveries.delivery_run(_report_delivery(approved).pk)
    assert delivery.attempts == 1  # the case system did not answer
    services.observation_reopen(observation=approved, team_lead=team_lead, reason="Aanvulling.")
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (Delivery.State.SUPERSEDED, 1)
    assert deliveries.delivery_run(delivery.pk) is None
    assert deliveries.deliver_due(now=timezone.now() + timedelta(days=1)) == 0
    client.force_login(team_lead)
    assert (
        "Niet geregistreerd in het zaaksysteem" not in client.get(reverse("home")).content.decode()
    )
    page = client.get(reverse("observaties:observation-detail", args=[approved.pk]))
    assert "de observatie is heropend voordat dit document geregistreerd was" in (
        page.content.decode()
    )


def test_a_worker_holding_a_delivery_keeps_others_off_it(case_system, approved):
    _link_without_checking(approved.child.family)
    delivery = _report_delivery(approved)
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(claimed_until=now + timedelta(minutes=1))
    assert deliveries.delivery_run(delivery.pk, now=now) is None
    # A claim that passed (its worker died) lets the next one in.
    assert deliveries.delivery_run(delivery.pk, now=now + timedelta(minutes=2)).attempts == 1


def test_a_team_lead_sends_a_refused_document_again(
    client, case_system, approved, team_lead, professional, django_capture_on_commit_callbacks
):
    _link_without_checking(approved.child.family)
    delivery = _report_delivery(approved)
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.REFUSED, attempts=1, last_error="De Documenten API weigerde."
    )
    client.force_login(team_lead)
    page = client.get(reverse("observaties:observation-detail", args=[approved.pk]))
    assert "Geweigerd door het zaaksysteem:" in page.content.decode()
    dashboard = client.get(reverse("home")).content.decode()
    assert "De Documenten API weigerde." in dashboard
    retry = reverse("observaties:delivery-retry", args=[approved.pk, delivery.pk])
    assert f'action="{retry}"' in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("observaties:delivery-retry", args=[approved.pk, delivery.pk])
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    # Tried again at once; the case system still does not answer, so it waits for the next try.
    assert (delivery.state, delivery.attempts) == (Delivery.State.WAITING, 2)
    assert AccessEvent.objects.filter(
        user_id=team_lead.pk, target=f"zaaksysteem-opnieuw:{delivery.identification}"
    ).exists()


def test_a_delivered_document_is_not_sent_again(case_system, approved, team_lead):
    delivery = _report_delivery(approved)
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.DELIVERED)
    delivery.refresh_from_db()
    with pytest.raises(ValidationError, match="hoeft niet opnieuw"):
        deliveries.delivery_retry(delivery=delivery, team_lead=team_lead)


def test_linking_a_family_says_so_when_the_case_system_does_not_answer(
    client, case_system, family, professional
):
    client.force_login(professional)
    url = reverse("observaties:family-zaak", args=[family.pk])
    page = client.get(url).content.decode()
    assert "Zaak in het zaaksysteem" in page
    response = client.post(url, {"zaak": "ZAAK-2026-0000000001"})
    assert response.status_code == 200
    assert "Het zaaksysteem is nu niet bereikbaar; er is niets opgeslagen." in (
        response.content.decode()
    )
    family.refresh_from_db()
    assert family.zaak_url == ""
    too_long = client.post(url, {"zaak": "Z" * 1001})
    assert "Een zaak is hooguit 1000 tekens." in too_long.content.decode()


def test_a_closed_family_cannot_be_linked(client, case_system, family, professional):
    Family.objects.filter(pk=family.pk).update(closed_on=family.opened_on)
    client.force_login(professional)
    response = client.get(reverse("observaties:family-zaak", args=[family.pk]))
    assert response.status_code == 403


def test_the_purge_deletes_a_family_with_registrations(case_system, approved):
    family = approved.child.family
    Family.objects.filter(pk=family.pk).update(
        opened_on=timezone.localdate().replace(year=2000),
        closed_on=timezone.localdate().replace(year=2001),
    )
    assert Delivery.objects.exists()
    assert retention.purge_expired_families() == [family.pk]
    assert not Delivery.objects.exists()


def test_the_data_request_says_where_each_document_went(client, case_system, approved, team_lead):
    _link_without_checking(approved.child.family)
    client.force_login(team_lead)
    export = client.get(
        reverse("observaties:family-export", args=[approved.child.family_id])
    ).json()
    assert export["gezin"]["zaakidentificatie"] == "ZAAK-TEST-1"
    (observation,) = export["kinderen"][0]["observaties"]
    registrations = [d["zaaksysteem"] for d in observation["gearchiveerde_documenten"]]
    assert {
        "stand": "nog niet geregistreerd",
        "documentidentificatie": f"HW-{approved.pk}-rapport",
    }.items() <= next(r for r in registrations if r).items()


# The configuration


def test_the_configuration_is_checked(case_system):
    case_system.rsin = "002220648"
    with pytest.raises(ValidationError, match="elfproef"):
        case_system.full_clean()
    case_system.rsin = "002220647"
    case_system.safety_confidentiality = Confidentiality.VERTROUWELIJK
    with pytest.raises(ValidationError, match="hogere vertrouwelijkheid"):
        case_system.full_clean()
    case_system.safety_confidentiality = Confidentiality.GEHEIM
    case_system.register_safety = True
    with pytest.raises(ValidationError, match="informatieobjecttype van het vertrouwelijke"):
        case_system.full_clean()
    partly = CaseSystem(rsin="002220647")
    with pytest.raises(ValidationError, match="alle vier"):
        partly.full_clean()


def test_the_admin_sets_a_secret_and_never_reads_it_back(client, functional_admin, case_system):
    client.force_login(functional_admin)
    service = case_system.documenten_service
    url = reverse("admin:zgw_consumers_service_change", args=[service.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "test-only-secret" not in page.content.decode()
    form = {
        "label": service.label,
        "slug": service.slug,
        "api_type": service.api_type,
        "api_root": service.api_root,
        "client_id": "nieuwe-client",
        "secret": "",
        "timeout": "5",
    }
    assert client.post(url, form).status_code == 302
    service.refresh_from_db()
    assert (service.client_id, service.secret) == (
        "nieuwe-client",
        "test-only-secret-of-at-least-32-bytes",
    )
    assert (
        client.post(url, {**form, "secret": "een-nieuw-geheim-van-32-tekens-lang"}).status_code
        == 302
    )
    service.refresh_from_db()
    assert service.secret == "een-nieuw-geheim-van-32-tekens-lang"


def test_the_admin_sees_how_deliveries_stand_without_client_data(
    client, functional_admin, case_system, approved
):
    delivery = _report_delivery(approved)
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.REFUSED,
        attempts=1,
        last_error=(
            "De Documenten API weigerde (HTTP 400): informatieobjecttype bestaat niet. "
            f"titel: {approved.child.family.case_reference} te lang."
        ),
        last_error_at=timezone.now(),
    )
    client.force_login(functional_admin)
    page = client.get(reverse("admin:zaaksysteem_casesystem_change")).content.decode()
    assert "Geweigerd door het zaaksysteem" in page
    assert "informatieobjecttype bestaat niet" in page
    assert approved.child.family.case_reference not in page
    assert approved.child.name not in page
    assert "test-only-secret" not in page


def test_the_health_check_names_documents_the_case_system_did_not_take(
    client, case_system, approved
):
    assert "zaaksysteem" not in client.get(reverse("health")).json()
    Delivery.objects.update(state=Delivery.State.REFUSED)
    assert client.get(reverse("health")).json()["zaaksysteem"] == (
        "1 documenten niet geregistreerd; zie de koppeling in het beheer"
    )


def test_check_deploy_warns_of_a_case_system_without_a_worker(case_system, settings):
    settings.DEBUG = False
    settings.CELERY_BROKER_URL = ""
    (warning,) = deliveries_need_a_worker(databases=["default"])
    assert warning.id == "zaaksysteem.W001"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    assert deliveries_need_a_worker(databases=["default"]) == []
    settings.CELERY_BROKER_URL = ""
    CaseSystem.objects.all().delete()
    assert deliveries_need_a_worker(databases=["default"]) == []


def test_a_retry_uses_the_configuration_as_it_is_now(case_system, approved, team_lead):
    delivery = _report_delivery(approved)
    Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.REFUSED, attempts=1)
    case_system.report_type = case_system.report_type + "-hersteld"
    case_system.save()
    delivery = deliveries.delivery_retry(delivery=delivery, team_lead=team_lead)
    assert (delivery.state, delivery.document_type) == (
        Delivery.State.WAITING,
        case_system.report_type,
    )
    CaseSystem.objects.all().delete()
    with pytest.raises(ValidationError, match="niet meer naar het zaaksysteem"):
        deliveries.delivery_retry(delivery=delivery, team_lead=team_lead)
