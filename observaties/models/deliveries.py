"""The outbox to the organisation's case system: one row per archived document to register,
written in the approval's own transaction and worked off by a background worker."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from observaties.models.documents import ArchivedDocument


class DeliveryQuerySet(models.QuerySet):
    def stuck(self):
        """Refused, or not taken at three tries or more: what an operator should look at."""
        return self.filter(
            models.Q(state=Delivery.State.REFUSED)
            | models.Q(state=Delivery.State.WAITING, attempts__gte=STUCK_AFTER_ATTEMPTS)
        )


STUCK_AFTER_ATTEMPTS = 3


class Delivery(models.Model):
    """Registering one archived document in the case system (observaties.services.deliveries).

    A new approval of the same observation registers its document as a new version of the
    same case-system document: the identification is the observation's and the kind's, not the
    approval's."""

    class State(models.TextChoices):
        WAITING = "wacht", _("nog niet geregistreerd")
        DELIVERED = "geregistreerd", _("geregistreerd")
        REFUSED = "geweigerd", _("geweigerd door het zaaksysteem")
        # The observation was reopened before its document was registered; the next approval
        # registers its own.
        SUPERSEDED = "vervallen", _("vervallen")

    document = models.OneToOneField(
        ArchivedDocument,
        on_delete=models.CASCADE,
        related_name="delivery",
        verbose_name=_("gearchiveerd document"),
    )
    state = models.CharField(_("stand"), max_length=14, choices=State, default=State.WAITING)
    confidentiality = models.CharField(_("vertrouwelijkheid"), max_length=20)
    document_type = models.URLField(_("informatieobjecttype"), max_length=1000)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), db_index=True)
    # A worker holds a delivery until then; one that died lets go when it passes.
    claimed_until = models.DateTimeField(_("bezig tot"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    last_error_at = models.DateTimeField(_("laatste fout op"), null=True, blank=True)
    # The case system's document, its version and the case it is linked to.
    identification = models.CharField(_("documentidentificatie"), max_length=40)
    document_url = models.URLField(_("document in het zaaksysteem"), max_length=1000, blank=True)
    document_version = models.PositiveIntegerField(_("versie"), null=True, blank=True)
    zaak_url = models.URLField(_("zaak"), max_length=1000, blank=True)
    # Held between locking the document for a new version and unlocking it, so that a worker
    # that dies in between can finish the work on retry.
    lock = models.CharField(_("slot"), max_length=100, blank=True)
    delivered_at = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registratie in het zaaksysteem")
        verbose_name_plural = _("registraties in het zaaksysteem")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.identification} ({self.get_state_display()})"
