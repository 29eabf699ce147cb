"""Paging through the access log by time and number instead of by page number.

The log only grows, and counting a team's rows for "page 3 of 700" cost more with every visit
(PostgreSQL 5 ms at 23,000 rows, 18 ms at 34,000). A page here reads its rows and one more, so
its cost does not depend on how long the log is. A cursor names the last row shown: its time in
microseconds since 1970 and its number.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Page:
    events: list
    newer: str | None  # a cursor for the newer rows before these, if any
    older: str | None  # a cursor for the older rows after these, if any
    is_newest: bool


def cursor(event) -> str:
    delta = event.at - EPOCH
    return f"{(delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds}-{event.pk}"


def parse(value: str) -> tuple[datetime.datetime, int] | None:
    """The time and number a cursor names, or None when it is not a cursor."""
    micros, _sep, pk = value.partition("-")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18 or len(pk) > 18:
        return None
    try:
        return EPOCH + datetime.timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        return None


def page(events, *, size, older_than=None, newer_than=None) -> Page:
    """`size` rows of `events` (newest first): the newest, those older than one cursor, or
    those newer than another."""
    if newer_than is not None:
        at, pk = newer_than
        rows = list(
            events.filter(Q(at__gt=at) | Q(at=at, pk__gt=pk)).order_by("at", "pk")[: size + 1]
        )
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return Page(
            events=rows,
            newer=cursor(rows[0]) if more_newer else None,
            older=cursor(rows[-1]) if rows else None,
            is_newest=False,
        )
    if older_than is not None:
        at, pk = older_than
        events = events.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
    rows = list(events.order_by("-at", "-pk")[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return Page(
        events=rows,
        newer=cursor(rows[0]) if older_than is not None and rows else None,
        older=cursor(rows[-1]) if more_older else None,
        is_newest=older_than is None,
    )
