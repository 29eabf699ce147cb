"""Version 4: besides how often, whether the parent's responses fit what the child showed and the
child's own signals; hints for the child's age; a scale without gaps; a practice tip per item on
the sheet, never for a praised item; the professional's own lines checked; the sheet to read
aloud."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from hechting.models import FitQuestion
from observaties import services
from observaties.documents import reports
from observaties.models import FitAnswer, Observation
from observaties.parent_sheet import SheetText, sheet_for
from tests import pdfs
from tests.factories import ChildFactory, ObservationFactory, answers, judgement, save_content
from tests.observaties.test_checklist_form import _post_data

pytestmark = pytest.mark.django_db

MOSTLY, MIXED, MOSTLY_NOT = (
    FitAnswer.Answer.MOSTLY,
    FitAnswer.Answer.MIXED,
    FitAnswer.Answer.MOSTLY_NOT,
)


def _edit_url(observation):
    return reverse("observaties:observation-edit", args=[observation.pk])


def _questions(version):
    return {question.code: question for question in version.fit_questions.all()}


def _save(observation, user, *, scores=None, fits=None, work_point="nee", **extra):
    """Saved as the form would, every item on `steeds` unless `scores` says otherwise, every
    question of fit on `meestal` but those in `fits`, and `work_point` for every condition."""
    judged = judgement(observation, work_point=work_point)
    return save_content(
        observation,
        user,
        scores=scores or answers(observation, position=4),
        **{**judged, "fits": {**judged["fits"], **(fits or {})}, **extra},
    )


def test_version_4_asks_fit_per_condition_and_the_childs_signals_on_a_scale_without_gaps(
    current_version,
):
    questions = _questions(current_version)
    assert {code: (q.condition.key, q.kind) for code, q in questions.items()} == {
        "PA-1": ("sensitief-reageren", FitQuestion.Kind.FIT),
        "KS-1": ("sensitief-reageren", FitQuestion.Kind.CHILD),
        "KS-2": ("sensitief-reageren", FitQuestion.Kind.CHILD),
        "PA-2": ("mentaliseren", FitQuestion.Kind.FIT),
    }
    assert "Veilige haven" in questions["KS-1"].text
    assert "Veilige basis" in questions["KS-2"].text
    for code in ("PA-1", "PA-2"):
        prompt = questions[code].not_fitting
        for kind in ("Opdringerig", "Hard", "Beangstigend"):
            assert kind in prompt
        assert "‘Zorgen over de veiligheid van het kind’" in prompt
    # The four points together: no moment, fewer than half, half or more but not every, every.
    definitions = [
        o.definition for o in current_version.scale_options.filter(is_no_opportunity=False)
    ]
    assert [
        "op geen enkel moment" in definitions[0],
        "minder dan de helft" in definitions[1],
        "de helft of meer" in definitions[2] and "niet op elk moment" in definitions[2],
        "op elk moment" in definitions[3],
    ] == [True] * 4
    assert "zijn ouders" not in current_version.parent_benefits
    continuity = current_version.condition_contents.get(condition__key="continuiteit")
    assert "telt niet tegen" not in continuity.guidance  # no word suggesting a tally
    assert "buiten de invloed van de ouder" in continuity.guidance
    # A tip to practise per behaviour, and an example of whom to refer to per stress factor.
    assert all(item.parent_tip for item in current_version.items.all())
    referrals = {f.code: f.referral_example for f in current_version.context_factors.all()}
    assert referrals["RV-3"] == "de huisarts"
    assert len(set(referrals.values())) >= 5


def test_the_form_asks_fit_and_hand_in_needs_every_answer(client, professional, observation):
    questions = _questions(observation.version)
    client.force_login(professional)
    page = client.get(_edit_url(observation)).content.decode()
    assert "Paste het? Jouw oordeel" in page
    assert "paste meestal niet" in page
    assert "Bij ‘wisselend’ of ‘paste meestal niet’: wat paste niet?" in page
    assert "Veilige haven" in page

    data = _post_data(observation, submit="1")
    del data[f"fit_{questions['KS-2'].pk}"]
    response = client.post(_edit_url(observation), data, follow=True)
    assert response.redirect_chain == [(f"{_edit_url(observation)}?nog-open=1", 302)]
    assert "Kies een antwoord of ‘geen gelegenheid’." in response.content.decode()
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.DRAFT

    data[f"fit_{questions['KS-2'].pk}"] = "geen-gelegenheid"
    data["lock_version"] = Observation.objects.get(pk=observation.pk).lock_version
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 302
    stored = {a.question.code: a.answer for a in observation.fit_answers.select_related("question")}
    assert stored["KS-2"] == "geen-gelegenheid"
    assert stored["PA-1"] == "meestal"


def test_what_did_not_fit_beside_fitting_is_refused_and_nothing_is_saved(
    client, professional, observation
):
    question = _questions(observation.version)["PA-1"]
    client.force_login(professional)
    data = _post_data(observation)
    data[f"misfit_frightening_{question.pk}"] = "on"
    data[f"fit_note_{question.pk}"] = "Fictief: schreeuwde."
    response = client.post(_edit_url(observation), data)
    assert response.status_code == 400
    assert "Je kruiste aan wat niet paste. Kies dan ‘wisselend’ of ‘paste meestal niet’" in (
        response.content.decode()
    )
    assert not observation.fit_answers.exists()
    assert not observation.scores.exists()


def test_frightening_behaviour_points_to_the_safety_section_without_blocking(
    client, professional, observation
):
    question = _questions(observation.version)["PA-1"]
    client.force_login(professional)
    data = _post_data(observation)
    data[f"fit_{question.pk}"] = MOSTLY_NOT
    data[f"misfit_frightening_{question.pk}"] = "on"
    assert client.post(_edit_url(observation), data).status_code == 302
    answer = observation.fit_answers.get(question=question)
    assert answer.misfits == ["beangstigend"]
    page = client.get(_edit_url(observation)).content.decode()
    assert "Je kruiste ‘beangstigend’ aan." in page
    assert 'href="#veiligheid"' in page


def test_hints_for_the_childs_age_only_where_the_example_does_not_fit(client, professional, family):
    baby = ChildFactory(family=family, name="Bo", birth_month=date(2026, 9, 1))
    toddler = ChildFactory(family=family, name="Ivo", birth_month=date(2024, 9, 1))
    visit = date(2026, 12, 1)
    young = ObservationFactory(child=baby, professional=professional, visit_date=visit)
    older = ObservationFactory(child=toddler, professional=professional, visit_date=visit)
    client.force_login(professional)
    young_page = client.get(_edit_url(young)).content.decode()
    older_page = client.get(_edit_url(older)).content.decode()
    assert "Bij de leeftijd van dit kind" in young_page
    assert "het voorbeeld van een kind dat net is gevallen vaak niet" in young_page
    assert "Bij een baby van een paar maanden is spelen" in young_page
    assert "eigen tekst van de organisatie" in young_page
    assert "Bij de leeftijd van dit kind" not in older_page


def test_the_report_shows_fit_the_childs_signals_and_the_situation(
    observation, professional, team_lead
):
    questions = _questions(observation.version)
    _save(
        observation,
        professional,
        fits={
            questions["PA-1"].pk: (MIXED, frozenset({FitAnswer.Misfit.INTRUSIVE}), "Fictief."),
            questions["KS-1"].pk: (FitAnswer.Answer.NO_OPPORTUNITY, frozenset(), ""),
        },
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    text = " ".join(pdfs.layout_lines(reports.observation_report(observation).pdf))
    assert "Paste het? Oordeel van de professional" in text
    assert "wisselend (paste niet: opdringerig)" in text
    assert "geen gelegenheid" in text
    assert "telt niet mee in de verdeling" in text
    assert ", spel" in text  # the situation, after the date of the visit


def test_the_api_and_the_data_request_carry_the_judgement(
    client, observation, professional, team_lead, team
):
    from observaties.retention import family_export
    from tests.api.conftest import call, register

    questions = _questions(observation.version)
    _save(
        observation,
        professional,
        fits={questions["PA-2"].pk: (MOSTLY_NOT, frozenset({FitAnswer.Misfit.HARSH}), "Fict.")},
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    credential = register("Dossier (fictief)", team)[1]
    data = call(client, f"/api/v1/observaties/{observation.pk}", credential).json()
    summary = call(client, f"/api/v1/observaties/{observation.pk}/samenvatting", credential)
    assert "- PA-2 (paste meestal niet; paste niet: hard of afwijzend):" in summary.text
    judged = {j["code"]: j for c in data["voorwaarden"] for j in c["oordelen"]}
    assert judged["PA-2"]["oordeel"] == {
        "code": "meestal-niet",
        "omschrijving": "paste meestal niet",
    }
    assert judged["PA-2"]["pasteNiet"] == [{"code": "hard", "omschrijving": "hard of afwijzend"}]
    assert judged["KS-1"]["oordeel"]["omschrijving"] == "meestal"
    exported = family_export(observation.child.family)
    rows = [row for o in exported["kinderen"][0]["observaties"] for row in o["oordelen_passend"]]
    assert {"code": "PA-2", "oordeel": "paste meestal niet"}.items() <= next(
        row for row in rows if row["code"] == "PA-2"
    ).items()


def test_the_tip_comes_from_the_behaviour_seen_little_never_from_a_praised_one(
    observation, professional, current_version
):
    items = {item.code: item for item in current_version.items.all()}
    scale = {o.position: o.pk for o in current_version.scale_options.all()}
    scores = {item.pk: (scale[4], "") for item in items.values()}
    scores[items["SR-2"].pk] = (scale[2], "")  # soms: behind the werkpunt
    scores[items["SR-4"].pk] = (scale[0], "")  # geen gelegenheid: says nothing
    _save(observation, professional, scores=scores, work_point="ja")
    sheet = sheet_for(observation)
    name = observation.child.name
    assert sheet.practise[0] == items["SR-2"].parent_tip.replace("{kind}", name)
    assert len(sheet.practise) <= 2
    praised = " ".join(sheet.went_well)
    assert items["SR-2"].parent_wording.replace("{kind}", name) not in praised
    assert items["SR-1"].parent_wording.replace("{kind}", name) in praised
    # Every praised line's item has its own tip, and none of those tips is practised.
    for code in ("SR-1", "SR-3", "SR-5", "ME-1", "ME-2", "ME-3"):
        assert items[code].parent_tip.replace("{kind}", name) not in sheet.practise


def test_nothing_is_praised_where_the_responses_mostly_did_not_fit(observation, professional):
    questions = _questions(observation.version)
    _save(
        observation,
        professional,
        fits={questions["PA-1"].pk: (MOSTLY_NOT, frozenset({FitAnswer.Misfit.INTRUSIVE}), "")},
    )
    praised = " ".join(sheet_for(observation).went_well)
    assert "complimentjes" not in praised  # SR-5, seen always, but not fitting
    assert "Je keek en luisterde naar" in praised  # ME-1: mentaliseren fitted


def test_the_professionals_own_lines_are_checked_like_the_catalogues():
    text = SheetText(
        went_well="Het kind lachte veel bij zijn ouders.",
        practise="Kijk naar Noor als Noor naar je kijkt.\nWe gaan nu niets extra oefenen.",
        why="",
        at_home="",
    )
    problems = text.problems("Noor")
    assert problems["went_well"] == [
        "Schrijf de naam Noor in plaats van ‘het kind’.",
        "‘zijn ouders’ gaat ervan uit wie er in het gezin zijn, of of het kind een jongen of een "
        "meisje is. Schrijf de naam, of ‘jij’.",
    ]
    notices = text.notices()
    assert notices == [
        "‘We gaan nu niets extra oefenen.’ spreekt de oefentip tegen (‘Kijk naar Noor als Noor "
        "naar je kijkt.’). Haal een van beide weg."
    ]
    long = SheetText(
        why="Dit is een heel lange zin met veel te veel woorden voor een ouder die "
        "moeite heeft met lezen en dus liever korte zinnen krijgt."
    )
    assert "gemiddeld 25,0 woorden per zin" in long.notices()[0]


def test_the_sheet_page_points_out_what_to_look_at_and_saving_refuses_it(
    client, observation, professional
):
    _save(observation, professional, work_point="ja")
    client.force_login(professional)
    url = reverse("observaties:parent-sheet-edit", args=[observation.pk])
    sheet = sheet_for(observation).text.as_fields()
    response = client.post(url, {**sheet, "at_home": "Het kind slaapt slecht bij zijn vader."})
    assert response.status_code == 400
    content = response.content.decode()
    assert "in plaats van ‘het kind’" in content
    assert "‘zijn vader’ gaat ervan uit" in content
    response = client.post(url, {**sheet, "at_home": "We gaan niets oefenen."}, follow=True)
    assert "Kijk hier nog naar voor je het blad geeft:" in response.content.decode()
    assert "spreekt de oefentip tegen" in response.content.decode()
    observation.agreements.create(what="Het kind elke dag voorlezen.", who="ouder", order=0)
    page = client.get(reverse("observaties:parent-sheet", args=[observation.pk])).content.decode()
    assert "De afspraak ‘Het kind elke dag voorlezen.’ zegt ‘het kind’" in page


def test_the_sheet_to_read_aloud_is_the_pdf_text_in_the_same_order(
    client, observation, professional, team_lead
):
    _save(
        observation,
        professional,
        work_point="ja",
        next_visit=observation.visit_date + timedelta(days=14),
    )
    services.observation_submit(observation=observation, user=professional)
    services.observation_approve(observation=observation, reviewer=team_lead)
    client.force_login(professional)
    detail = client.get(reverse("observaties:observation-detail", args=[observation.pk]))
    url = reverse("observaties:parent-sheet-read-aloud", args=[observation.pk])
    assert url in detail.content.decode()
    html = client.get(url).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    assert html.index("<main") < html.index("<article") < html.index("Terug naar de observatie")
    assert "<nav" not in html[: html.index("<article")]
    pdf_lines = [
        line.strip()
        for line in pdfs.layout_lines(reports.parent_sheet_report(observation).pdf)
        if line.strip()
    ]
    headings = [line for line in pdf_lines if line.endswith("?")]
    assert len(headings) >= 4
    positions = [article.index(heading) for heading in headings]
    assert positions == sorted(positions)
    for line in sheet_for(observation).practise + sheet_for(observation).went_well:
        assert line.replace("‘", "&lsquo;") in article or line in article


def test_no_demo_sheet_practises_what_it_praises(settings):
    from io import StringIO

    from django.core.management import call_command

    from hechting import plain_language

    settings.DEMO_MODE = True
    call_command("demo_setup", stdout=StringIO())
    sheets = 0
    for observation in Observation.objects.filter(version__number=4).select_related("child"):
        sheet = sheet_for(observation)
        name = observation.child.name
        for item in observation.version.items.all():
            praised = plain_language.for_child(item.parent_wording, name) in sheet.went_well
            practised = plain_language.for_child(item.parent_tip, name) in sheet.practise
            assert not (praised and practised), (observation, item.code)
        sheets += 1
    assert sheets >= 5
    # The demo's werkpunten take their tips from the behaviour seen little.
    noor = Observation.objects.get(
        child__family__case_reference="DEMO-0001",
        status=Observation.Status.APPROVED,
        visit_date=Observation.objects.filter(child__family__case_reference="DEMO-0001")
        .order_by("-visit_date")
        .values("visit_date")[:1],
    )
    assert any(line.startswith("Zeg hardop wat je") for line in sheet_for(noor).practise)
