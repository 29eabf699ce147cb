"""An observation of a home visit and what it records: answers, werkpunten, the caregiver
network, stress, and its status history."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from hechting.models import (
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ContextFactor,
    FitQuestion,
    ScaleOption,
)
from observaties.models.base import NOTE_MAX_LENGTH, TEXT_MAX_LENGTH, choice_label
from observaties.models.dossiers import Child


class Observation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        SUBMITTED = "ingediend", _("ingediend")
        APPROVED = "goedgekeurd", _("goedgekeurd")
        RETURNED = "teruggestuurd", _("teruggestuurd")

    class Caregiver(models.TextChoices):
        MOTHER = "moeder", _("moeder")
        FATHER = "vader", _("vader")
        FOSTER_PARENT = "pleegouder", _("pleegouder")
        GRANDPARENT = "grootouder", _("grootouder")
        OTHER = "andere", _("andere opvoeder")

    class Setting(models.TextChoices):
        PLAY = "spel", _("spel")
        MEAL = "eten", _("eten")
        CHANGING = "verschonen", _("verschonen")
        BATH = "in-bad", _("in bad")
        BEDTIME = "naar-bed", _("naar bed")
        DRESSING = "aankleden", _("aankleden")
        OTHER = "anders", _("anders")

    child = models.ForeignKey(
        Child, on_delete=models.PROTECT, related_name="observations", verbose_name=_("kind")
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("medewerker"),
    )
    version = models.ForeignKey(
        ChecklistVersion,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("checklistversie"),
    )
    caregiver = models.CharField(_("geobserveerde opvoeder"), max_length=20, choices=Caregiver)
    visit_date = models.DateField(_("datum huisbezoek"))
    setting = models.CharField(_("situatie"), max_length=20, choices=Setting)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    conclusion = models.TextField(_("conclusie"), max_length=TEXT_MAX_LENGTH, blank=True)
    next_visit = models.DateField(_("volgend contact met het gezin"), null=True, blank=True)
    discussed_on = models.DateField(_("besproken met de ouder op"), null=True, blank=True)
    safety_concern = models.CharField(
        _("zorgen over de veiligheid van het kind"),
        max_length=3,
        choices=[("ja", _("ja")), ("nee", _("nee"))],
        blank=True,
        help_text=_("Signalen van huiselijk geweld of kindermishandeling; volgt de meldcode."),
    )
    safety_asked = models.BooleanField(
        _("gevraagd naar zorgen over de veiligheid"),
        default=True,
        editable=False,
        help_text=_(
            "Nee bij een observatie die was ingediend voordat haar checklistversie dat deel had."
        ),
    )

    class NetworkCheck(models.TextChoices):
        STILL_TRUE = "klopt", _("ja, het klopt nog zoals het er staat")
        CHANGED = "aangepast", _("nee, ik heb het aangepast")
        FIRST = "eerste-keer", _("het is de eerste keer dat ik het vastleg")

    # From version 2 on: whether the caregiver network was gone through with the parent at this
    # visit, since the form offers the one of an earlier visit to confirm or change.
    network_check = models.CharField(
        _("netwerk nagelopen met de ouder"),
        max_length=12,
        choices=NetworkCheck,
        blank=True,
    )
    parent_reaction = models.TextField(
        _("reactie van de ouder"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_("Wat de ouder ervan vond, zo veel mogelijk in de woorden van de ouder."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst opgeslagen"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-visit_date", "-pk"]
        verbose_name = _("observatie")
        verbose_name_plural = _("observaties")
        indexes = [
            models.Index(fields=["child", "status", "visit_date"], name="obs_child_status_idx"),
            models.Index(fields=["professional", "status"], name="obs_professional_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="obs_status_submitted_idx"),
        ]

    def __str__(self):
        return _("Observatie %(date)s (%(child)s)") % {
            "date": self.visit_date.isoformat(),
            "child": self.child,
        }

    @property
    def asks_safety(self):
        """Whether this observation asks about the child's safety: its version has the section,
        and it was not handed in before the section came."""
        return self.version.has_safety_section and self.safety_asked

    @property
    def is_editable_status(self):
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}

    @property
    def status_mark(self):
        """How the observation page and every page of a printed report mark an observation that
        is not approved: the mark in full and the one word printed across the page. None once
        approved. A handed-in observation is no draft: it waits for the team lead."""
        return {
            self.Status.DRAFT: (_("CONCEPT – nog niet ingediend"), _("CONCEPT")),
            self.Status.RETURNED: (
                _("CONCEPT – teruggestuurd, nog niet goedgekeurd"),
                _("CONCEPT"),
            ),
            self.Status.SUBMITTED: (_("INGEDIEND – wacht op beoordeling"), _("INGEDIEND")),
        }.get(self.status)

    # Django's generated get_FOO_display() builds a dict of every translated label on each call;
    # a family page shows some thirty of these labels, so they are looked up in the enum instead.
    def get_caregiver_display(self):
        return choice_label(self.Caregiver, self.caregiver)

    def get_setting_display(self):
        return choice_label(self.Setting, self.setting)

    def get_status_display(self):
        return choice_label(self.Status, self.status)

    def get_network_check_display(self):
        return choice_label(self.NetworkCheck, self.network_check) if self.network_check else ""


class ItemScore(models.Model):
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("observatie")
    )
    item = models.ForeignKey(
        BehaviourItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("gedragsitem")
    )
    option = models.ForeignKey(
        ScaleOption,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("antwoord"),
    )
    note = models.TextField(_("toelichting"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["observation", "item"], name="one_score_per_item"),
        ]

    def __str__(self):
        return f"{self.item.code}: {self.option or '–'}"


class FitAnswer(models.Model):
    """The professional's judgement on a question of fit or of the child's signals (from version 4
    on): one of four answers, what did not fit, and a note. Never summed into a score."""

    class Answer(models.TextChoices):
        MOSTLY = "meestal", _("meestal")
        MIXED = "wisselend", _("wisselend")
        MOSTLY_NOT = "meestal-niet", _("meestal niet")
        NO_OPPORTUNITY = "geen-gelegenheid", _("geen gelegenheid")

    # How the answers read beside a question about the parent's responses.
    FIT_LABELS = {
        Answer.MOSTLY: _("paste meestal"),
        Answer.MIXED: _("wisselend"),
        Answer.MOSTLY_NOT: _("paste meestal niet"),
        Answer.NO_OPPORTUNITY: _("geen gelegenheid"),
    }
    # The answers after which the form asks what did not fit.
    NOT_FITTING = frozenset({Answer.MIXED, Answer.MOSTLY_NOT})

    class Misfit(models.TextChoices):
        INTRUSIVE = "opdringerig", _("opdringerig")
        HARSH = "hard", _("hard of afwijzend")
        FRIGHTENING = "beangstigend", _("beangstigend")

    # The field recording each, in the order the form and the report show them.
    MISFITS = (
        ("intrusive", Misfit.INTRUSIVE),
        ("harsh", Misfit.HARSH),
        ("frightening", Misfit.FRIGHTENING),
    )

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="fit_answers",
        verbose_name=_("observatie"),
    )
    question = models.ForeignKey(
        FitQuestion, on_delete=models.PROTECT, related_name="+", verbose_name=_("vraag")
    )
    answer = models.CharField(_("antwoord"), max_length=20, choices=Answer, blank=True)
    intrusive = models.BooleanField(_("opdringerig"), default=False)
    harsh = models.BooleanField(_("hard of afwijzend"), default=False)
    frightening = models.BooleanField(_("beangstigend"), default=False)
    note = models.TextField(_("toelichting"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("oordeel passend reageren")
        verbose_name_plural = _("oordelen passend reageren")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "question"], name="one_fit_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.answer or '–'}"

    @classmethod
    def label(cls, question, answer):
        """How `answer` reads beside `question`: ‘paste meestal’ for the parent's responses,
        ‘meestal’ for the child's own signals."""
        if not answer:
            return ""
        if question.is_about_the_parent:
            return str(cls.FIT_LABELS[answer])
        return choice_label(cls.Answer, answer)

    @property
    def misfits(self):
        """What did not fit, as its labels, in a fixed order."""
        return [misfit.label for name, misfit in self.MISFITS if getattr(self, name)]

    @property
    def misfit_values(self):
        return frozenset(misfit for name, misfit in self.MISFITS if getattr(self, name))


