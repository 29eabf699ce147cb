"""What every answer under /api/ carries, whichever layer made it: the API-Version header
(Design Rule /core/version-header), no caching, and an error as problem details, also a 404 for
an address that no view answers (one with a trailing slash, for example) or a 400 that Django
gave before any view ran."""

from django.conf import settings

from api.problems import MEDIA_TYPE, problem_response

API_PREFIX = "/api/"


class ApiResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            MEDIA_TYPE
        ):
            retry_after = response.get("Retry-After")
            response = problem_response(request, response.status_code)
            if retry_after:
                response["Retry-After"] = retry_after
        if response.has_header("Allow"):
            response["Allow"] = "GET"  # the API only reads; DRF would also name OPTIONS
        response["API-Version"] = settings.API_VERSION
        response["Cache-Control"] = "no-store"
        return response
