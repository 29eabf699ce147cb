"""Version 1 holds every behaviour and explanation that the source text names."""

import re
from pathlib import Path

import pytest

from hechting.models import ChecklistVersion

pytestmark = pytest.mark.django_db

SEED = (Path(__file__).resolve().parents[2] / "docs" / "bron" / "veilige-hechting.txt").read_text()


def _bullets_between(start, end):
    section = SEED[SEED.index(start) : SEED.index(end)]
    return [line.strip(" •\t") for line in section.splitlines() if line.strip().startswith("•")]


def _words(text):
    # Dutch verb endings shift between the seed's clauses and the items' main clauses
    # ("vertel" / "vertelt"), so compare word stems without a final t.
    return {word.rstrip("t") for word in re.findall(r"[a-zà-ÿ]{3,}", text.lower())}


def _best_match(bullet, items):
    """The item covering most of the bullet's words, and the share it covers."""
    wanted = _words(bullet)
    scored = [(len(wanted & _words(item.text)) / len(wanted), item) for item in items]
    return max(scored, key=lambda pair: pair[0])


@pytest.mark.parametrize(
    ("condition", "start", "end", "count"),
    [
        (
            "sensitief-reageren",
            "Dat houdt in dat de ouder:",
            "Als professional kun je sensitief",
            5,
        ),
        ("mentaliseren", "aan het volgende gedrag:", "Je kunt als professional het", 3),
    ],
)
def test_every_behaviour_the_seed_lists_is_an_item(current_version, condition, start, end, count):
    bullets = _bullets_between(start, end)
    assert len(bullets) == count
    items = list(current_version.items.filter(condition__key=condition))
    assert len(items) == count
    matched = set()
    for bullet in bullets:
        ratio, item = _best_match(bullet, items)
        assert ratio > 0.8, f"geen item voor: {bullet}"
        matched.add(item.code)
    assert len(matched) == count


def test_version_1_kept_its_continuity_items_from_the_continuity_paragraph():
    version_1 = ChecklistVersion.objects.get(number=1)
    texts = " ".join(
        version_1.items.filter(condition__key="continuiteit").values_list("text", flat=True)
    )
    for phrase in ("regelmatig dichtbij", "contact met het kind", "beperkt aantal", "wisselen"):
        assert phrase in texts


def test_explanations_and_guidance_come_from_the_seed(current_version):
    contents = {c.condition.key: c for c in current_version.condition_contents.all()}
    assert set(contents) == {"sensitief-reageren", "continuiteit", "mentaliseren"}
    assert contents["sensitief-reageren"].explanation.startswith(
        "Sensitief reageren houdt in dat de ouder open staat voor de signalen van het kind"
    )
    assert "veilige haven" in contents["sensitief-reageren"].explanation
    assert "bij voorkeur niet te groot en wisselt" in contents["continuiteit"].explanation
    assert "ziet, herkent en erkent" in contents["mentaliseren"].explanation
    assert contents["mentaliseren"].guidance in SEED
    assert contents["sensitief-reageren"].guidance.split(". ")[0] in SEED
    for content in contents.values():
        assert content.advice


def test_stress_factors_start_with_debts_and_the_guidance_says_to_address_them(current_version):
    labels = list(current_version.context_factors.values_list("label", flat=True))
    assert labels[0] == "Schulden"
    assert any("huisvesting" in label.lower() for label in labels)
    assert any("gezondheid" in label.lower() for label in labels)
    assert "ook daarmee aan de slag te gaan" in current_version.stress_guidance


def test_the_default_scale_with_no_opportunity_outside_it(current_version):
    options = list(current_version.scale_options.all())
    assert [o.label for o in options if not o.is_no_opportunity] == [
        "niet gezien",
        "soms",
        "vaak",
        "steeds",
    ]
    assert [o.label for o in options if o.is_no_opportunity] == [
        "geen gelegenheid om te observeren"
    ]


def test_version_4_is_current_and_version_1_is_retired_as_it_was(current_version):
    assert current_version.number == 4
    assert current_version.status == ChecklistVersion.Status.PUBLISHED
    assert current_version.items.count() == 8  # continuity is the caregiver network now
    version_1 = ChecklistVersion.objects.get(number=1)
    assert version_1.status == ChecklistVersion.Status.RETIRED
    assert version_1.edition == ChecklistVersion.Edition.COMPUTED_ADVICE
    assert version_1.items.count() == 11
    assert not version_1.sources.exists()
