from django.conf import settings


def organisation(request):
    return {"organisation_name": settings.ORGANISATION_NAME}
