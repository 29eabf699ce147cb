"""An observation's status: handed in, approved (with its documents archived), returned,
reopened or discarded."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observaties import access, selectors
from observaties.documents import archive
from observaties.models import (
    Observation,
    ParentSheet,
    SafetyConcern,
    StatusChange,
)
from observaties.observations import rules
from observaties.services import case_system
from observaties.services.content import ObservationContent, _save
from observaties.services.locks import Status, _locked
from observaties.services.parent_sheets import _finalise_parent_sheet, _reopen_parent_sheet
from observaties.services.safety import _close_concern, _reopen_concern

# The workflow: (from, to) pairs that a transition may take.
_TRANSITIONS = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.RETURNED, Status.SUBMITTED),
    (Status.SUBMITTED, Status.APPROVED),
    (Status.SUBMITTED, Status.RETURNED),
    (Status.APPROVED, Status.RETURNED),
}


def _transition(*, observation, user, to_status, comment="", at=None):
    """Move an observation that the caller has locked (`_locked`) to another status, now or at
    `at`; an approval's documents are the caller's to archive (`observation_approve`)."""
    if (observation.status, to_status) not in _TRANSITIONS:
        raise ValidationError(
            _("Een observatie met status ‘%(status)s’ kan niet naar ‘%(target)s’.")
            % {
                "status": observation.get_status_display(),
                "target": Status(to_status).label,
            }
        )
    change = StatusChange.objects.create(
        observation=observation,
        from_status=observation.status,
        to_status=to_status,
        user=user,
        comment=comment,
        at=at or timezone.now(),
    )
    if to_status == Status.RETURNED:
        _reopen_concern(observation)
    observation.status = to_status
    observation.lock_version += 1
    fields = ["status", "lock_version", "updated_at"]
    if to_status == Status.SUBMITTED:
        observation.submitted_at = timezone.now()
        fields.append("submitted_at")
    observation.save(update_fields=fields)
    if change.from_status == Status.APPROVED:
        archive.supersede(observation, reopening=change)
        case_system.supersede_waiting(observation)
    return observation


@transaction.atomic
def observation_submit(*, observation: Observation, user) -> Observation:
    """Hand in for review what is stored, if it meets the hand-in's rules (every item answered
    or 'geen gelegenheid', and what the version asks besides)."""
    observation = _locked(observation)
    if not access.can_edit_observation(user, observation):
        raise PermissionDenied(access.EDIT_REFUSED)
    content, _safety = selectors.stored_content(observation)
    problems = rules.hand_in_problems(content, rules.basis_for(observation))
    if problems:
        raise ValidationError(problems)
    return _hand_in(observation, user)


def _hand_in(observation, user):
    _close_concern(observation)
    return _transition(observation=observation, user=user, to_status=Status.SUBMITTED)


@transaction.atomic
def observation_approve(*, observation: Observation, reviewer, comment: str = "") -> Observation:
    """Approve, with the report and the sheet for the parent archived as approved.

    The documents are rendered first, without the family's lock (a render takes most of a
    second; holding the lock would stop every save in the family meanwhile): the approval is
    written in a savepoint, the documents rendered from it, and the savepoint rolled back. Then,
    under the locks, the same approval is written, at the same moment, with those documents, if
    nobody changed the observation in between. A render that fails refuses the approval."""
    approved_at = timezone.now()
    basis, rendered = _render_approved(observation, reviewer, comment, approved_at)
    return _store_approved(observation, reviewer, comment, approved_at, basis, rendered)


def _approval_basis(observation):
    """What the approval's documents show that someone could change meanwhile: the checklist
    (its lock version) and the professional's wording of the sheet for the parent."""
    sheet = ParentSheet.objects.filter(observation=observation).values_list("pk", "edited_at")
    return observation.lock_version, sheet.first()


