"""The data check that `migrate` runs: closed families that still hold unfinished work."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from observaties.checks import closed_families_hold_only_approved_observations
from observaties.models import Family, Observation

pytestmark = pytest.mark.django_db


def test_a_closed_family_with_a_returned_observation_is_reported(family, approved, capsys):
    Observation.objects.filter(pk=approved.pk).update(status=Observation.Status.RETURNED)
    Family.objects.filter(pk=family.pk).update(closed_on=timezone.localdate())

    warnings = closed_families_hold_only_approved_observations(databases=["default"])

    assert [warning.id for warning in warnings] == ["observaties.W001"]
    assert f"gezin nummer {family.pk})" in warnings[0].msg
    assert family.case_reference not in warnings[0].msg
    call_command("check", "--database", "default")
    assert "observaties.W001" in "".join(capsys.readouterr())


def test_closed_families_with_only_approved_work_pass(family, approved, capsys):
    Family.objects.filter(pk=family.pk).update(closed_on=timezone.localdate())

    assert closed_families_hold_only_approved_observations(databases=["default"]) == []
    call_command("check", "--database", "default")
    assert "observaties.W001" not in "".join(capsys.readouterr())
