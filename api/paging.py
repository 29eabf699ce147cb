"""Pages of a list with their links (Design Rules: pagination in `_links`, HAL style)."""

from math import ceil

PAGE_SIZE = 20


class Page:
    LAST_PAGE = 100_000  # beyond any real list; keeps the offset within what databases take

    def __init__(self, request, queryset, number, *, size=PAGE_SIZE):
        self.request = request
        self.number = number
        self.total = queryset.count()
        self.pages = max(1, ceil(self.total / size))
        start = (number - 1) * size
        self.items = list(queryset[start : start + size]) if self.total > start else []

    def _href(self, number):
        query = self.request.query_params.copy()
        query["pagina"] = number
        return {"href": self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")}

    def body(self, name, items):
        links = {"self": self._href(self.number), "first": self._href(1)}
        if self.number > 1:
            links["prev"] = self._href(min(self.number - 1, self.pages))
        if self.number < self.pages:
            links["next"] = self._href(self.number + 1)
        links["last"] = self._href(self.pages)
        return {"_links": links, "totaal": self.total, "_embedded": {name: items}}
