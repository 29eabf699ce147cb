"""The current version read against the knowledge page: every text says where it comes from, and
every text that claims the page is found in it."""

import pytest

from hechting.models import SOURCED_TEXTS, ChecklistVersion, InterventionPointer, TextSource
from hechting.provenance import KNOWLEDGE_PAGE_PATH, found_in_knowledge_page, normalise
from hechting.selectors import version_content
from hechting.services import checklist_version_problems

pytestmark = pytest.mark.django_db

SOURCE_FILE = KNOWLEDGE_PAGE_PATH.parents[2] / ".." / "shared" / "seed" / "veilige-hechting.txt"


def _texts(version):
    """Every (label, text, source) of the version that is not empty."""
    parts = [version, *version.condition_contents.all(), *version.items.all()]
    parts += [*version.scale_options.all(), *version.context_factors.all(), *version.pointers.all()]
    parts += [*version.fit_questions.all(), *version.age_hints.all()]
    for part in parts:
        for text_field, source_field in SOURCED_TEXTS[type(part)]:
            text = getattr(part, text_field)
            if text.strip():
                yield f"{part} – {text_field}", text, getattr(part, source_field)


def test_the_kept_copy_of_the_knowledge_page_is_the_page_itself():
    if SOURCE_FILE.exists():  # beside the repository in CI and on a developer's machine
        assert KNOWLEDGE_PAGE_PATH.read_text() == SOURCE_FILE.read_text()
    assert "Wat is nodig voor veilige hechting?" in KNOWLEDGE_PAGE_PATH.read_text()


def test_every_text_claiming_the_knowledge_page_is_found_in_it_and_every_other_is_marked(
    current_version,
):
    page, own, publications = [], [], []
    for label, text, source in _texts(current_version):
        assert source is not None, f"{label} heeft geen bron"
        if source.kind == TextSource.Kind.KNOWLEDGE_PAGE:
            assert found_in_knowledge_page(text), label
            assert found_in_knowledge_page(source.quote), label
            page.append(label)
        elif source.kind == TextSource.Kind.ORGANISATION:
            assert source.author, label
            assert source.written_on, label
            assert not found_in_knowledge_page(text), f"{label} staat letterlijk op de pagina"
            own.append(label)
        else:
            assert isinstance(
                next(p for p in current_version.pointers.all() if p.source_id == source.pk),
                InterventionPointer,
            )
            assert "geraadpleegd" in source.reference, label
            publications.append(label)
    # All eight behaviour items are the page's, every hint and scale definition the organisation's,
    # and so are the questions of fit and of the child's signals and the hints per age.
    assert sum(" – text" in label for label in page) == 8
    assert sum(" – hint" in label for label in own) == 8 + 6 + 4
    assert sum(" – not_fitting" in label for label in own) == 2
    assert sum(" – parent_tip" in label for label in own) == 8 + 3
    assert sum(" – referral_example" in label for label in own) == 6
    assert sum(" – definition" in label for label in own) == 5
    assert len(publications) == 3


def test_only_debts_come_from_the_page_among_the_stress_factors(current_version):
    factors = {f.code: f for f in current_version.context_factors.all()}
    assert factors["RV-1"].label_source.kind == TextSource.Kind.KNOWLEDGE_PAGE
    for code in ("RV-2", "RV-3", "RV-4", "RV-5", "RV-6"):
        assert factors[code].label_source.kind == TextSource.Kind.ORGANISATION


def test_no_hint_makes_domestic_violence_or_abuse_a_stress_factor_or_a_shortfall(current_version):
    hints = " ".join(
        [
            *current_version.items.values_list("hint", flat=True),
            *current_version.context_factors.values_list("hint", flat=True),
        ]
    ).lower()
    for word in ("geweld", "mishandeling", "snel", "vaker", "dan kritiek"):
        assert word not in hints
    sr4 = current_version.items.get(code="SR-4").hint
    assert "geen tekort" in sr4
    assert "veilige basis" in sr4
    sr3 = current_version.items.get(code="SR-3").hint
    assert "wat het kind doet" in sr3


def test_every_scale_point_has_a_definition_and_no_opportunity_is_explained_apart(
    current_version,
):
    options = list(current_version.scale_options.all())
    assert all(option.definition for option in options)
    no_opportunity = next(o for o in options if o.is_no_opportunity)
    assert "niet gezien" in no_opportunity.definition


def test_normalising_keeps_words_and_drops_only_the_quoters_additions():
    assert (
        normalise("Praat  tegen het kind en vertel[t]\n wat")
        == "praat tegen het kind en vertel wat"
    )
    assert found_in_knowledge_page("praat tegen het kind en vertel[t] wat het doet")
    assert not found_in_knowledge_page("praat tegen het kind en vertelt wat het doet")


def test_publishing_refuses_missing_sources_false_quotes_missing_ages_and_definitions(
    current_version,
):
    from hechting.services import checklist_version_create_draft

    draft = checklist_version_create_draft()
    assert checklist_version_problems(draft) == []
    sr1 = draft.items.get(code="SR-1")
    sr1.text = "Reageert snel als het kind toenadering zoekt."  # still claims the page
    sr1.save()
    me1 = draft.items.get(code="ME-1")
    me1.hint_source = None
    me1.save()
    draft.scale_options.filter(label="soms").update(definition="")
    draft.pointers.filter(name="VoorZorg").update(starts_in_pregnancy=False)
    problems = " ".join(checklist_version_problems(draft))
    assert "SR-1 – gedrag noemt de kennispagina als bron, maar de tekst staat niet" in problems
    assert "ME-1 – waar let je op heeft geen bron." in problems
    assert "Antwoord ‘soms’ heeft geen betekenis." in problems
    assert "Verwijzing ‘VoorZorg’ heeft geen leeftijdsgrenzen" in problems


def test_a_draft_copies_sources_pointers_and_their_conditions(current_version):
    from hechting.services import checklist_version_create_draft

    draft = checklist_version_create_draft()
    assert draft.sources.count() == current_version.sources.count()
    assert set(draft.sources.values_list("pk", flat=True)).isdisjoint(
        current_version.sources.values_list("pk", flat=True)
    )
    for item in draft.items.all():
        assert item.text_source.version_id == draft.pk
    copied = {p.name: {c.key for c in p.conditions.all()} for p in draft.pointers.all()}
    assert copied["VoorZorg"] == {"continuiteit"}
    assert version_content(draft).benefits_source.version_id == draft.pk
    assert ChecklistVersion.objects.get(pk=draft.pk).edition == 2


def test_the_judgement_of_fit_names_the_guideline_it_follows_with_a_review_date(current_version):
    """What did not fit follows the JGZ guideline on the parent-child relationship, which is being
    revised: its source says so and when to check it again."""
    questions = list(current_version.fit_questions.all())
    assert len(questions) == 4
    for question in questions:
        assert question.text_source.is_organisation
        reference = question.text_source.reference
        assert "JGZ-richtlijn Ouder-kindrelatie" in reference
        assert "opnieuw controleren in juni 2027" in reference
    for hint in current_version.age_hints.all():
        assert hint.text_source.is_organisation
        assert "geen citaat van de pagina" in hint.text_source.reference
