"""The request being answered, for the receivers that log changes to accounts and rights: model
signals carry no request, and the log needs who did it and from where."""

from contextvars import ContextVar

_current_request = ContextVar("hechtingswijzer_request", default=None)


def current_request():
    return _current_request.get()


def acting_user():
    """The signed-in user making the current request, or None (management commands, shell)."""
    request = current_request()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
