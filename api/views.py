"""The read API (docs/api.md): a client's families, their approved observations, an
observation's archived report and a plain-text summary. Read only; every read is logged."""

import base64

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import api_view, renderer_classes
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from api import representations, schema, selectors
from api.access_log import logged_read, logged_reads, logged_refusal
from api.paging import Page
from api.summary import observation_text
from audit.log import Action, stored_id
from observaties.documents import archive

SAFETY_PART_PROBLEM = "https://hechtingswijzer.nl/api/problemen/rapport-met-veiligheidsdeel"
ALTERED_PROBLEM = "https://hechtingswijzer.nl/api/problemen/document-gewijzigd"


# A case reference as families are given one (observaties.models.Family.case_reference).
CASE_REFERENCE = r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"


class PdfRenderer(BaseRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None


class PlainTextRenderer(BaseRenderer):
    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"


class FamilyQuery(serializers.Serializer):
    dossiernummer = serializers.RegexField(
        CASE_REFERENCE, required=False, max_length=40, allow_blank=False
    )
    pagina = serializers.IntegerField(required=False, min_value=1, max_value=Page.LAST_PAGE)


class PageQuery(serializers.Serializer):
    pagina = serializers.IntegerField(required=False, min_value=1, max_value=Page.LAST_PAGE)


def _query(serializer_class, request):
    # A plain dict: DRF would read an empty value in a QueryDict as "not given".
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data


def _id(value):
    """The number in the path; a 400 with what is wrong for anything else."""
    number = stored_id(value) if str(value).isdigit() else None
    if number is None:
        raise exceptions.ValidationError(
            {"id": [_("Geef het nummer als een geheel getal groter dan 0.")]}
        )
    return number


class Refused(exceptions.NotFound):
    """Not there, or not for this client: the same answer either way."""


def _family(request, pk, *, target):
    pk = _id(pk)
    family = selectors.family_for(request.auth, pk)
    if family is None:
        logged_refusal(request, Action.VIEW, target=target, family_id=pk)
        raise Refused
    return family


def _observation(request, pk, *, action, target):
    pk = _id(pk)
    observation = selectors.approved_observations(request.auth).filter(pk=pk).first()
    if observation is None:
        logged_refusal(request, action, target=target, observation_id=pk)
        raise Refused
    return observation


@extend_schema(**schema.FAMILY_LIST)
@api_view(["GET"])
def family_list(request):
    query = _query(FamilyQuery, request)
    families = selectors.families_for(request.auth).prefetch_related("children")
    if "dossiernummer" in query:
        families = families.filter(case_reference=query["dossiernummer"])
    page = Page(request, families.order_by("case_reference", "pk"), query.get("pagina", 1))
    logged_reads(request, target="api:gezinnen", families=page.items)
    return Response(page.body("gezinnen", [representations.family(request, f) for f in page.items]))


@extend_schema(**schema.FAMILY_DETAIL)
@api_view(["GET"])
def family_detail(request, id):
    family = _family(request, id, target="api:gezin")
    logged_read(request, Action.VIEW, family=family, target="api:gezin")
    return Response(representations.family(request, family))


@extend_schema(**schema.FAMILY_OBSERVATIONS)
@api_view(["GET"])
def family_observations(request, id):
    query = _query(PageQuery, request)
    family = _family(request, id, target="api:observaties")
    observations = selectors.approved_observations(request.auth).filter(child__family=family)
    page = Page(request, observations, query.get("pagina", 1))
    logged_reads(request, target="api:observatie", observations=page.items)
    return Response(
        page.body("observaties", [representations.observation(request, o) for o in page.items])
    )


@extend_schema(**schema.OBSERVATION_DETAIL)
@api_view(["GET"])
def observation_detail(request, id):
    observation = _observation(request, id, action=Action.VIEW, target="api:observatie")
    logged_read(request, Action.VIEW, observation=observation, target="api:observatie")
    return Response(representations.observation(request, observation))


@extend_schema(**schema.OBSERVATION_SUMMARY)
@api_view(["GET"])
@renderer_classes([PlainTextRenderer])
def observation_summary(request, id):
    observation = _observation(request, id, action=Action.VIEW, target="api:samenvatting")
    text = observation_text(representations.observation(request, observation))
    logged_read(request, Action.VIEW, observation=observation, target="api:samenvatting")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@extend_schema(**schema.OBSERVATION_REPORT)
@api_view(["GET"])
@renderer_classes([PdfRenderer])
def observation_report(request, id):
    """The archived report's bytes, the same the page serves, with their SHA-256."""
    observation = _observation(request, id, action=Action.DOWNLOAD, target="api:rapport")
    document = selectors.report_for(observation)
    target = f"api:archief:{document.pk}"
    if selectors.report_holds_safety(document):
        logged_refusal(request, Action.DOWNLOAD, target=target, observation_id=observation.pk)
        raise _problem(
            exceptions.PermissionDenied,
            _(
                "Dit rapport is gearchiveerd toen het vertrouwelijke deel over de veiligheid van "
                "het kind nog in het rapport stond. Dat deel gaat niet via deze API: het volgt de "
                "route van de meldcode. Vraag het rapport op bij het team van het gezin."
            ),
            SAFETY_PART_PROBLEM,
        )
    try:
        archive.verified(document)
    except archive.AlteredDocument:
        logged_refusal(request, Action.DOWNLOAD, target=target, observation_id=observation.pk)
        raise _problem(
            exceptions.APIException,
            _(
                "Het gearchiveerde rapport is niet meer wat is goedgekeurd; er is niets "
                "verstuurd. De beheerder is gewaarschuwd."
            ),
            ALTERED_PROBLEM,
            status=409,
        ) from None
    logged_read(request, Action.DOWNLOAD, observation=observation, target=target)
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    digest = base64.b64encode(bytes.fromhex(document.sha256)).decode()
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response


def _problem(kind, detail, problem_type, *, status=None):
    error = kind(detail)
    error.problem_type = problem_type
    if status is not None:
        error.status_code = status
    return error
