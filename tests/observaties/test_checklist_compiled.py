"""The checklist's layout compiled per frozen version (observaties/checklist/compiled.py) writes
exactly what rendering it afresh writes, and nothing of one observation reaches another's page."""

from datetime import timedelta

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.utils import TEMPLATE_PACK
from django.template import Context
from django.utils import translation

from observaties import selectors, services
from observaties.checklist.form import ChecklistForm
from observaties.models import Agreement, Observation
from tests.factories import ChildFactory, FamilyFactory, ObservationFactory, answers, save_content

pytestmark = pytest.mark.django_db


def _fresh(form):
    """The layout rendered the way a draft version's is: built and walked for this form."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = form.layout()
    return helper.render_layout(form, Context({}), TEMPLATE_PACK)


def _compiled(form):
    return form.helper.render_layout(form, Context({}), TEMPLATE_PACK)


def _stored(observation):
    observation = Observation.objects.get(pk=observation.pk)
    return ChecklistForm(observation=observation, answers=selectors.checklist_answers(observation))


def _with_history(team, professional, team_lead, note):
    """A second visit of a child whose first left an agreement open and a safety concern."""
    child = ChildFactory(family=FamilyFactory(team=team))
    first = ObservationFactory(
        child=child,
        professional=professional,
        visit_date=child.birth_month + timedelta(days=200),
    )
    save_content(
        first,
        professional,
        agreements=[(f"Fictief: {note} boekje lezen.", Agreement.Who.PARENT, "", None)],
        safety=services.SafetyContent(
            concern="ja",
            signals=f"Fictief signaal {note}.",
            step=2,
            step_on=first.visit_date,
            consultations=[(first.visit_date, "collega", f"Fictief overleg {note}.")],
        ),
    )
    services.observation_submit(observation=first, user=professional)
    services.observation_approve(observation=first, reviewer=team_lead)
    return ObservationFactory(
        child=child, professional=professional, visit_date=first.visit_date + timedelta(days=30)
    )


def test_the_compiled_layout_is_the_layout_rendered_afresh(
    observation, team, professional, team_lead
):
    carried = _with_history(team, professional, team_lead, "Merel")
    blank = ChecklistForm(observation=observation)
    save_content(
        observation,
        professional,
        scores={
            item: (option, "Fictieve notitie <b>Zwaluw</b>")
            for item, (option, _note) in answers(observation, position=2).items()
        },
    )
    forms = [
        blank,  # nothing stored, nothing sent
        _stored(observation),  # answers and notes
        _stored(carried),  # an open agreement and a concern to bring up to date
        ChecklistForm(  # sent with errors
            {
                "lock_version": "0",
                "caregiver": "moeder",
                "visit_date": "2000-01-01",
                "setting": "spel",
                "agreement_who_0": "ouder",
                "parent_reaction": "Fictief: <knikte> & lachte.",
            },
            observation=observation,
        ),
    ]
    forms[3].is_valid()
    for form in forms:
        assert _compiled(form) == _fresh(form)
    with translation.override("en"):
        english = _stored(carried)
        assert _compiled(english) == _fresh(english)


def test_nothing_of_one_observation_reaches_another(team, professional, team_lead):
    first = _with_history(team, professional, team_lead, "Merel")
    second = _with_history(team, professional, team_lead, "Kievit")
    first_page = _compiled(_stored(first))
    second_page = _compiled(_stored(second))
    assert "Merel" in first_page
    assert "Kievit" not in first_page
    assert "Kievit" in second_page
    assert "Merel" not in second_page
