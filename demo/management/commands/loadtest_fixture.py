"""Data and a signed-in session for the load test; prints what the load generator needs (JSON).

Only for a throwaway database: refuses to run unless HECHTINGSWIJZER_LOADTEST=1.
"""

import json
import os
import time
from datetime import date

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.middleware.csrf import _get_new_csrf_string

from accounts.models import Membership, Team, User
from accounts.signals import LOGIN_AT_SESSION_KEY
from hechting.models import ChecklistVersion
from observaties import services
from observaties.models import Observation


class Command(BaseCommand):
    help = "Maakt testgegevens en een sessie voor de belastingstest (alleen wegwerpdatabase)."

    def add_arguments(self, parser):
        parser.add_argument("--drafts", type=int, default=4000)

    def handle(self, *args, drafts, **options):
        if os.environ.get("HECHTINGSWIJZER_LOADTEST") != "1":
            raise CommandError("Alleen voor een wegwerpdatabase: zet HECHTINGSWIJZER_LOADTEST=1.")
        version = ChecklistVersion.objects.current()
        team = Team.objects.create(name="Belastingteam")
        professional = User.objects.create(username="belasting", first_name="Last")
        # The drafts for the POST run belong to a colleague, so the measured dashboard shows what
        # a professional normally has open, not thousands of drafts.
        poster = User.objects.create(username="belasting-post", first_name="Post")
        lead = User.objects.create(username="belasting-lead", first_name="Lead")
        Membership.objects.create(user=professional, team=team, role=Membership.Role.PROFESSIONAL)
        Membership.objects.create(user=poster, team=team, role=Membership.Role.PROFESSIONAL)
        Membership.objects.create(user=lead, team=team, role=Membership.Role.TEAM_LEAD)
        family = services.family_create(
            team=team, case_reference="LOAD-1", created_by=professional, opened_on=date(2024, 1, 1)
        )
        child = services.child_create(family=family, name="L.", birth_month=date(2023, 6, 1))
        items = list(version.items.all())
        option = version.scale_options.get(position=3)
        approved = None
        for month in range(6):
            observation = services.observation_create(
                child=child,
                professional=professional,
                caregiver="moeder",
                visit_date=date(2024, 2 + month, 5),
                setting="spel",
            )
            observation = services.observation_save_and_submit(
                observation=observation,
                user=professional,
                lock_version=0,
                content=services.ObservationContent(
                    caregiver="moeder",
                    visit_date=observation.visit_date,
                    setting="spel",
                    scores={item.pk: (option.pk, "Rustig en betrokken.") for item in items},
                    **services.example_judgement(observation.version, observation.visit_date),
                ),
            )
            approved = services.observation_approve(observation=observation, reviewer=lead)
        # The drafts that the POST run saves live in a family of their own, so the measured family
        # page keeps a realistic size (six approved observations).
        draft_family = services.family_create(
            team=team, case_reference="LOAD-2", created_by=poster, opened_on=date(2024, 1, 1)
        )
        draft_child = services.child_create(
            family=draft_family, name="D.", birth_month=date(2023, 6, 1)
        )
        first = Observation.objects.bulk_create(
            Observation(
                child=draft_child,
                professional=poster,
                version=version,
                caregiver="vader",
                visit_date=date(2024, 9, 1),
                setting="eten",
            )
            for _index in range(drafts)
        )
        ids = [observation.pk for observation in first]
        own_draft = services.observation_create(
            child=child,
            professional=professional,
            caregiver="moeder",
            visit_date=date(2024, 9, 2),
            setting="spel",
        )
        csrf = _get_new_csrf_string()
        self.stdout.write(
            json.dumps(
                {
                    "cookie": _cookie(professional, csrf),
                    "post_cookie": _cookie(poster, csrf),
                    "csrf": csrf,
                    "family": family.pk,
                    "approved": approved.pk,
                    "own_draft": own_draft.pk,
                    "drafts": {"first": min(ids), "last": max(ids), "count": len(ids)},
                    "items": [item.pk for item in items],
                    "option": option.pk,
                }
            )
        )


def _cookie(user, csrf):
    """A signed-in session for `user`, as the Cookie header a browser would send."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LOGIN_AT_SESSION_KEY] = time.time()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
