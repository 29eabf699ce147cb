"""The tables of a child's trend report: items beside visits, each visit's summary, stress."""

from collections import defaultdict
from dataclasses import dataclass

from hechting.models import ChecklistVersion, Condition
from hechting.selectors import version_content
from observaties.models import (
    Agreement,
    AgreementFollowUp,
    ConditionReflection,
    ContextAnswer,
    Observation,
)
from observaties.selectors.trends import _approved_with_scores, child_networks


def current_scale_labels():
    scale = version_content(ChecklistVersion.objects.current()).scale
    return [(option.position, option.label) for option in scale if not option.is_no_opportunity]


@dataclass
class ItemRow:
    code: str
    text: str
    answers: list[str]


@dataclass
class VisitColumns:
    """A part of a condition's item table: at most VISITS_PER_TABLE visits beside the items, so
    that the item column stays wide enough to read."""

    observations: list
    rows: list[ItemRow]


VISITS_PER_TABLE = 4


def child_item_matrix(child):
    """Per condition, each item code against every approved observation, linked by code, in
    tables of at most four visits each.

    The text shown is the newest wording of the code; the cells are the chosen scale labels.
    """
    observations = _approved_with_scores(child)
    rows = {}
    for index, observation in enumerate(observations):
        for score in observation.scores.all():
            row = rows.setdefault(
                score.item.code,
                (score.item.condition_id, ItemRow(score.item.code, "", [""] * len(observations))),
            )[1]
            row.text = score.item.text
            row.answers[index] = score.option.label if score.option else ""
    sections = []
    for condition in Condition.objects.all():
        items = sorted(
            (row for condition_id, row in rows.values() if condition_id == condition.pk),
            key=lambda row: (row.code.split("-")[0], int(row.code.split("-")[-1])),
        )
        parts = [
            VisitColumns(
                observations[start : start + VISITS_PER_TABLE],
                [
                    ItemRow(row.code, row.text, answers)
                    for row in items
                    if any(answers := row.answers[start : start + VISITS_PER_TABLE])
                ],
            )
            for start in range(0, len(observations), VISITS_PER_TABLE)
        ]
        sections.append((condition, parts))
    return {
        "observations": observations,
        "sections": sections,
        "networks": child_networks(observations),
        "visits": child_visits(observations),
        "stress": child_stress(observations),
    }


@dataclass
class AgreementRow:
    """An agreement of one visit with what became of it at the later visits."""

    agreement: Agreement
    follow_ups: list


@dataclass
class VisitSummary:
    """What a reader of the child's file needs beside the answers of one approved visit."""

    observation: Observation
    age_months: int
    work_points: list  # the conditions the professional made a werkpunt of
    stress: list  # the labels of the stress factors answered "ja"
    agreements: list[AgreementRow]


def child_visits(observations):
    """Per approved visit (oldest first): the child's age, the werkpunten, the stress factors
    that played and every agreement with what became of it at later approved visits; four
    queries, however many visits."""
    approved = {o.pk for o in observations}
    work_points = defaultdict(list)
    for reflection in (
        ConditionReflection.objects.filter(
            observation__in=approved, work_point=ConditionReflection.WorkPoint.YES
        )
        .select_related("condition")
        .order_by("condition__order")
    ):
        work_points[reflection.observation_id].append(reflection.condition)
    stress = defaultdict(list)
    for observation_id, label in (
        ContextAnswer.objects.filter(observation__in=approved, answer=ContextAnswer.Answer.YES)
        .order_by("factor__order", "factor__code")
        .values_list("observation_id", "factor__label")
    ):
        stress[observation_id].append(label)
    agreements = list(
        Agreement.objects.filter(observation__in=approved).order_by("observation", "order", "pk")
    )
    follow_ups = defaultdict(list)
    for follow_up in (
        AgreementFollowUp.objects.filter(agreement__in=agreements, observation__in=approved)
        .select_related("observation")
        .order_by("observation__visit_date", "pk")
    ):
        follow_ups[follow_up.agreement_id].append(follow_up)
    rows = defaultdict(list)
    for agreement in agreements:
        rows[agreement.observation_id].append(AgreementRow(agreement, follow_ups[agreement.pk]))
    return [
        VisitSummary(
            observation=o,
            age_months=o.child.age_in_months(o.visit_date),
            work_points=work_points[o.pk],
            stress=stress[o.pk],
            agreements=rows[o.pk],
        )
        for o in observations
    ]


@dataclass
class StressVisit:
    """One stress factor at one approved visit: the answer, and the action agreed there with
    what became of it at later visits."""

    observation: Observation
    answer: ContextAnswer | None
    action: AgreementRow | None


def child_stress(observations):
    """Per stress factor answered "ja" at any of the approved visits (matched by code across
    versions, newest wording): a row per visit, oldest first, in three queries."""
    approved = {o.pk for o in observations}
    answers = {
        (answer.observation_id, answer.factor.code): answer
        for answer in ContextAnswer.objects.filter(observation__in=approved).select_related(
            "factor"
        )
    }
    actions = list(
        Agreement.objects.filter(observation__in=approved, factor__isnull=False).select_related(
            "factor"
        )
    )
    follow_ups = defaultdict(list)
    for follow_up in AgreementFollowUp.objects.filter(
        agreement__in=actions, observation__in=approved
    ).select_related("observation"):
        follow_ups[follow_up.agreement_id].append(follow_up)
    rows = {
        (action.observation_id, action.factor.code): AgreementRow(action, follow_ups[action.pk])
        for action in actions
    }
    labels = {}
    for (_observation, code), answer in answers.items():
        if answer.answer == ContextAnswer.Answer.YES:
            labels[code] = answer.factor.label
    return [
        (
            labels[code],
            [
                StressVisit(o, answers.get((o.pk, code)), rows.get((o.pk, code)))
                for o in observations
            ],
        )
        for code in sorted(labels)
    ]