class ConditionReflection(models.Model):
    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="reflections",
        verbose_name=_("observatie"),
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="+", verbose_name=_("voorwaarde")
    )

    class WorkPoint(models.TextChoices):
        YES = "ja", _("ja, een werkpunt met de ouder")
        NO = "nee", _("nee, geen werkpunt nu")

    text = models.TextField(_("reflectie"), max_length=TEXT_MAX_LENGTH, blank=True)
    work_point = models.CharField(
        _("werkpunt"), max_length=3, choices=WorkPoint, blank=True, default=""
    )

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "condition"], name="one_reflection_per_condition"
            ),
        ]

    def __str__(self):
        return str(self.condition)


class CaregiverEntry(models.Model):
    """One adult who cares for the child in a usual week, as the professional recorded it."""

    class Relation(models.TextChoices):
        MOTHER = "moeder", _("moeder")
        FATHER = "vader", _("vader")
        PARENTS_PARTNER = "partner-ouder", _("partner van een ouder")
        GRANDPARENT = "grootouder", _("grootouder")
        OTHER_FAMILY = "familie", _("ander familielid")
        FOSTER_PARENT = "pleegouder", _("pleegouder")
        CHILDMINDER = "gastouder", _("gastouder of oppas")
        DAY_CARE = "kinderopvang", _("pedagogisch medewerker kinderopvang")
        OTHER = "anders", _("andere volwassene")

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="caregivers",
        verbose_name=_("observatie"),
    )
    relation = models.CharField(_("relatie tot het kind"), max_length=20, choices=Relation)
    days_per_week = models.DecimalField(
        _("dagen per week"),
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("7"))],
        help_text=_("Halve dagen mogen, bijvoorbeeld 2,5."),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("opvoeder in een gewone week")
        verbose_name_plural = _("opvoeders in een gewone week")

    def __str__(self):
        return self.get_relation_display()

    def get_relation_display(self):
        return choice_label(self.Relation, self.relation)

    @property
    def days_display(self):
        """Whole days as whole numbers (7, not 7,0); half days as 2,5."""
        if self.days_per_week is None:
            return ""
        days = self.days_per_week
        return number_format(days.to_integral_value() if days == days.to_integral_value() else days)


