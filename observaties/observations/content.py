"""What one save of the checklist records, keyed by the pinned version's own ids.

Rows of a table (agreements, caregivers, changes) keep their place on the form, blank rows
included, so that a rule can name the row it is about; the save stores only the rows filled in.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from observaties.models import SafetyAssessment

# Where a problem belongs to no field of its own (a form of another version, a follow-up of an
# agreement that is no longer open): the form shows it above the checklist.
GENERAL = "__all__"

# The assessment's own fields the safety section records, besides the five questions.
SAFETY_DETAILS = (
    "signals",
    "injury",
    "mobile",
    "step",
    "step_on",
    "talk_on",
    "talk_note",
    "talk_skipped",
    "talk_skipped_note",
    "decision",
    "decision_on",
    "decided_by",
    "decision_note",
    "reported_on",
    "report_reference",
)


@dataclass
class SafetyContent:
    """The checklist's section on the child's safety, along the meldcode."""

    concern: str = ""  # "ja", "nee" or "" (not answered yet)
    signals: str = ""
    injury: str = ""  # a bruise or other injury: "ja", "nee" or ""
    mobile: str = ""  # the child moves about by itself: "ja", "nee" or ""
    step: int | None = None
    step_on: date | None = None
    talk_on: date | None = None
    talk_note: str = ""
    talk_skipped: str = ""
    talk_skipped_note: str = ""
    answers: dict[int, tuple[str, date | None]] = field(default_factory=dict)  # question: (ja/nee)
    decision: str = ""
    decision_on: date | None = None
    decided_by: str = ""
    decision_note: str = ""
    reported_on: date | None = None
    report_reference: str = ""
    # this visit's consultations, rows: (date, with whom, outcome)
    consultations: list[tuple[date | None, str, str]] = field(default_factory=list)

    def assessment_fields(self) -> dict:
        fields = {name: getattr(self, name) for name in SAFETY_DETAILS}
        for number in SafetyAssessment.QUESTIONS:
            answer, on = self.answers.get(number, ("", None))
            fields[f"answer_{number}"] = answer
            fields[f"answer_{number}_on"] = on
        return fields

    @property
    def filled_consultations(self):
        """The consultation rows with anything in them, each with its place on the form."""
        return [(row, values) for row, values in enumerate(self.consultations) if any(values)]

    @property
    def has_details(self) -> bool:
        """Anything filled in besides the answer to "any concern?"."""
        return (
            any(getattr(self, name) not in (None, "") for name in SAFETY_DETAILS)
            or any(answer or on for answer, on in self.answers.values())
            or bool(self.filled_consultations)
        )

    @property
    def pre_mobile_injury(self) -> bool:
        return self.injury == "ja" and self.mobile == "nee"

    @classmethod
    def of(cls, assessment, *, consultations=()) -> "SafetyContent":
        """A stored part of a concern as content: this visit's (with its consultations), or one
        to bring up to date (whose consultations stay with the visit that recorded them)."""
        return cls(
            concern="ja",
            answers={number: (answer, on) for number, answer, on in assessment.answers},
            consultations=[(c.on, c.with_whom, c.outcome) for c in consultations],
            **{name: getattr(assessment, name) for name in SAFETY_DETAILS},
        )


@dataclass
class ObservationContent:
    """Everything the checklist form records, keyed by the pinned version's own ids."""

    caregiver: str
    visit_date: date
    setting: str
    scores: dict[int, tuple[int | None, str]] = field(default_factory=dict)  # item: (option, note)
    reflections: dict[int, str] = field(default_factory=dict)  # condition id: text
    context: dict[int, tuple[str, str]] = field(default_factory=dict)  # factor: (answer, note)
    conclusion: str = ""
    next_visit: date | None = None
    discussed_on: date | None = None
    parent_reaction: str = ""
    shared_factors: set[int] = field(default_factory=set)  # factors whose note the parent gets
    # rows: (what, who, who else, due)
    agreements: list[tuple[str, str, str, date | None]] = field(default_factory=list)
    # per stress factor answered "ja": an action (what, who, who else, due) or who is already on it
    stress_actions: dict[int, tuple[str, str, str, date | None]] = field(default_factory=dict)
    underway: dict[int, str] = field(default_factory=dict)
    safety: SafetyContent = field(default_factory=SafetyContent)
    # agreement id of an earlier visit: (outcome, note)
    follow_ups: dict[int, tuple[str, str]] = field(default_factory=dict)
    work_points: dict[int, str] = field(default_factory=dict)  # condition id: "ja", "nee" or ""
    # question of fit or of the child's signals: (answer, what did not fit, note)
    fits: dict[int, tuple[str, frozenset, str]] = field(default_factory=dict)
    network_check: str = ""  # Observation.NetworkCheck, or "" (not answered)
    # rows: (relation, days per week, note)
    caregivers: list[tuple[str, Decimal | None, str]] = field(default_factory=list)
    # rows: (what, cause, outside the parent's control (None: as the cause says), month)
    changes: list[tuple[str, str, bool | None, date | None]] = field(default_factory=list)
