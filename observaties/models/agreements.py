"""Agreements made with the parent at a visit, and how they went at later visits."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hechting.models import ContextFactor
from observaties.models.base import TEXT_MAX_LENGTH, choice_label
from observaties.models.observations import Observation


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
