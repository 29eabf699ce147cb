"""A checklist kept for its author when the session ended before it was saved."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from observaties.models.observations import Observation


class KeptForm(models.Model):
    """A checklist sent after its author's session had ended, kept until they log in again.

    Only the observation's author gets it back, in the browser it was typed in, once, within
    KEPT_HOURS (observaties.checklist.kept_forms); the browser's number is stored as its SHA-256,
    so a database dump does not hand it out. It never reaches the browser's storage: the form
    travels as a normal POST and comes back from the server after the login.
    """

    browser_hash = models.CharField(max_length=64, db_index=True)
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
