"""Concerns about a child's safety along the meldcode, their part per visit, and the team lead's
notes on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observaties.models.base import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, choice_label
from observaties.models.dossiers import Child
from observaties.models.observations import Observation


class SafetyConcern(models.Model):
    """A professional's concern about a child's safety (signals of domestic violence or child
    abuse), followed along the organisation's meldcode from the visit that raised it until the
    professional records a closing decision; it stays open across observations until then.

    Confidential: kept apart from the behaviour items, never averaged, trended or summarised,
    never on anything for the parent; every view, download and change is in the access log.
    The product records and reminds; it never decides or reports to anyone.
    """

    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="safety_concerns", verbose_name=_("kind")
    )
    opened_in = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vastgelegd bij observatie"),
    )
    opened_on = models.DateField(_("open sinds"))
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closed_in = models.ForeignKey(
        Observation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgesloten bij observatie"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["opened_on", "pk"]
        verbose_name = _("zorg over de veiligheid")
        verbose_name_plural = _("zorgen over de veiligheid")
        indexes = [models.Index(fields=["child", "closed_on"], name="concern_child_closed_idx")]

    def __str__(self):
        return _("Zorg over de veiligheid sinds %(date)s") % {"date": self.opened_on.isoformat()}

    @property
    def is_open(self):
        return self.closed_on is None


class SafetyAssessment(models.Model):
    """Where a safety concern stood at one observation: the signals, the meldcode step reached,
    the consultation and, from step 4, the afwegingskader's five questions and the decision."""

    class Answer(models.TextChoices):
        YES = "ja", _("ja")
        NO = "nee", _("nee")

    class Decision(models.TextChoices):
        HELP = "hulp", _("hulp geboden of georganiseerd")
        REPORTED = "melding", _("gemeld bij Veilig Thuis")
        CLOSED = "afgesloten", _("afgesloten")

    QUESTIONS = range(1, 6)
    # At the meldcode's last step the professional decides: hand-in needs the decision.
    DECIDING_STEP = 5

    concern = models.ForeignKey(
        SafetyConcern,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("zorg over de veiligheid"),
    )
    observation = models.OneToOneField(
        Observation,
        on_delete=models.CASCADE,
        related_name="safety_assessment",
        verbose_name=_("observatie"),
    )
    signals = models.TextField(_("signalen"), max_length=TEXT_MAX_LENGTH, blank=True)
    step = models.PositiveSmallIntegerField(_("stap van de meldcode"), null=True, blank=True)
    step_on = models.DateField(_("stap bereikt op"), null=True, blank=True)
    consulted = models.CharField(
        _("overlegd met"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘aandachtsfunctionaris’ of ‘Veilig Thuis (advies)’."),
    )
    consulted_on = models.DateField(_("overlegd op"), null=True, blank=True)
    answer_1 = models.CharField(_("afweging 1"), max_length=3, choices=Answer, blank=True)
    answer_1_on = models.DateField(_("afweging 1 op"), null=True, blank=True)
    answer_2 = models.CharField(_("afweging 2"), max_length=3, choices=Answer, blank=True)
    answer_2_on = models.DateField(_("afweging 2 op"), null=True, blank=True)
    answer_3 = models.CharField(_("afweging 3"), max_length=3, choices=Answer, blank=True)
    answer_3_on = models.DateField(_("afweging 3 op"), null=True, blank=True)
    answer_4 = models.CharField(_("afweging 4"), max_length=3, choices=Answer, blank=True)
    answer_4_on = models.DateField(_("afweging 4 op"), null=True, blank=True)
    answer_5 = models.CharField(_("afweging 5"), max_length=3, choices=Answer, blank=True)
    answer_5_on = models.DateField(_("afweging 5 op"), null=True, blank=True)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision, blank=True)
    decision_on = models.DateField(_("besluit op"), null=True, blank=True)
    decision_note = models.TextField(
        _("toelichting bij het besluit"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Verplicht bij afsluiten: waarom, bijvoorbeeld ‘geen zorg na overleg’."),
    )

    class Meta:
        verbose_name = _("stand van een zorg over de veiligheid")
        verbose_name_plural = _("stand van zorgen over de veiligheid")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(step__isnull=True) | models.Q(step__gte=1, step__lte=5),
                name="assessment_step_one_to_five",
            ),
        ]

    def __str__(self):
        return str(self.concern)

    @property
    def answers(self):
        """(number, answer, date) for the five questions of the afwegingskader."""
        return [
            (number, getattr(self, f"answer_{number}"), getattr(self, f"answer_{number}_on"))
            for number in self.QUESTIONS
        ]

    @property
    def closes(self):
        return self.decision == self.Decision.CLOSED

    def get_decision_display(self):
        return choice_label(self.Decision, self.decision) if self.decision else ""


class SafetyNote(models.Model):
    """A team lead's note on a safety concern, with who wrote it and when."""

    concern = models.ForeignKey(
        SafetyConcern,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("zorg over de veiligheid"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    text = models.TextField(_("notitie"), max_length=NOTE_MAX_LENGTH)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("notitie bij een zorg over de veiligheid")
        verbose_name_plural = _("notities bij zorgen over de veiligheid")

    def __str__(self):
        return str(self.concern)
