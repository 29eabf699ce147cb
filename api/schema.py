"""The OpenAPI document of the read API, by the Dutch API Design Rules: the shapes of its JSON
(built in `representations`), the API-Version header on every answer, problem details for every
error, and the client's bearer credential."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers

from api.paging import Page

PROBLEM = "Probleem"


class Schema(AutoSchema):
    pass


class ClientCredentialScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ClientCredential"
    name = "clientSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "De sleutel die functioneel beheer eenmalig gaf bij het registreren van de "
                "client (hw_…)."
            ),
        }


def _named(name):
    return extend_schema_serializer(component_name=name)


@_named("Link")
class Link(serializers.Serializer):
    href = serializers.URLField()


@_named("Code")
class Coded(serializers.Serializer):
    code = serializers.CharField()
    omschrijving = serializers.CharField()


@_named("CodeGetal")
class CodedNumber(serializers.Serializer):
    code = serializers.IntegerField()
    omschrijving = serializers.CharField()


@_named("Kind")
class Child(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField(help_text="Voornaam of initialen.")
    geboortemaand = serializers.RegexField(r"^\d{4}-\d{2}$", help_text="Jaar en maand, JJJJ-MM.")


@_named("GezinLinks")
class FamilyLinks(serializers.Serializer):
    self = Link()
    observaties = Link()


@_named("Gezin")
class Family(serializers.Serializer):
    id = serializers.IntegerField()
    dossiernummer = serializers.CharField()
    team = serializers.CharField()
    startDatum = serializers.DateField()
    afsluitDatum = serializers.DateField(allow_null=True)
    zaakidentificatie = serializers.CharField(allow_null=True)
    kinderen = Child(many=True)
    _links = FamilyLinks()


@_named("PaginaLinks")
class PageLinks(serializers.Serializer):
    self = Link()
    first = Link()
    prev = Link(required=False)
    next = Link(required=False)
    last = Link()


@_named("GezinnenEmbedded")
class FamiliesEmbedded(serializers.Serializer):
    gezinnen = Family(many=True)


@_named("GezinnenPagina")
class FamilyPage(serializers.Serializer):
    _links = PageLinks()
    totaal = serializers.IntegerField()
    _embedded = FamiliesEmbedded()


@_named("Antwoord")
class Answer(serializers.Serializer):
    code = serializers.IntegerField(help_text="De plaats op de schaal.")
    omschrijving = serializers.CharField()
    geenGelegenheid = serializers.BooleanField()


@_named("Gedragsitem")
class Item(serializers.Serializer):
    code = serializers.CharField()
    gedrag = serializers.CharField()
    antwoord = Answer(allow_null=True)
    toelichting = serializers.CharField(allow_blank=True)


@_named("OordeelPassend")
class FitJudgement(serializers.Serializer):
    code = serializers.CharField()
    soort = Coded(help_text="passend: de reacties van de ouder; kind: de signalen van het kind.")
    vraag = serializers.CharField()
    oordeel = Coded(allow_null=True, help_text="Nooit opgeteld tot een score.")
    pasteNiet = Coded(many=True, help_text="Wat niet paste: opdringerig, hard, beangstigend.")
    toelichting = serializers.CharField(allow_blank=True)


@_named("Voorwaarde")
class Condition(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    items = Item(many=True)
    oordelen = FitJudgement(
        many=True,
        help_text="Vanaf checklistversie 4: passend reageren en de signalen van het kind.",
    )
    reflectie = serializers.CharField(allow_blank=True)
    werkpunt = Coded(allow_null=True)


@_named("Opvoeder")
class CaregiverEntry(serializers.Serializer):
    relatie = Coded()
    dagenPerWeek = serializers.FloatField(allow_null=True)
    toelichting = serializers.CharField(allow_blank=True)


@_named("WisselingVanOpvoeders")
class CaregiverChange(serializers.Serializer):
    wat = serializers.CharField()
    oorzaak = Coded()
    buitenDeInvloedVanDeOuder = serializers.BooleanField()
    maand = serializers.RegexField(r"^\d{4}-\d{2}$", allow_null=True)


@_named("Wie")
class Who(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    omschrijving = serializers.CharField()


@_named("Afspraak")
class Agreement(serializers.Serializer):
    wat = serializers.CharField()
    wie = Who()
    uiterlijkDatum = serializers.DateField(
        allow_null=True, help_text="Leeg: bij het volgende bezoek."
    )


@_named("Randvoorwaarde")
class StressFactor(serializers.Serializer):
    code = serializers.CharField()
    omschrijving = serializers.CharField()
    antwoord = Coded(allow_null=True)
    toelichting = serializers.CharField(allow_blank=True)
    gedeeldMetDeOuder = serializers.BooleanField()
    alInGangDoor = serializers.CharField(allow_blank=True)
    actie = Agreement(allow_null=True)


@_named("EerdereAfspraak")
class EarlierAgreement(Agreement):
    afgesprokenOpDatum = serializers.DateField()


@_named("Opvolging")
class FollowUp(serializers.Serializer):
    afspraak = EarlierAgreement()
    uitkomst = Coded()
    toelichting = serializers.CharField(allow_blank=True)


@_named("Persoon")
class Person(serializers.Serializer):
    naam = serializers.CharField()
    functie = serializers.CharField(allow_blank=True)


@_named("ObservatieKind")
class ObservedChild(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    leeftijdInMaanden = serializers.IntegerField()


@_named("Intrekking")
class Withdrawal(serializers.Serializer):
    ingetrokkenOp = serializers.DateTimeField()
    reden = serializers.CharField(help_text="Wat er niet klopte, in de woorden van de organisatie.")


@_named("Checklistversie")
class Version(serializers.Serializer):
    versienummer = serializers.IntegerField()
    opbouw = CodedNumber()
    intrekking = Withdrawal(
        allow_null=True,
        help_text="Gevuld als de organisatie de versie heeft ingetrokken; het rapport blijft "
        "zoals het is goedgekeurd.",
    )


@_named("ObservatieLinks")
class ObservationLinks(serializers.Serializer):
    self = Link()
    gezin = Link()
    rapport = Link()
    samenvatting = Link()


@_named("Observatie")
class Observation(serializers.Serializer):
    id = serializers.IntegerField()
    bezoekDatum = serializers.DateField()
    kind = ObservedChild()
    opvoeder = Coded()
    situatie = Coded()
    checklistversie = Version()
    voorwaarden = Condition(many=True)
    opvoedersInEenGewoneWeek = CaregiverEntry(many=True)
    netwerkNagelopen = Coded(
        allow_null=True, help_text="Of het netwerk bij dit bezoek met de ouder is nagelopen."
    )
    wisselingenVanOpvoeders = CaregiverChange(many=True)
    randvoorwaarden = StressFactor(many=True)
    afspraken = Agreement(many=True)
    opvolgingVanEerdereAfspraken = FollowUp(many=True)
    conclusie = serializers.CharField(allow_blank=True)
    volgendContactDatum = serializers.DateField(allow_null=True)
    besprokenMetDeOuderDatum = serializers.DateField(allow_null=True)
    reactieVanDeOuder = serializers.CharField(allow_blank=True)
    waargenomenDoor = Person()
    goedgekeurdDoor = Person(allow_null=True)
    goedgekeurdOp = serializers.DateTimeField(allow_null=True)
    _links = ObservationLinks()


@_named("ObservatiesEmbedded")
class ObservationsEmbedded(serializers.Serializer):
    observaties = Observation(many=True)


@_named("ObservatiesPagina")
class ObservationPage(serializers.Serializer):
    _links = PageLinks()
    totaal = serializers.IntegerField()
    _embedded = ObservationsEmbedded()


_PAGE = OpenApiParameter(
    "pagina",
    {"type": "integer", "minimum": 1, "maximum": Page.LAST_PAGE},
    description="Het nummer van de pagina, vanaf 1 (20 per pagina).",
)
_ID = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}, location=OpenApiParameter.PATH
)

FAMILY_LIST = {
    "operation_id": "gezinnenLijst",
    "summary": "De gezinnen van de teams van de client",
    "description": "Op dossiernummer, of per pagina; afgesloten gezinnen staan erbij.",
    "tags": ["gezinnen"],
    "parameters": [
        OpenApiParameter(
            "dossiernummer",
            {"type": "string", "maxLength": 40, "pattern": r"^[A-Za-z0-9][A-Za-z0-9._/-]*$"},
            description="Het dossiernummer uit het eigen cliëntdossier (exact).",
        ),
        _PAGE,
    ],
    "responses": {200: FamilyPage},
}
FAMILY_DETAIL = {
    "operation_id": "gezinOpvragen",
    "summary": "Eén gezin",
    "tags": ["gezinnen"],
    "parameters": [_ID],
    "responses": {200: Family},
}
FAMILY_OBSERVATIONS = {
    "operation_id": "gezinObservatiesLijst",
    "summary": "De goedgekeurde observaties van een gezin",
    "description": "Nieuwste bezoek eerst. Concepten en ingediende of teruggestuurde "
    "observaties staan er nooit in.",
    "tags": ["observaties"],
    "parameters": [_ID, _PAGE],
    "responses": {200: ObservationPage},
}
OBSERVATION_DETAIL = {
    "operation_id": "observatieOpvragen",
    "summary": "Eén goedgekeurde observatie",
    "tags": ["observaties"],
    "parameters": [_ID],
    "responses": {200: Observation},
}
OBSERVATION_SUMMARY = {
    "operation_id": "observatieSamenvatting",
    "summary": "De observatie in platte tekst",
    "description": "Voor een dossier dat alleen vrije tekst aanneemt. Dezelfde inhoud als de "
    "observatie in JSON.",
    "tags": ["observaties"],
    "parameters": [_ID],
    "responses": {(200, "text/plain"): OpenApiTypes.STR},
}
OBSERVATION_REPORT = {
    "operation_id": "observatieRapport",
    "summary": "Het gearchiveerde rapport (PDF)",
    "description": "Precies de bytes die bij de goedkeuring zijn gearchiveerd, met hun SHA-256 "
    "in de header Repr-Digest (RFC 9530). Een rapport van vóór het vertrouwelijke deel een "
    "eigen document werd, dat dat deel nog bevat, wordt geweigerd (403).",
    "tags": ["observaties"],
    "parameters": [_ID],
    "responses": {(200, "application/pdf"): OpenApiTypes.BINARY},
}

# Errors each kind of operation can answer, besides what every operation can (401, 406, 429).
_EXTRA_ERRORS = {
    "observatieRapport": {
        403: "Het rapport bevat het vertrouwelijke deel over de veiligheid.",
        409: "Het gearchiveerde document is niet meer wat is goedgekeurd.",
    }
}
_ERRORS = {
    400: "Een parameter klopt niet (zie invalidParams).",
    401: "Geen, een onbekende of een ingetrokken sleutel.",
    404: "Niet gevonden, of niet van de teams van deze client.",
    406: "Dit formaat is er niet.",
    429: "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}
_SUCCESS = {
    "gezinnenLijst": "Een pagina gezinnen.",
    "gezinOpvragen": "Het gezin.",
    "gezinObservatiesLijst": "Een pagina goedgekeurde observaties, nieuwste eerst.",
    "observatieOpvragen": "De observatie.",
    "observatieSamenvatting": "De samenvatting als platte tekst (UTF-8).",
    "observatieRapport": "De PDF, met Repr-Digest: sha-256=:…: (base64).",
}
_VERSION_HEADER = {
    "API-Version": {
        "required": True,
        "description": "De volledige versie van de API.",
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
}


def _problem_schema():
    return {
        "type": "object",
        "description": "Problem details (RFC 9457).",
        "required": ["status", "title", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "invalidParams": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "reason"],
                    "properties": {
                        "name": {"type": "string"},
                        "code": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
        },
    }


def design_rules(result, generator, request, public):
    """Add what the Design Rules ask of every operation: the version header on each answer,
    and its errors as problem details."""
    result["components"]["schemas"][PROBLEM] = _problem_schema()
    problem = {"application/problem+json": {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}}
    for operations in result["paths"].values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            errors = {code: _ERRORS[code] for code in (401, 406, 429)}
            if any(p["in"] == "path" for p in parameters):
                errors[404] = _ERRORS[404]
            if parameters:
                errors[400] = _ERRORS[400]
            errors.update(_EXTRA_ERRORS.get(operation["operationId"], {}))
            responses = operation["responses"]
            for code, description in sorted(errors.items()):
                responses[str(code)] = {"description": description, "content": problem}
            for response in responses.values():
                if not response.get("description"):
                    response["description"] = _SUCCESS.get(operation["operationId"], "OK")
                response.setdefault("headers", {}).update(_VERSION_HEADER)
    return result
