"""Writes to families and children."""

from collections import Counter
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observaties import access, retention
from observaties.models import (
    Child,
    Family,
    FamilyReopening,
    Observation,
    SafetyConcern,
)
from observaties.services.locks import Status, _lock_family


class OpenConcernError(ValidationError):
    """A family cannot be closed while one of its children has an open safety concern: nothing
    in it could change any more, so the concern could never be decided."""

    def __init__(self, concern):
        super().__init__(
            _(
                "Er loopt nog een zorg over de veiligheid van %(child)s, sinds %(date)s. Een "
                "gezin met een open zorg kan niet worden afgesloten: leg eerst bij een huisbezoek "
                "een afsluitend besluit vast, met de reden, en laat die observatie goedkeuren."
            )
            % {"child": concern.child, "date": date_format(concern.opened_on, "j F Y")},
            code="open-concern",
        )
        self.concern = concern


@transaction.atomic
def family_create(*, team, case_reference: str, created_by, opened_on: date) -> Family:
    family = Family(team=team, case_reference=case_reference, opened_on=opened_on)
    family.full_clean()
    family.save()
    family.professionals.add(created_by)
    return family


@transaction.atomic
def family_update(*, family: Family, case_reference: str, opened_on: date, professionals) -> Family:
    """Change a family's reference, opening date and assigned professionals (members of its own
    team); refused, and nothing changed, once the family is closed."""
    family = _lock_family(family.pk)
    if family.is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    wanted = {user.pk for user in professionals}
    members = get_user_model().objects.filter(pk__in=wanted, memberships__team=family.team_id)
    if wanted - set(members.values_list("pk", flat=True)):
        raise ValidationError(
            {"professionals": _("Alleen leden van het eigen team kunnen aan een gezin werken.")}
        )
    family.case_reference = case_reference
    family.opened_on = opened_on
    family.full_clean()
    family.save(update_fields=["case_reference", "opened_on"])
    family.professionals.set(professionals)
    return family


@transaction.atomic
def family_close(*, family: Family, closed_on: date) -> Family:
    # Locked, so that no observation is started or changes status between the count below and
    # the closing: each of those takes this lock first.
    family.closed_on = _lock_family(family.pk).closed_on
    if family.is_closed:
        raise ValidationError(_("Dit gezin is al afgesloten."))
    # After closing nothing can be handed in or corrected any more: finish first.
    unfinished = Counter(
        Observation.objects.filter(child__family=family)
        .exclude(status=Status.APPROVED)
        .values_list("status", flat=True)
    )
    if unfinished:
        count = unfinished.total()
        raise ValidationError(
            ngettext(
                "Er is nog %(count)d observatie niet goedgekeurd (%(statuses)s). Rond die eerst "
                "af; een concept dat niet nodig is, kan de medewerker verwijderen.",
                "Er zijn nog %(count)d observaties niet goedgekeurd (%(statuses)s). Rond die "
                "eerst af; een concept dat niet nodig is, kan de medewerker verwijderen.",
                count,
            )
            % {
                "count": count,
                "statuses": ", ".join(
                    f"{number} {Status(status).label}"
                    for status, number in sorted(unfinished.items())
                ),
            }
        )
    # A concern left open could never be decided once nothing in the family can change.
    concern = (
        SafetyConcern.objects.filter(child__family=family, closed_on__isnull=True)
        .select_related("child")
        .order_by("opened_on", "pk")
        .first()
    )
    if concern is not None:
        raise OpenConcernError(concern)
    if closed_on > timezone.localdate():
        raise ValidationError(_("De datum van afsluiten kan niet in de toekomst liggen."))
    family.closed_on = closed_on
    family.full_clean()
    family.save(update_fields=["closed_on"])
    return family


class FamilyOpenError(ValidationError):
    """A family that is not closed (any more) has nothing to reopen."""

    def __init__(self):
        super().__init__(_("Dit gezin is niet afgesloten."), code="open")


def check_reopen(family: Family, user) -> None:
    """Whether `user` may reopen `family` now: only a team lead of its team, only a closed
    family, only within its retention term. Raises PermissionDenied or FamilyOpenError."""
    if not access.is_team_lead(user, family.team_id):
        raise PermissionDenied(_("Alleen een teamleider van het team kan een gezin heropenen."))
    if not family.is_closed:
        raise FamilyOpenError()
    if not retention.reopenable(family):
        raise PermissionDenied(
            _("De bewaartermijn van dit gezin is voorbij: het kan niet meer worden heropend.")
        )


def can_reopen(family: Family, user) -> bool:
    try:
        check_reopen(family, user)
    except (PermissionDenied, ValidationError):
        return False
    return True


@transaction.atomic
def family_reopen(*, family: Family, reason: str, by) -> FamilyReopening:
    """Open a closed family again (`check_reopen`); the reason is kept with the family. The
    retention term stops until it is closed again."""
    family = _lock_family(family.pk)
    check_reopen(family, by)
    reopening = FamilyReopening(
        family=family, closed_on=family.closed_on, reason=reason.strip(), reopened_by=by
    )
    reopening.full_clean()
    reopening.save()
    family.closed_on = None
    family.save(update_fields=["closed_on"])
    return reopening


@transaction.atomic
def child_create(*, family: Family, name: str, birth_month: date) -> Child:
    if _lock_family(family.pk).is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    child = Child(family=family, name=name, birth_month=birth_month.replace(day=1))
    child.full_clean()
    child.save()
    return child