def _render_approved(observation, reviewer, comment, at):
    """What the approval starts from, and its documents rendered in a savepoint that is rolled
    back; only the observation's own row is held while they render."""
    savepoint = transaction.savepoint()
    try:
        # This observation's row only, not its family's: a change of this observation that is
        # under way finishes first; the rest of the family stays free while the documents render.
        current = (
            Observation.objects.select_for_update(of=("self",))
            .select_related("child__family", "version")
            .get(pk=observation.pk)
        )
        if current.child.family.is_closed:
            raise PermissionDenied(access.FAMILY_CLOSED)
        _check_reviewer(reviewer, current)
        basis = _approval_basis(current)
        _approve(current, reviewer, comment, at)
        rendered = archive.render(current)
    finally:
        transaction.savepoint_rollback(savepoint)
    return basis, rendered


def _store_approved(observation, reviewer, comment, at, basis, rendered):
    observation = _locked(observation)
    if _approval_basis(observation) != basis:
        raise ValidationError(
            _(
                "De observatie is gewijzigd terwijl je haar goedkeurde. Bekijk haar opnieuw en "
                "keur haar dan goed."
            )
        )
    _check_reviewer(reviewer, observation)
    change = _approve(observation, reviewer, comment, at)
    documents = archive.store(observation, rendered, approval=change)
    case_system.deliveries_for_approval(documents)
    return observation


def _approve(observation, reviewer, comment, at) -> StatusChange:
    _finalise_parent_sheet(observation, at=at)
    _transition(
        observation=observation, user=reviewer, to_status=Status.APPROVED, comment=comment, at=at
    )
    return observation.history.get(to_status=Status.APPROVED, at=at)


@transaction.atomic
def observation_return(*, observation: Observation, reviewer, comment: str) -> Observation:
    if not comment.strip():
        raise ValidationError(
            _("Schrijf erbij wat er anders moet; dat is verplicht bij terugsturen.")
        )
    observation = _locked(observation)
    _check_reviewer(reviewer, observation)
    return _transition(
        observation=observation, user=reviewer, to_status=Status.RETURNED, comment=comment
    )


@transaction.atomic
def observation_reopen(*, observation: Observation, team_lead, reason: str) -> Observation:
    """Reopen an approved observation; it goes back to its author as returned, with the reason."""
    if not reason.strip():
        raise ValidationError(_("Geef een reden om de observatie te heropenen."))
    observation = _locked(observation)
    if not access.can_reopen(team_lead, observation):
        raise ValidationError(_("Alleen een goedgekeurde observatie kan worden heropend."))
    _reopen_parent_sheet(observation)
    return _transition(
        observation=observation, user=team_lead, to_status=Status.RETURNED, comment=reason
    )


@transaction.atomic
def observation_discard(*, observation: Observation, user) -> None:
    """Delete a draft that was never handed in: started by mistake, or for a visit that was not
    used. Anything ever submitted stays, with its history."""
    observation = _locked(observation)
    if not access.can_discard(user, observation):
        raise PermissionDenied(access.DISCARD_REFUSED)
    if SafetyConcern.objects.filter(opened_in=observation, notes__isnull=False).exists():
        raise PermissionDenied(
            _(
                "Bij dit concept hoort een zorg over de veiligheid met een notitie van de "
                "teamleider; die gaat niet weg. Sluit de zorg af met een besluit en de reden."
            )
        )
    observation.delete()


@transaction.atomic
def observation_save_and_submit(
    *, observation: Observation, user, lock_version: int, content: ObservationContent
) -> Observation:
    """Save the form's content and hand it in, both or neither: one lock of the family and the
    observation, one permission check, one read of what the rules need, for both."""
    observation = _save(observation, user, lock_version, content, hand_in=True)
    return _hand_in(observation, user)


def _check_reviewer(reviewer, observation):
    if not access.is_team_lead(reviewer, observation.child.family.team_id):
        raise PermissionDenied
    if observation.professional_id == reviewer.pk:
        raise ValidationError(_("Je kunt je eigen observatie niet beoordelen."))
    if not access.can_review(reviewer, observation):
        raise ValidationError(_("Alleen een ingediende observatie kan worden beoordeeld."))
