"""A list that a page limits, and how many more there are."""


class Cut(list):
    """The rows a page shows of a longer list, and how many more there are (0: all of them).

    `key` names the list in the page's `?alle=` to show all of it."""

    def __init__(self, rows, more=0, key=""):
        super().__init__(rows)
        self.more = more
        self.key = key


def cut(queryset, limit, key) -> Cut:
    """The first `limit` rows of `queryset` (all with None); counted only when there are more."""
    if limit is None:
        return Cut(queryset, 0, key)
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return Cut(rows, 0, key)
    return Cut(rows[:limit], queryset.count() - limit, key)