class CaregiverChange(models.Model):
    """A change among the child's caregivers in the six months before the visit, with its cause."""

    class Cause(models.TextChoices):
        PLACEMENT = "plaatsing", _("uithuisplaatsing of wisseling van pleeggezin")
        DAY_CARE = "opvang", _("wisseling van kinderopvang of gastouder")
        HOSPITAL = "ziekenhuis", _("ziekenhuisopname van kind of opvoeder")
        MOVING = "verhuizing", _("verhuizing")
        PARENT_LEFT = "ouder-weg", _("een ouder is vertrokken of overleden")
        PARENTS_CHOICE = "keuze-ouder", _("keuze of regeling van de ouder")
        OTHER = "anders", _("andere oorzaak")

    # Causes the parent does not decide on: recorded as such, never counted against the parent.
    OUTSIDE_PARENT_CONTROL = frozenset(
        {Cause.PLACEMENT, Cause.DAY_CARE, Cause.HOSPITAL, Cause.MOVING, Cause.PARENT_LEFT}
    )

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="caregiver_changes",
        verbose_name=_("observatie"),
    )
    what = models.CharField(
        _("wat veranderde"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘andere gastouder’ of ‘vader woont niet meer thuis’."),
    )
    cause = models.CharField(_("oorzaak"), max_length=20, choices=Cause)
    outside_parent_control = models.BooleanField(_("buiten de invloed van de ouder"))
    month = models.DateField(_("maand"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("wisseling van opvoeders")
        verbose_name_plural = _("wisselingen van opvoeders")

    def __str__(self):
        return self.what

    def get_cause_display(self):
        return choice_label(self.Cause, self.cause)


class ContextAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "ja", _("ja")
        NO = "nee", _("nee")
        UNKNOWN = "onbekend", _("onbekend")

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="context_answers",
        verbose_name=_("observatie"),
    )
    factor = models.ForeignKey(
        ContextFactor, on_delete=models.PROTECT, related_name="+", verbose_name=_("randvoorwaarde")
    )
    answer = models.CharField(_("antwoord"), max_length=10, choices=Answer, blank=True)
    note = models.TextField(_("toelichting"), max_length=NOTE_MAX_LENGTH, blank=True)
    share_with_parent = models.BooleanField(
        _("toelichting delen met de ouder"),
        default=False,
        help_text=_("Alleen dan staat de toelichting op het blad voor de ouder."),
    )
    underway_by = models.CharField(
        _("al in gang, door"),
        max_length=200,
        blank=True,
        help_text=_("Wie er al mee bezig is, bijvoorbeeld ‘schuldhulpverlening gemeente’."),
    )

    class Meta:
        verbose_name = _("antwoord randvoorwaarde")
        verbose_name_plural = _("antwoorden randvoorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "factor"], name="one_answer_per_context_factor"
            ),
        ]

    def __str__(self):
        return f"{self.factor}: {self.get_answer_display() or '–'}"


class StatusChange(models.Model):
    """One step in an observation's workflow; a team lead's review is the step they take."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="history", verbose_name=_("observatie")
    )
    from_status = models.CharField(_("van"), max_length=20, choices=Observation.Status)
    to_status = models.CharField(_("naar"), max_length=20, choices=Observation.Status)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    comment = models.TextField(_("opmerking"), max_length=TEXT_MAX_LENGTH, blank=True)
    # Set when the change is made and never again: the runtime database role may add changes
    # but not alter them (grant_runtime_role).
    at = models.DateTimeField(_("op"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statusgeschiedenis")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def get_from_status_display(self):
        return choice_label(Observation.Status, self.from_status)

    def get_to_status_display(self):
        return choice_label(Observation.Status, self.to_status)
