"""Reads of observations with their joins decided here: the report, trends, lists and overviews.

Summaries are distributions over the scale per condition, with "geen gelegenheid" counted apart;
there is never one total score.

One module per concept; everything is importable from here as before.
"""

from observaties.selectors.checklist import (
    ChecklistAnswers,
    checklist_answers,
    stored_content,
)
from observaties.selectors.child_report import (
    VISITS_PER_TABLE,
    AgreementRow,
    ItemRow,
    StressVisit,
    VisitColumns,
    VisitSummary,
    child_item_matrix,
    child_stress,
    child_visits,
    current_scale_labels,
)
from observaties.selectors.deliveries import (
    failed_deliveries,
)
from observaties.selectors.lists import (
    Cut,
    cut,
)
from observaties.selectors.overviews import (
    DASHBOARD_LIMITS,
    FAMILY_PAGE_OBSERVATIONS,
    FAMILY_PAGE_TREND_VISITS,
    STRESS_WITHOUT_ACTION_DAYS,
    VISITS_AHEAD_DAYS,
    ChildOnPage,
    LastingStress,
    StressStep,
    dashboard,
    family_page,
    lasting_stress,
    overdue_agreements,
    planned_visits,
    team_overview,
    waiting_days,
)
from observaties.selectors.report import (
    Distribution,
    ObservationReport,
    ReportSection,
    ScoredItem,
    Status,
    observation_report,
    open_agreements,
    scale_distribution,
)
from observaties.selectors.safety import (
    OpenConcern,
    concern_consultations,
    concern_page,
    earlier_consultations,
    observation_safety,
    open_concern,
    open_concerns,
    own_concern_id,
)
from observaties.selectors.trends import (
    ConditionTrend,
    NetworkRow,
    TrendPoint,
    child_networks,
    child_trends,
)

__all__ = [
    "DASHBOARD_LIMITS",
    "FAMILY_PAGE_OBSERVATIONS",
    "FAMILY_PAGE_TREND_VISITS",
    "STRESS_WITHOUT_ACTION_DAYS",
    "VISITS_AHEAD_DAYS",
    "VISITS_PER_TABLE",
    "AgreementRow",
    "ChecklistAnswers",
    "ChildOnPage",
    "ConditionTrend",
    "Cut",
    "Distribution",
    "ItemRow",
    "LastingStress",
    "NetworkRow",
    "ObservationReport",
    "OpenConcern",
    "ReportSection",
    "ScoredItem",
    "Status",
    "StressStep",
    "StressVisit",
    "TrendPoint",
    "VisitColumns",
    "VisitSummary",
    "checklist_answers",
    "child_item_matrix",
    "child_networks",
    "child_stress",
    "child_trends",
    "child_visits",
    "concern_consultations",
    "concern_page",
    "current_scale_labels",
    "cut",
    "dashboard",
    "earlier_consultations",
    "failed_deliveries",
    "family_page",
    "lasting_stress",
    "observation_report",
    "observation_safety",
    "open_agreements",
    "open_concern",
    "open_concerns",
    "overdue_agreements",
    "own_concern_id",
    "planned_visits",
    "scale_distribution",
    "stored_content",
    "team_overview",
    "waiting_days",
]
