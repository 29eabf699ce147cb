"""The professional's wording of the sheet for the parent, and what approval and reopening do
to it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from observaties import access, parent_sheet, selectors
from observaties.models import (
    Observation,
    ParentSheet,
)
from observaties.services.locks import _locked


def _finalise_parent_sheet(observation, *, at):
    """On approval the sheet's text is stored as it reads now, so that it reads the same later."""
    if not observation.version.has_parent_texts:
        return
    sheet = ParentSheet.objects.filter(observation=observation).first()
    if sheet is None:
        text = parent_sheet.suggestion(selectors.observation_report(observation, history=False))
        sheet = ParentSheet(observation=observation, **text.as_fields())
    sheet.final_at = at
    sheet.save()


def _reopen_parent_sheet(observation):
    """A reopened observation is corrected: a sheet the professional never changed follows the
    correction (it is suggested again); one they wrote stays theirs, to adjust."""
    sheet = ParentSheet.objects.filter(observation=observation).first()
    if sheet is None:
        return
    if sheet.edited_by_id is None:
        sheet.delete()
    else:
        sheet.final_at = None
        sheet.save(update_fields=["final_at"])


@transaction.atomic
def parent_sheet_save(*, observation: Observation, user, text) -> ParentSheet:
    """Store the professional's wording of the sheet; refused once the observation is approved."""
    observation = _locked(observation)
    if not access.can_edit_parent_sheet(user, observation):
        raise PermissionDenied(access.PARENT_SHEET_FINAL)
    problems = text.problems(observation.child.name)
    if problems:
        raise ValidationError(problems)
    sheet, _created = ParentSheet.objects.update_or_create(
        observation=observation,
        defaults={**text.as_fields(), "edited_by": user, "edited_at": timezone.now()},
    )
    return sheet


@transaction.atomic
def parent_sheet_reset(*, observation: Observation, user) -> None:
    """Back to the suggestion from the checklist."""
    observation = _locked(observation)
    if not access.can_edit_parent_sheet(user, observation):
        raise PermissionDenied(access.PARENT_SHEET_FINAL)
    ParentSheet.objects.filter(observation=observation).delete()
