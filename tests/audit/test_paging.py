"""Paging through the access log by time and number: every row once, in order, both ways, and
the same cost however long the log is."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import PRIVACY_OFFICER_GROUP
from audit.models import AccessEvent
from audit.views import PAGE_SIZE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TARGET = "paging-test"


@pytest.fixture
def officer(client):
    user = UserFactory(username="privacy")
    user.groups.add(Group.objects.get(name=PRIVACY_OFFICER_GROUP))
    client.force_login(user)
    return user


def _events(count):
    """`count` rows, a second apart, every third pair at the very same moment."""
    start = timezone.now() - timedelta(days=1)
    AccessEvent.objects.bulk_create(
        AccessEvent(
            at=start + timedelta(seconds=index - index % 3),
            username="medewerker",
            action=AccessEvent.Action.VIEW,
            outcome=AccessEvent.Outcome.ALLOWED,
            target=TARGET,
            family_id=index + 1,
        )
        for index in range(count)
    )


def _page(client, **query):
    response = client.get(reverse("audit:event-list"), {"user": "medewerker", **query})
    html = response.content.decode()
    families = [int(n) for n in re.findall(r'data-label="Gezin">(\d+)</td>', html)]
    older = re.search(r"ouder=([0-9-]+)", html)
    newer = re.search(r"nieuwer=([0-9-]+)", html)
    return families, older and older.group(1), newer and newer.group(1), html


def test_older_and_newer_walk_every_row_once_in_order(client, officer):
    _events(2 * PAGE_SIZE + 20)

    seen, pages, older = [], [], None
    while True:
        families, older, newer, _html = _page(client, **({"ouder": older} if older else {}))
        pages.append(families)
        seen.extend(families)
        if older is None:
            break
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 20]
    assert seen == sorted(seen, reverse=True)
    assert seen == list(range(1, 2 * PAGE_SIZE + 21))[::-1]

    back = _page(client, nieuwer=newer)
    assert back[0] == pages[1]
    assert _page(client, nieuwer=back[2])[0] == pages[0]


def test_a_cursor_that_is_not_one_shows_the_newest_rows_and_says_so(client, officer):
    _events(3)
    families, _older, _newer, html = _page(client, ouder="gisteren")
    assert families == [3, 2, 1]
    assert "Dat adres wijst niet naar een plek in het log." in html


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        _page(client, ouder=_page(client)[1])
    return [query["sql"] for query in captured.captured_queries]


def test_a_page_costs_the_same_at_two_log_sizes_and_counts_nothing(client, officer):
    _events(PAGE_SIZE * 3)
    small = _queries(client)
    _events(PAGE_SIZE * 30)
    large = _queries(client)

    assert len(small) == len(large)
    assert not [sql for sql in large if "COUNT(" in sql.upper()]
