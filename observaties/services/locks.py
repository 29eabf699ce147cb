"""The row locks every change of a family's content takes, in the same order everywhere."""

from django.core.exceptions import PermissionDenied

from observaties import access
from observaties.models import (
    Family,
    Observation,
)

Status = Observation.Status


class StaleObservationError(Exception):
    """Someone else saved the observation after this user opened it."""


def _lock_family(family_id) -> Family:
    """The family as stored now, locked until the transaction ends.

    Every change that depends on whether the family is closed takes this lock first, and only then
    the observation's (see `_locked`): closing a family and changing one of its observations then
    happen one after the other, in the same order everywhere, so they cannot deadlock either.
    """
    return Family.objects.select_for_update().get(pk=family_id)


def _locked(observation):
    """The observation as stored now, locked until the transaction ends, after its family (see
    `_lock_family`); refused once the family is closed, since nothing in it may change then."""
    _lock_family(observation.child.family_id)
    observation = (
        Observation.objects.select_for_update(of=("self",))
        .select_related("child__family", "version")
        .get(pk=observation.pk)
    )
    if observation.child.family.is_closed:
        raise PermissionDenied(access.FAMILY_CLOSED)
    return observation
