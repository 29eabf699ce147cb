"""Concerns about a child's safety along the meldcode, their part per visit, and the team lead's
notes on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observaties.models.base import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, choice_label
from observaties.models.dossiers import Child
from observaties.models.observations import Observation

# Where the safety part is shown or printed: what "confidential" means in practice (the sources
# for the parents' right to see the file and its exceptions are in docs/security.md).
CONFIDENTIAL = _(
    "Vertrouwelijk. Dit deel wordt niet aan de ouder meegegeven of gestuurd, en staat niet in het "
    "rapport. Wil een ouder het dossier inzien, dan gaat dat via de inzageprocedure van de "
    "organisatie; de wet geeft ouders dat recht, met uitzonderingen."
)


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
    the consultations recorded at this visit, the conversation with the parent (step 3), from
    step 4 the afwegingskader's five questions, and the decision of step 5."""

    class Answer(models.TextChoices):
        YES = "ja", _("ja")
        NO = "nee", _("nee")

    class Decision(models.TextChoices):
        HELP = "hulp", _("hulp geboden of georganiseerd")
        REPORTED = "melding", _("gemeld bij Veilig Thuis")
        HELP_AND_REPORT = (
            "hulp-en-melding",
            _("hulp geboden of georganiseerd én gemeld bij Veilig Thuis"),
        )
        CLOSED = "afgesloten", _("afgesloten")

    class TalkSkipped(models.TextChoices):
        """The reasons the basismodel meldcode allows for not talking with the parent (step 3)."""

        CHILD = "veiligheid-kind", _("het gesprek brengt de veiligheid van het kind in gevaar")
        OTHERS = (
            "veiligheid-anderen",
            _("het gesprek brengt de veiligheid van mij of van een ander in gevaar"),
        )
        CONTACT = "contact", _("ik verwacht dat de ouder door het gesprek het contact verbreekt")

    QUESTIONS = range(1, 6)
    # At the meldcode's last step the professional decides: hand-in needs the decision.
    DECIDING_STEP = 5
    # From this step on, the conversation with the parent took place or was skipped for a reason.
    TALK_STEP = 3
    REPORTS = (Decision.REPORTED, Decision.HELP_AND_REPORT)

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
    injury = models.CharField(
        _("blauwe plek of ander letsel"), max_length=3, choices=Answer, blank=True
    )
    mobile = models.CharField(
        _("beweegt zich zelf voort (rollen, kruipen, lopen)"),
        max_length=3,
        choices=Answer,
        blank=True,
    )
    step = models.PositiveSmallIntegerField(_("stap van de meldcode"), null=True, blank=True)
    step_on = models.DateField(_("stap bereikt op"), null=True, blank=True)
    talk_on = models.DateField(_("gesprek met de ouder op"), null=True, blank=True)
    talk_note = models.TextField(
        _("wat kwam uit het gesprek"), max_length=NOTE_MAX_LENGTH, blank=True
    )
    talk_skipped = models.CharField(
        _("gesprek niet gevoerd, omdat"), max_length=20, choices=TalkSkipped, blank=True
    )
    talk_skipped_note = models.TextField(
        _("toelichting: waarom geen gesprek"), max_length=NOTE_MAX_LENGTH, blank=True
    )
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
    decided_by = models.CharField(
        _("besluit genomen door"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘ik, samen met de aandachtsfunctionaris’."),
    )
    decision_note = models.TextField(
        _("toelichting bij het besluit"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Verplicht bij afsluiten: waarom, bijvoorbeeld ‘geen zorg na overleg’."),
    )
    reported_on = models.DateField(_("gemeld bij Veilig Thuis op"), null=True, blank=True)
    report_reference = models.CharField(_("kenmerk van Veilig Thuis"), max_length=100, blank=True)

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

    @property
    def reports(self):
        return self.decision in self.REPORTS

    @property
    def pre_mobile_injury(self):
        """A bruise or other injury in a child that does not yet move about by itself: the
        alarm signal of the NVK guideline (the form shows its text; the professional decides)."""
        return self.injury == self.Answer.YES and self.mobile == self.Answer.NO

    def get_decision_display(self):
        return choice_label(self.Decision, self.decision) if self.decision else ""


class SafetyConsultation(models.Model):
    """One consultation about a concern (step 2 of the meldcode, and again when needed), recorded
    at the visit whose part it belongs to: when, with whom, and what came of it. Advice from
    Veilig Thuis is a consultation, not a report."""

    class With(models.TextChoices):
        COLLEAGUE = "collega", _("een collega")
        DESIGNATED = "aandachtsfunctionaris", _("de aandachtsfunctionaris")
        MEDICAL = "arts", _("jeugdarts of andere medische professional")
        FORENSIC = "forensisch", _("forensisch-medische expertise (FMEK)")
        VEILIG_THUIS = "veilig-thuis", _("Veilig Thuis (advies, geen melding)")
        OTHER = "anders", _("anders (noem wie in de uitkomst)")

    assessment = models.ForeignKey(
        SafetyAssessment,
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("stand van een zorg over de veiligheid"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    on = models.DateField(_("overlegd op"))
    with_whom = models.CharField(_("met wie"), max_length=30, choices=With)
    outcome = models.TextField(_("uitkomst"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["on", "position", "pk"]
        verbose_name = _("overleg over een zorg over de veiligheid")
        verbose_name_plural = _("overleggen over zorgen over de veiligheid")

    def __str__(self):
        return f"{self.get_with_whom_display()} ({self.on.isoformat()})"

    def get_with_whom_display(self):
        return choice_label(self.With, self.with_whom)


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
