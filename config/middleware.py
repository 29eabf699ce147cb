"""The health check answered before anything looks at the host name or the scheme."""

from functools import cache

from django.core.exceptions import SuspiciousOperation
from django.urls import reverse

from config.views import health


@cache
def _health_path():
    return reverse("health")


class HealthCheckMiddleware:
    """A load balancer probes each app server directly, over plain HTTP and by its address:
    neither is in ALLOWED_HOSTS or HTTPS, so further down the request would be refused (400) or
    redirected (301). The answer says only whether the database responds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == _health_path():
            return health(request)
        return self.get_response(request)


class NulCharacterMiddleware:
    """A NUL character in the path or the query string is refused with the 400 page: no page
    needs one, and PostgreSQL refuses it in a query, which would otherwise be a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise SuspiciousOperation("NUL character in the request")
        return self.get_response(request)
