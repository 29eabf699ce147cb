"""Families, children and what professionals observed at home visits.

No BSN and no addresses: a family is known here only by the case reference of the organisation's
own client file (data minimisation).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from hechting.models import BehaviourItem, ChecklistVersion, Condition, ContextFactor, ScaleOption

NOTE_MAX_LENGTH = 1000
TEXT_MAX_LENGTH = 4000


def choice_label(choices, value):
    """The translated label of `value` in a TextChoices enum, or the value itself if it is not one
    of them, as Django's get_FOO_display() gives it."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


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
    next_visit = models.DateField(_("volgend huisbezoek"), null=True, blank=True)
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
    at = models.DateTimeField(_("op"), auto_now_add=True)

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


class Agreement(models.Model):
    """Something agreed with the parent at a visit: what, who does it, and by when (no date: by
    the next visit). It is followed up at the child's next observations until done or stopped."""

    class Who(models.TextChoices):
        PARENT = "ouder", _("de ouder")
        PROFESSIONAL = "medewerker", _("de medewerker")
        REFERRAL = "verwijzing", _("verwijzing naar")
        OTHER = "anders", _("iemand anders")

    # Who needs a name in who_other: the one referred to, or the someone else.
    NAMED = frozenset({Who.REFERRAL, Who.OTHER})

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("observatie"),
    )
    what = models.TextField(_("wat"), max_length=TEXT_MAX_LENGTH)
    # Blank only for agreements carried over from the free text that earlier observations had.
    who = models.CharField(_("wie"), max_length=20, choices=Who, blank=True)
    who_other = models.CharField(
        _("wie anders"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld ‘oma’, ‘de huisarts’ of ‘schuldhulpverlening gemeente’."),
    )
    # Set for an action on a stress factor answered "ja"; such an action is followed up like any
    # other agreement.
    factor = models.ForeignKey(
        ContextFactor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bij randvoorwaarde"),
    )
    due = models.DateField(
        _("uiterlijk op"), null=True, blank=True, help_text=_("Leeg: bij het volgende bezoek.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        indexes = [models.Index(fields=["due"], name="agreement_due_idx")]

    def __str__(self):
        return self.what

    def get_who_display(self):
        if self.who == self.Who.REFERRAL and self.who_other:
            return _("verwijzing naar %(whom)s") % {"whom": self.who_other}
        if self.who == self.Who.OTHER and self.who_other:
            return self.who_other
        return choice_label(self.Who, self.who) if self.who else _("niet vastgelegd")


class AgreementFollowUp(models.Model):
    """How an agreement of an earlier visit went, as recorded at a later observation."""

    class Outcome(models.TextChoices):
        DONE = "gedaan", _("gedaan")
        GOING_ON = "loopt-door", _("loopt nog")
        STOPPED = "gestopt", _("gestopt")

    # An agreement with one of these outcomes is no longer followed up.
    CLOSING = frozenset({Outcome.DONE, Outcome.STOPPED})

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("afspraak")
    )
    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("bij observatie"),
    )
    outcome = models.CharField(_("hoe ging het"), max_length=20, choices=Outcome)
    note = models.CharField(
        _("toelichting"), max_length=200, blank=True, help_text=_("Verplicht bij ‘gestopt’.")
    )

    class Meta:
        ordering = ["observation__visit_date", "pk"]
        verbose_name = _("opvolging van een afspraak")
        verbose_name_plural = _("opvolging van afspraken")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "observation"], name="one_follow_up_per_observation"
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="gestopt") | ~models.Q(note=""),
                name="stopped_agreement_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.agreement}: {self.get_outcome_display()}"

    def get_outcome_display(self):
        return choice_label(self.Outcome, self.outcome)


class ParentSheet(models.Model):
    """The text of the sheet for the parent, as the professional made it final.

    Until the observation is approved the sheet is the suggestion from the checklist, or what the
    professional made of it; on approval the text is stored here, so that the sheet reads the
    same later whatever changes in the catalogue.
    """

    observation = models.OneToOneField(
        Observation,
        on_delete=models.CASCADE,
        related_name="parent_sheet",
        verbose_name=_("observatie"),
    )
    went_well = models.TextField(
        _("wat ging goed"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Eén punt per regel."),
    )
    practise = models.TextField(
        _("wat gaan we oefenen"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Eén punt per regel."),
    )
    why = models.TextField(_("waarom is dit belangrijk"), max_length=TEXT_MAX_LENGTH, blank=True)
    at_home = models.TextField(
        _("wat speelt er thuis"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("Alleen wat je met de ouder wilt delen."),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangepast door"),
    )
    edited_at = models.DateTimeField(_("aangepast op"), null=True, blank=True)
    final_at = models.DateTimeField(_("definitief op"), null=True, blank=True)

    class Meta:
        verbose_name = _("blad voor de ouder")
        verbose_name_plural = _("bladen voor de ouder")

    def __str__(self):
        return str(self.observation)


class ArchivedDocument(models.Model):
    """A PDF as the team lead approved it: rendered once, at the approval, and served as these
    exact bytes at every later download, whatever changes in templates, settings or code.

    Reopening the observation marks it superseded (by that reopening) and keeps it; the next
    approval archives a new one. Deleted only with its observation (the retention purge).
    """

    class Kind(models.TextChoices):
        REPORT = "rapport", _("rapport")
        PARENT_SHEET = "blad-voor-de-ouder", _("blad voor de ouder")

    observation = models.ForeignKey(
        Observation,
        on_delete=models.CASCADE,
        related_name="archived_documents",
        verbose_name=_("observatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    approval = models.ForeignKey(
        StatusChange,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedkeuring"),
        help_text=_(
            "Leeg bij een rapport dat later is gearchiveerd zonder vastgelegde goedkeuring."
        ),
    )
    superseded_by = models.ForeignKey(
        StatusChange,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervangen door heropening"),
    )
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    pdf = models.BinaryField(_("PDF"))
    size = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    made_at = models.DateTimeField(_("gemaakt op"))
    code_version = models.CharField(_("codeversie"), max_length=64)

    class Meta:
        ordering = ["made_at", "pk"]
        verbose_name = _("gearchiveerd document")
        verbose_name_plural = _("gearchiveerde documenten")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "kind"],
                condition=models.Q(superseded_by__isnull=True),
                name="one_current_archived_document_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.filename}"


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


class KeptForm(models.Model):
    """A checklist sent after its author's session had ended, kept until they log in again.

    Only the observation's author gets it back, once, within KEPT_FORM_HOURS; the key is stored as
    its SHA-256, so a database dump does not hand out the link. It never reaches the browser's
    storage: the form travels as a normal POST and comes back from the server after the login.
    """

    key_hash = models.CharField(max_length=64, unique=True)
    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="kept_forms"
    )
    data = models.JSONField()  # the POST as [name, [values]] pairs, without the CSRF token
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bewaard formulier")
        verbose_name_plural = _("bewaarde formulieren")
        indexes = [models.Index(fields=["created_at"], name="keptform_created_idx")]

    def __str__(self):
        return _("Bewaard formulier bij %(observation)s") % {"observation": self.observation}
