"""Each rule an observation's content meets is written once (observaties/observations/rules.py):
the form and the services give the same message for the same field, no other module words one,
and a hand-in locks, checks permission and reads what the rules need once."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from observaties import access, selectors, services
from observaties.checklist.form import ChecklistForm
from observaties.models import Observation
from observaties.observations import rules
from observaties.services import locks
from tests.factories import answers, judgement

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "audit", "core", "hechting", "observaties", "config"]


def _messages_of(path):
    """The strings a module passes to gettext."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "gettext_lazy"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield node.args[0].value


def test_no_other_module_words_a_rule_of_the_content():
    rule_messages = set(_messages_of(ROOT / "observaties/observations/rules.py"))
    assert len(rule_messages) > 30
    elsewhere = {
        f"{path.relative_to(ROOT)}: {message}"
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and path.name != "rules.py"
        for message in _messages_of(path)
        if message in rule_messages
    }
    assert elsewhere == set()


def _version_2_content(observation, **changes):
    return services.ObservationContent(
        caregiver=observation.caregiver,
        visit_date=observation.visit_date,
        setting=observation.setting,
        **{**judgement(observation), **changes},
    )


def _form_data(observation, **fields):
    data = {
        "lock_version": str(observation.lock_version),
        "caregiver": observation.caregiver,
        "visit_date": observation.visit_date.isoformat(),
        "setting": observation.setting,
        "caregiver_relation_0": "moeder",
        "caregiver_days_0": "7",
        "network_check": "klopt",
        "next_visit": (observation.visit_date + timedelta(days=28)).isoformat(),
        "safety_concern": "nee",
    }
    judged = judgement(observation)
    for condition, work_point in judged["work_points"].items():
        data[f"work_point_{condition}"] = work_point
    for question, (answer, _misfits, _note) in judged.get("fits", {}).items():
        data[f"fit_{question}"] = answer
    return {**data, **fields}


def test_the_form_and_the_service_give_the_same_message_for_the_same_field(
    observation, professional
):
    """An agreement without what was agreed, a reaction without the date of the talk, a
    referral without whom to, and (for hand-in) the unanswered items and the missing action."""
    debts = observation.version.context_factors.get(code="RV-1").pk
    content = _version_2_content(
        observation,
        agreements=[("", "ouder", "", None)],
        parent_reaction="Fictief: de ouder knikte.",
        context={debts: ("ja", "")},
    )
    with pytest.raises(ValidationError) as refused:
        services.observation_save_and_submit(
            observation=observation, user=professional, lock_version=0, content=content
        )
    service = refused.value.message_dict

    form = ChecklistForm(
        _form_data(
            observation,
            agreement_who_0="ouder",
            parent_reaction="Fictief: de ouder knikte.",
            **{f"factor_{debts}": "ja"},
        ),
        observation=observation,
    )
    assert not form.is_valid()
    assert not form.require_complete()
    assert {"agreement_what_0", "discussed_on", f"factor_action_{debts}"} <= set(service)
    assert any(name.startswith("item_") for name in service)
    assert {name: service[name] for name in form.errors} == dict(form.errors)
    assert set(form.errors) == set(service)
    assert Observation.objects.get(pk=observation.pk).lock_version == 0  # nothing saved


class _Counting:
    """Calls the real function and counts the calls."""

    def __init__(self, function):
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def _complete_hand_in(client, observation):
    data = _form_data(observation, submit="1")
    for item, (option, note) in answers(observation).items():
        data[f"item_{item}"] = str(option)
        data[f"note_{item}"] = note
    return client.post(reverse("observaties:observation-edit", args=[observation.pk]), data)


def test_one_hand_in_checks_permission_locks_and_reads_open_agreements_once(
    client, monkeypatch, observation, professional
):
    checks = _Counting(access.can_edit_observation)
    family_locks = _Counting(locks._lock_family)
    reads = _Counting(selectors.open_agreements)
    monkeypatch.setattr(access, "can_edit_observation", checks)
    monkeypatch.setattr(locks, "_lock_family", family_locks)
    monkeypatch.setattr(selectors, "open_agreements", reads)
    client.force_login(professional)
    with CaptureQueriesContext(connection) as queries:
        response = _complete_hand_in(client, observation)
    assert response.status_code == 302
    assert Observation.objects.get(pk=observation.pk).status == Observation.Status.SUBMITTED
    assert checks.calls == 1  # the service's, under its lock; the view leaves it to the service
    assert family_locks.calls == 1
    # The form reads them for its fields; the service once more, under the lock, for the rules
    # of both the save and the hand-in.
    assert reads.calls == 2
    if connection.features.has_select_for_update:
        locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
        assert len(locking) == 2  # the family, then the observation
        assert '"observaties_family"' in locking[0]
        assert '"observaties_observation"' in locking[1]


def test_a_hand_in_of_stored_data_applies_the_same_rules(observation, professional):
    """observation_submit reads what is stored as content; what it refuses is what the form
    would say beside the same fields."""
    services.observation_save(
        observation=observation,
        user=professional,
        lock_version=0,
        content=_version_2_content(observation),
    )
    observation = Observation.objects.get(pk=observation.pk)
    stored, _safety = selectors.stored_content(observation)
    expected = rules.hand_in_problems(stored, rules.basis_for(observation))
    with pytest.raises(ValidationError) as refused:
        services.observation_submit(observation=observation, user=professional)
    assert refused.value.message_dict == {name: [message] for name, message in expected.items()}
    assert len(expected) == observation.version.items.count()  # only the items are open
