"""What the catalogue tells the apps above it, which it may not import."""

from django.dispatch import Signal

# Sent, once the transaction has committed, with `version` when a checklist version is withdrawn.
version_withdrawn = Signal()
