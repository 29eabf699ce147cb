"""What the models of observaties share: text limits and the label of a choice."""

NOTE_MAX_LENGTH = 1000


TEXT_MAX_LENGTH = 4000


def choice_label(choices, value):
    """The translated label of `value` in a TextChoices enum, or the value itself if it is not one
    of them, as Django's get_FOO_display() gives it."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
