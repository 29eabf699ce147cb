"""The models' own behaviour that pages and reports rely on."""

from django.utils import translation

from observaties.models import Observation, StatusChange


def test_choice_labels_follow_the_language_and_are_plain_strings():
    observation = Observation(caregiver="pleegouder", setting="in-bad", status="teruggestuurd")
    with translation.override("nl"):
        labels = [
            observation.get_caregiver_display(),
            observation.get_setting_display(),
            observation.get_status_display(),
        ]
    assert labels == ["pleegouder", "in bad", "teruggestuurd"]
    assert all(type(label) is str for label in labels)  # JSON exports take them as they are
    with translation.override("en"):
        assert observation.get_caregiver_display() == "foster parent"
        assert StatusChange(from_status="ingediend", to_status="goedgekeurd").__str__() == (
            "submitted → approved"
        )


def test_a_value_outside_the_choices_shows_as_it_is_stored():
    assert Observation(setting="zwemmen").get_setting_display() == "zwemmen"
