"""What a page writes to the access log is declared once per view (`access_log.logged`): every
page with client data has the declaration, and a declared view that does not say what it showed
is refused instead of logging too little."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern

from config.urls import urlpatterns as project_patterns
from observaties.access_log import NAMED_OBJECT, Shown, logged, shown
from observaties.urls import urlpatterns

# Files log their download or export in their own view; sending a document
# to the case system again only redirects.
DOWNLOADS = {
    "observation-pdf",
    "observation-safety-pdf",
    "archived-document",
    "child-pdf",
    "parent-sheet-pdf",
    "family-export",
    "team-overview-csv",
}
REDIRECT_ONLY = {"delivery-retry"}
PAGES = (set(NAMED_OBJECT) | {"family-list", "home"}) - DOWNLOADS - REDIRECT_ONLY


def _declared(view):
    while view is not None:
        if getattr(view, "access_logged", False):
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_every_page_with_client_data_declares_what_it_logs():
    views = {
        pattern.name: pattern.callback
        for pattern in [*urlpatterns, *project_patterns]
        if isinstance(pattern, URLPattern)
    }
    assert set(views) >= PAGES
    assert sorted(name for name in PAGES if not _declared(views[name])) == []


@pytest.mark.django_db
def test_a_page_that_does_not_say_what_it_showed_is_an_error(professional):
    @logged("family-detail")
    def forgetful(request):
        return HttpResponse("Gezin NRD-0001")

    @logged("family-list")
    def careful(request):
        return shown(HttpResponse("Gezinnen"), Shown())

    request = RequestFactory().get("/")
    request.user = professional
    with pytest.raises(ImproperlyConfigured, match="does not say what its page shows"):
        forgetful(request)
    assert careful(request).status_code == 200
