"""Families and children: a family known only by its case reference, a child by a first name
or initials and a birth month."""

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from observaties.models.base import TEXT_MAX_LENGTH


class Family(models.Model):
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="families", verbose_name=_("team")
    )
    case_reference = models.CharField(
        _("dossiernummer"),
        max_length=40,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
                _("Gebruik letters, cijfers, punt, streepje of schuine streep, zonder spaties."),
            )
        ],
        help_text=_("Het nummer uit het eigen cliëntdossier. Geen BSN, geen namen."),
    )
    professionals = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="assigned_families",
        blank=True,
        verbose_name=_("betrokken medewerkers"),
    )
    opened_on = models.DateField(_("gestart op"), default=date.today)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    # The family's case in the organisation's case system (ZGW Zaken API), checked there when
    # linked; approved reports are registered with it (observaties.services.deliveries).
    zaak_url = models.URLField(_("zaak in het zaaksysteem"), max_length=1000, blank=True)
    zaak_identification = models.CharField(_("zaakidentificatie"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["case_reference"]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "case_reference"],
                name="unique_case_reference_per_team",
                violation_error_message=_("Dit dossiernummer bestaat al in dit team."),
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="family_closed_after_opened",
                violation_error_message=_("Een gezin kan niet worden afgesloten vóór de start."),
            ),
        ]
        indexes = [models.Index(fields=["team", "closed_on"], name="family_team_closed_idx")]

    def __str__(self):
        return self.case_reference

    @property
    def is_closed(self):
        return self.closed_on is not None


class FamilyReopening(models.Model):
    """A closed family opened again by a team lead within its retention term, and why: kept
    with the family, shown on its page and in a data request, deleted with the family."""

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="reopenings", verbose_name=_("gezin")
    )
    closed_on = models.DateField(_("was afgesloten op"))
    reason = models.TextField(_("reden"), max_length=TEXT_MAX_LENGTH)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("heropend door"),
    )
    reopened_at = models.DateTimeField(_("heropend op"), auto_now_add=True)

    class Meta:
        ordering = ["reopened_at", "pk"]
        verbose_name = _("heropening van een gezin")
        verbose_name_plural = _("heropeningen van gezinnen")

    def __str__(self):
        return f"{self.family} ({self.reopened_at:%Y-%m-%d})"


class Child(models.Model):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="children", verbose_name=_("gezin")
    )
    name = models.CharField(
        _("voornaam of initialen"),
        max_length=40,
        help_text=_("Alleen wat nodig is om het kind in het gezin te herkennen."),
    )
    birth_month = models.DateField(
        _("geboortemaand"), help_text=_("De eerste dag van de geboortemaand.")
    )

    class Meta:
        ordering = ["birth_month", "name"]
        verbose_name = _("kind")
        verbose_name_plural = _("kinderen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birth_month__day=1), name="birth_month_is_first_day"
            ),
        ]

    def __str__(self):
        return self.name

    def age_in_months(self, on):
        """Completed months between the birth month and `on`, as reports state it."""
        return (on.year - self.birth_month.year) * 12 + on.month - self.birth_month.month
