"""What the API writes to the access log: one row per object a client read, naming the client
application, the object, its family and team, as page reads do; and what a client asked for and
was refused, so that a team lead sees who tried their families."""

from audit.log import Action, Outcome, event_fields, record
from audit.models import AccessEvent
from observaties.models import Family, Observation


def logged_read(request, action, *, target, family=None, observation=None):
    record(
        request,
        action,
        family=family,
        observation=observation,
        target=target,
        api_client=request.auth.client,
    )


def logged_reads(request, *, target, families=(), observations=()):
    """One row per family or observation of a list, written at once."""
    client = request.auth.client
    rows = [
        event_fields(request, Action.VIEW, family=family, target=target, api_client=client)
        for family in families
    ] + [
        event_fields(
            request,
            Action.VIEW,
            family=observation.child.family,
            observation=observation,
            target=target,
            api_client=client,
        )
        for observation in observations
    ]
    AccessEvent.objects.bulk_create([AccessEvent(**row) for row in rows])


def logged_refusal(request, action, *, target, family_id=None, observation_id=None):
    """A refused read by a known client: the ids of what it asked for, its family and team as
    far as it exists (read here only, never told to the client)."""
    team_id = None
    if observation_id is not None:
        family_id, team_id = Observation.objects.filter(pk=observation_id).values_list(
            "child__family_id", "child__family__team_id"
        ).first() or (None, None)
    elif family_id is not None:
        team_id = Family.objects.filter(pk=family_id).values_list("team_id", flat=True).first()
    record(
        request,
        action,
        outcome=Outcome.REFUSED,
        family_id=family_id,
        observation_id=observation_id,
        team_id=team_id,
        target=target,
        api_client=request.auth.client,
    )
