"""Run inside Open Zaak (`manage.py shell < catalogue.py`): the catalogue and the client that
Hechtingswijzer's integration tests need, made once and idempotent.

A published zaaktype cannot be made through the Catalogi API without the external Selectielijst
API, so the catalogue is written with Open Zaak's own models, as its test factories do. Prints one
line of JSON with the UUIDs the tests use.
"""

import json
import os
from datetime import date, timedelta

from openzaak.components.catalogi.models import (
    Catalogus,
    InformatieObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from vng_api_common.authorizations.models import Applicatie
from vng_api_common.models import JWTSecret

CLIENT_ID = os.environ["OPENZAAK_CLIENT_ID"]
SECRET = os.environ["OPENZAAK_SECRET"]
RSIN = "002220647"  # a valid RSIN (11-test) for the fictional organisation

catalogus, _ = Catalogus.objects.get_or_create(
    domein="HECHT",
    rsin=RSIN,
    defaults={
        "naam": "Hechtingswijzer test",
        "contactpersoon_beheer_naam": "Beheer (fictief)",
        "contactpersoon_beheer_telefoonnummer": "0612345678",
        "contactpersoon_beheer_emailadres": "beheer@example.com",
    },
)
zaaktype, _ = ZaakType.objects.get_or_create(
    catalogus=catalogus,
    identificatie="HECHT-JEUGD",
    defaults={
        "zaaktype_omschrijving": "Ondersteuning jeugd en gezin",
        "doel": "Ondersteuning van een gezin met jonge kinderen (fictief, voor tests).",
        "aanleiding": "Vraag van een gezin (fictief).",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "aanvragen",
        "onderwerp": "Jeugd en gezin",
        "handeling_behandelaar": "behandelen",
        "doorlooptijd_behandeling": timedelta(days=365),
        "opschorting_en_aanhouding_mogelijk": False,
        "verlenging_mogelijk": False,
        "publicatie_indicatie": False,
        "referentieproces_naam": "Jeugdhulp",
        "producten_of_diensten": ["https://example.com/product/jeugd"],
        "datum_begin_geldigheid": date(2024, 1, 1),
        "versiedatum": date(2024, 1, 1),
        "selectielijst_procestype_jaar": 2020,
        "verantwoordelijke": "100000000",
        "vertrouwelijkheidaanduiding": "vertrouwelijk",
        "concept": False,
    },
)
types = {}
for key, omschrijving, vertrouwelijkheid in (
    ("rapport", "Observatierapport Hechtingswijzer", "vertrouwelijk"),
    ("blad", "Blad voor de ouder", "vertrouwelijk"),
    ("veiligheid", "Vertrouwelijk deel veiligheid", "geheim"),
):
    iotype, _ = InformatieObjectType.objects.get_or_create(
        catalogus=catalogus,
        omschrijving=omschrijving,
        defaults={
            "informatieobjectcategorie": "rapport",
            "datum_begin_geldigheid": date(2024, 1, 1),
            "vertrouwelijkheidaanduiding": vertrouwelijkheid,
            "concept": False,
        },
    )
    ZaakTypeInformatieObjectType.objects.get_or_create(
        zaaktype=zaaktype,
        informatieobjecttype=iotype,
        defaults={"volgnummer": len(types) + 1, "richting": "intern"},
    )
    types[key] = str(iotype.uuid)
JWTSecret.objects.update_or_create(identifier=CLIENT_ID, defaults={"secret": SECRET})
applicatie = Applicatie.objects.filter(client_ids__contains=[CLIENT_ID]).first()
if applicatie is None:
    Applicatie.objects.create(
        client_ids=[CLIENT_ID], label="Hechtingswijzer (test)", heeft_alle_autorisaties=True
    )
print(
    json.dumps(
        {
            "catalogus": str(catalogus.uuid),
            "zaaktype": str(zaaktype.uuid),
            "informatieobjecttypen": types,
            "rsin": RSIN,
        }
    )
)
