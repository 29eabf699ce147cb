"""The organisation's case system: which ZGW services, which catalogue types, which
confidentiality. One row, kept by the functional admin; without it nothing is sent anywhere."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from solo.models import SingletonModel
from zgw_consumers.constants import APITypes
from zgw_consumers.models import Service


class Confidentiality(models.TextChoices):
    """The ZGW `vertrouwelijkheidaanduiding`, from open to most secret."""

    OPENBAAR = "openbaar", _("openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("beperkt openbaar")
    INTERN = "intern", _("intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("confidentieel")
    GEHEIM = "geheim", _("geheim")
    ZEER_GEHEIM = "zeer_geheim", _("zeer geheim")

    @classmethod
    def rank(cls, value):
        return cls.values.index(value)


def validate_rsin(value):
    """An RSIN is nine digits that pass the eleven test (as a BSN does)."""
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    if total % 11:
        raise ValidationError(_("Dit is geen geldig RSIN: de elfproef klopt niet."))


class CaseSystem(SingletonModel):
    zaken_service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"api_type": APITypes.zrc},
        verbose_name=_("Zaken API"),
    )
    documenten_service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"api_type": APITypes.drc},
        verbose_name=_("Documenten API"),
    )
    rsin = models.CharField(
        _("RSIN van de organisatie"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("Een RSIN is negen cijfers.")), validate_rsin],
        help_text=_("De bronorganisatie van de documenten en de zaken."),
    )
    identification_prefix = models.CharField(
        _("begin van de documentidentificatie"),
        max_length=10,
        default="HW",
        validators=[
            RegexValidator(r"^[A-Za-z0-9]+$", _("Alleen letters en cijfers, zonder spaties."))
        ],
        help_text=_(
            "Elk document krijgt de identificatie ‘begin-observatie-soort’, bijvoorbeeld "
            "HW-12-rapport. Geef een testomgeving een ander begin dan de productie."
        ),
    )
    report_type = models.URLField(
        _("informatieobjecttype observatierapport"), max_length=1000, blank=True
    )
    report_confidentiality = models.CharField(
        _("vertrouwelijkheid observatierapport"),
        max_length=20,
        choices=Confidentiality,
        default=Confidentiality.VERTROUWELIJK,
    )
    parent_sheet_type = models.URLField(
        _("informatieobjecttype blad voor de ouder"),
        max_length=1000,
        blank=True,
        help_text=_("Leeg: het blad voor de ouder wordt niet in het zaaksysteem gezet."),
    )
    parent_sheet_confidentiality = models.CharField(
        _("vertrouwelijkheid blad voor de ouder"),
        max_length=20,
        choices=Confidentiality,
        default=Confidentiality.VERTROUWELIJK,
    )
    register_safety = models.BooleanField(
        _("vertrouwelijk deel over de veiligheid ook registreren"),
        default=False,
        help_text=_(
            "Uit: het vertrouwelijke deel blijft alleen in de Hechtingswijzer (de route van de "
            "meldcode). Aan: het wordt een eigen document met een eigen type."
        ),
    )
    safety_type = models.URLField(
        _("informatieobjecttype vertrouwelijk deel veiligheid"), max_length=1000, blank=True
    )
    safety_confidentiality = models.CharField(
        _("vertrouwelijkheid vertrouwelijk deel veiligheid"),
        max_length=20,
        choices=Confidentiality,
        default=Confidentiality.GEHEIM,
        help_text=_(
            "Hoger dan die van het rapport. Geldt ook voor een ouder rapport waarin het "
            "vertrouwelijke deel nog staat."
        ),
    )

    class Meta:
        verbose_name = _("koppeling met het zaaksysteem")

    def __str__(self):
        return str(_("Koppeling met het zaaksysteem"))

    @classmethod
    def configured(cls) -> "CaseSystem | None":
        """The settings with their services, when reports are to be registered; else None.
        Reads only: unlike `get_solo`, it never creates the row."""
        found = (
            cls.objects.select_related("zaken_service", "documenten_service")
            .filter(pk=cls.singleton_instance_id)
            .first()
        )
        return found if found is not None and found.is_configured else None

    @property
    def is_configured(self) -> bool:
        """True when reports are to be registered: both services, the RSIN and the report's
        type are set."""
        return bool(
            self.zaken_service_id and self.documenten_service_id and self.rsin and self.report_type
        )

    def clean(self):
        errors = {}
        if Confidentiality.rank(self.safety_confidentiality) <= Confidentiality.rank(
            self.report_confidentiality
        ):
            errors["safety_confidentiality"] = _(
                "Kies voor het vertrouwelijke deel een hogere vertrouwelijkheid dan voor het "
                "rapport."
            )
        if self.register_safety and not self.safety_type:
            errors["safety_type"] = _(
                "Kies het informatieobjecttype van het vertrouwelijke deel, of zet registreren uit."
            )
        partly = [self.zaken_service_id, self.documenten_service_id, self.rsin, self.report_type]
        if any(partly) and not all(partly):
            errors["__all__"] = _(
                "Vul de Zaken API, de Documenten API, het RSIN en het type van het rapport alle "
                "vier in, of laat ze alle vier leeg (dan wordt niets verstuurd)."
            )
        if errors:
            raise ValidationError(errors)
