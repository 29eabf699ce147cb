"""What every answer under /api/ carries, whoever made it: the API-Version header (Design Rule
/core/version-header), no caching, and a 404 as problem details, also for an address that no
view answers (one with a trailing slash, for example)."""

from django.conf import settings

from api.problems import problem_response

API_PREFIX = "/api/"


class ApiResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code == 404 and not response.get("Content-Type", "").startswith(
            "application/problem+json"
        ):
            response = problem_response(request, 404)
        response["API-Version"] = settings.API_VERSION
        response["Cache-Control"] = "no-store"
        return response
