"""Password rules whose messages Django's own Dutch catalogue leaves in English."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
            "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken bevatten.",
            "Je wachtwoord moet minstens %(min_length)d tekens bevatten.",
            self.min_length,
        ) % {"min_length": self.min_length}
