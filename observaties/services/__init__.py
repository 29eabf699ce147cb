"""Writes that touch families and observations: each one atomic, validated and keyword-only.

One module per concept; everything is importable from here as before.
"""

from observaties.services.content import (
    ObservationContent,
    SafetyContent,
    observation_create,
    observation_save,
    validate_visit_date,
)
from observaties.services.dossiers import (
    FamilyOpenError,
    OpenConcernError,
    can_reopen,
    check_reopen,
    child_create,
    family_close,
    family_create,
    family_reopen,
    family_update,
)
from observaties.services.examples import (
    example_follow_ups,
    example_judgement,
)
from observaties.services.locks import (
    StaleObservationError,
    Status,
)
from observaties.services.parent_sheets import (
    parent_sheet_reset,
    parent_sheet_save,
)
from observaties.services.safety import safety_note_add
from observaties.services.workflow import (
    observation_approve,
    observation_discard,
    observation_reopen,
    observation_return,
    observation_save_and_submit,
    observation_submit,
)

__all__ = [
    "FamilyOpenError",
    "ObservationContent",
    "OpenConcernError",
    "SafetyContent",
    "StaleObservationError",
    "Status",
    "can_reopen",
    "check_reopen",
    "child_create",
    "example_follow_ups",
    "example_judgement",
    "family_close",
    "family_create",
    "family_reopen",
    "family_update",
    "observation_approve",
    "observation_create",
    "observation_discard",
    "observation_reopen",
    "observation_return",
    "observation_save",
    "observation_save_and_submit",
    "observation_submit",
    "parent_sheet_reset",
    "parent_sheet_save",
    "safety_note_add",
    "validate_visit_date",
]
