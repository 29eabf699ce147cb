"""Writes that change the checklist catalogue as a whole: drafting and publishing versions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hechting import plain_language, signals
from hechting.catalogue.content import content_hash
from hechting.models import (
    SOURCED_TEXTS,
    AgeHint,
    BehaviourItem,
    ChecklistVersion,
    Condition,
    ConditionContent,
    ContextFactor,
    FitQuestion,
    InterventionPointer,
    MeldcodeText,
    ScaleOption,
    TextSource,
)
from hechting.provenance import found_in_knowledge_page

_COPIED_PARTS = (
    ConditionContent,
    BehaviourItem,
    ScaleOption,
    ContextFactor,
    InterventionPointer,
    MeldcodeText,
    FitQuestion,
    AgeHint,
)


@transaction.atomic
def checklist_version_create_draft(*, source: ChecklistVersion | None = None) -> ChecklistVersion:
    """Start a new draft as a deep copy of `source`, by default the current version."""
    if ChecklistVersion.objects.filter(status=ChecklistVersion.Status.DRAFT).exists():
        raise ValidationError(
            _("Er is al een conceptversie. Werk die bij of verwijder haar eerst.")
        )
    if source is None:
        source = ChecklistVersion.objects.current()
    highest = ChecklistVersion.objects.aggregate(highest=Max("number"))["highest"] or 0
    draft = ChecklistVersion(
        number=highest + 1,
        status=ChecklistVersion.Status.DRAFT,
        edition=source.edition,
        offers_caregiver_network=source.offers_caregiver_network,
        offers_stress_actions=source.offers_stress_actions,
        offers_parent_texts=source.offers_parent_texts,
        offers_safety_section=source.offers_safety_section,
        offers_injury_alarm=source.offers_injury_alarm,
        stress_guidance=source.stress_guidance,
        benefits=source.benefits,
        parent_benefits=source.parent_benefits,
        safety_guidance=source.safety_guidance,
        injury_guidance=source.injury_guidance,
        based_on=source,
    )
    draft.full_clean()
    draft.save()
    # The sources first, so that every copied text points to the copy of its source.
    sources = {}
    for original in TextSource.objects.filter(version=source):
        old_pk = original.pk
        original.pk = None
        original.version = draft
        original.save()
        sources[old_pk] = original.pk
    draft.stress_guidance_source_id = sources.get(source.stress_guidance_source_id)
    draft.benefits_source_id = sources.get(source.benefits_source_id)
    draft.parent_benefits_source_id = sources.get(source.parent_benefits_source_id)
    draft.safety_guidance_source_id = sources.get(source.safety_guidance_source_id)
    draft.injury_guidance_source_id = sources.get(source.injury_guidance_source_id)
    draft.save()
    for part in _COPIED_PARTS:
        source_fields = [field for _text, field in SOURCED_TEXTS[part]]
        for original in part.objects.filter(version=source):
            conditions = list(original.conditions.all()) if part is InterventionPointer else None
            original.pk = None
            original.version = draft
            for name in source_fields:
                setattr(original, f"{name}_id", sources.get(getattr(original, f"{name}_id")))
            original.save()
            if conditions is not None:
                original.conditions.set(conditions)
    return draft


def _text_problems(label, text, source):
    """What is wrong with the source of one text of a version (none for an empty text)."""
    if not text.strip():
        return []
    if source is None:
        return [_("%(text)s heeft geen bron.") % {"text": label}]
    problems = [f"{label}: {problem}" for problem in source.problems()]
    if source.is_knowledge_page and not problems:
        for claimed in (text, source.quote):
            if not found_in_knowledge_page(claimed):
                problems.append(
                    _(
                        "%(text)s noemt de kennispagina als bron, maar de tekst staat niet "
                        "letterlijk op de kennispagina. Maak er een eigen tekst van de "
                        "organisatie van, of citeer letterlijk (eigen woorden tussen [ ])."
                    )
                    % {"text": label}
                )
                break
    return problems


def source_problems(version: ChecklistVersion) -> list[str]:
    """Every text of the version that lacks a sound source, in words for the functional admin."""
    problems = []
    sources = {source.pk: source for source in version.sources.all()}

    def check(label, obj, pairs):
        for text_field, source_field in pairs:
            field_label = obj._meta.get_field(text_field).verbose_name
            problems.extend(
                _text_problems(
                    f"{label} – {field_label}",
                    getattr(obj, text_field),
                    sources.get(getattr(obj, f"{source_field}_id")),
                )
            )

    check(_("Versie"), version, SOURCED_TEXTS[ChecklistVersion])
    for content in version.condition_contents.select_related("condition"):
        check(str(content.condition), content, SOURCED_TEXTS[ConditionContent])
    for item in version.items.all():
        check(item.code, item, SOURCED_TEXTS[BehaviourItem])
    for option in version.scale_options.all():
        check(_("Schaal ‘%(label)s’") % {"label": option.label}, option, SOURCED_TEXTS[ScaleOption])
    for factor in version.context_factors.all():
        check(factor.code, factor, SOURCED_TEXTS[ContextFactor])
    for pointer in version.pointers.all():
        check(pointer.name, pointer, SOURCED_TEXTS[InterventionPointer])
    for text in version.meldcode_texts.all():
        check(f"{text.get_kind_display()} {text.number}", text, SOURCED_TEXTS[MeldcodeText])
    for question in version.fit_questions.all():
        check(question.code, question, SOURCED_TEXTS[FitQuestion])
    for hint in version.age_hints.all():
        check(_("Hint per leeftijd %(hint)s") % {"hint": hint}, hint, SOURCED_TEXTS[AgeHint])
    return problems


def checklist_version_problems(version: ChecklistVersion) -> list[str]:
    """What stands in the way of publishing this version, in words for the functional admin."""
    problems = []
    item_conditions = set(version.items.values_list("condition_id", flat=True))
    contents = {content.condition_id: content for content in version.condition_contents.all()}
    network = version.records_caregiver_network
    for condition in Condition.objects.all():
        recorded_as_network = network and condition.key == Condition.Key.CONTINUITY
        if recorded_as_network and condition.pk in item_conditions:
            problems.append(
                _(
                    "Voorwaarde ‘%(condition)s’ wordt vastgelegd als netwerk van opvoeders en "
                    "heeft daarom geen gedragsitems; verwijder die."
                )
                % {"condition": condition.name}
            )
        elif not recorded_as_network and condition.pk not in item_conditions:
            problems.append(
                _("Voorwaarde ‘%(condition)s’ heeft geen gedragsitems.")
                % {"condition": condition.name}
            )
        content = contents.get(condition.pk)
        if content is None or not content.explanation.strip():
            problems.append(
                _("Voorwaarde ‘%(condition)s’ heeft geen uitleg.") % {"condition": condition.name}
            )
    options = list(version.scale_options.all())
    if sum(not option.is_no_opportunity for option in options) < 2:
        problems.append(_("De antwoordschaal heeft minstens twee antwoordmogelijkheden nodig."))
    if not any(option.is_no_opportunity for option in options):
        problems.append(_("De antwoordschaal mist de optie ‘geen gelegenheid om te observeren’."))
    if not version.stress_guidance.strip():
        problems.append(_("De toelichting bij de randvoorwaarden is leeg."))
    if version.edition >= ChecklistVersion.Edition.PROFESSIONAL_JUDGEMENT:
        for option in options:
            if not option.definition.strip():
                problems.append(
                    _("Antwoord ‘%(label)s’ heeft geen betekenis.") % {"label": option.label}
                )
        for pointer in version.pointers.all():
            if not pointer.has_age_range:
                problems.append(
                    _(
                        "Verwijzing ‘%(name)s’ heeft geen leeftijdsgrenzen; vul ‘vanaf’ en "
                        "‘tot en met’ in, of kruis aan dat het tijdens de zwangerschap start."
                    )
                    % {"name": pointer.name}
                )
        problems.extend(source_problems(version))
    problems.extend(age_hint_problems(version))
    problems.extend(offer_problems(version))
    return problems


def age_hint_problems(version: ChecklistVersion) -> list[str]:
    """Age hints whose band is empty or whose item is not among their condition's items."""
    problems = []
    codes = {(item.condition_id, item.code) for item in version.items.all()}
    for hint in version.age_hints.select_related("condition"):
        if hint.min_age_months > hint.max_age_months:
            problems.append(
                _("Hint per leeftijd %(hint)s: ‘tot en met’ ligt voor ‘vanaf’.") % {"hint": hint}
            )
        if hint.item_code and (hint.condition_id, hint.item_code) not in codes:
            problems.append(
                _("Hint per leeftijd %(hint)s: item %(code)s staat niet bij ‘%(condition)s’.")
                % {"hint": hint, "code": hint.item_code, "condition": hint.condition.name}
            )
    return problems


def offer_problems(version: ChecklistVersion) -> list[str]:
    """What a part the version offers lacks, and texts for a part it does not offer (which no
    one would read)."""
    problems = []
    if version.offers_parent_texts:
        problems.extend(parent_text_problems(version))
    elif version.parent_benefits.strip():
        problems.append(
            _(
                "De versie biedt geen blad voor de ouder, maar heeft er wel teksten voor; kruis "
                "‘biedt: blad voor de ouder’ aan of maak de teksten leeg."
            )
        )
    if version.offers_safety_section:
        problems.extend(meldcode_problems(version))
    elif version.safety_guidance.strip() or version.meldcode_texts.exists():
        problems.append(
            _(
                "De versie vraagt niet naar zorgen over de veiligheid, maar heeft er wel teksten "
                "voor; kruis ‘biedt: zorgen over de veiligheid’ aan of maak de teksten leeg."
            )
        )
    if version.offers_injury_alarm:
        if not version.offers_safety_section:
            problems.append(
                _("Vragen naar letsel hoort bij het deel ‘Zorgen over de veiligheid van het kind’.")
            )
        if not version.injury_guidance.strip():
            problems.append(
                _(
                    "De toelichting bij letsel bij een kind dat zich nog niet zelf voortbeweegt "
                    "is leeg."
                )
            )
    elif version.injury_guidance.strip():
        problems.append(
            _(
                "De versie vraagt niet naar letsel, maar heeft er wel een toelichting voor; kruis "
                "‘biedt: letsel bij een kind dat zich nog niet zelf voortbeweegt’ aan of maak de "
                "toelichting leeg."
            )
        )
    if not version.offers_stress_actions and any(
        factor.action_suggestions.strip() for factor in version.context_factors.all()
    ):
        problems.append(
            _(
                "De versie biedt geen acties bij stress, maar heeft er wel voorbeelden van; kruis "
                "‘biedt: acties bij stress’ aan of maak de voorbeelden leeg."
            )
        )
    if (
        version.offers_caregiver_network or version.offers_stress_actions
    ) and version.edition < ChecklistVersion.Edition.PROFESSIONAL_JUDGEMENT:
        problems.append(_("Het netwerk van opvoeders en acties bij stress horen bij opbouw 2."))
    return problems


def meldcode_problems(version: ChecklistVersion) -> list[str]:
    """What the safety section lacks: it follows the meldcode, with its guidance, all five steps
    and the five questions of the afwegingskader worded."""
    problems = []
    if not version.safety_guidance.strip():
        problems.append(_("De toelichting bij ‘Zorgen over de veiligheid van het kind’ is leeg."))
    present = set(version.meldcode_texts.values_list("kind", "number"))
    return problems + [
        _("%(kind)s %(number)s ontbreekt.") % {"kind": label.capitalize(), "number": number}
        for kind, label in MeldcodeText.Kind.choices
        for number in MeldcodeText.NUMBERS
        if (kind, number) not in present
    ]


# From this version on, parent texts also assume nothing about the family or the child's gender
# and name the child; the versions before were published before that rule and install as shipped.
NEUTRAL_PARENT_TEXTS_FROM = 4


def parent_text_problems(version: ChecklistVersion) -> list[str]:
    """What the sheet for the parent would lack or say in jargon (from version 2 on), or assume
    about the family (from version 4 on)."""
    neutral = version.number >= NEUTRAL_PARENT_TEXTS_FROM
    texts = [(_("Versie – waarom het belangrijk is, voor de ouder"), version.parent_benefits)]
    for content in version.condition_contents.select_related("condition"):
        texts.append(
            (
                _("%(condition)s – oefentip voor de ouder") % {"condition": content.condition},
                content.parent_tip,
            )
        )
    optional = []
    for item in version.items.all():
        texts.append((_("%(code)s – voor de ouder") % {"code": item.code}, item.parent_wording))
        if item.parent_tip.strip():
            optional.append(
                (_("%(code)s – oefentip voor de ouder") % {"code": item.code}, item.parent_tip)
            )
    problems = []
    for label, text in texts + optional:
        if not text.strip():
            problems.append(
                _("%(text)s ontbreekt; het blad voor de ouder heeft het nodig.") % {"text": label}
            )
            continue
        jargon = plain_language.jargon_in(text)
        if jargon:
            problems.append(
                _("%(text)s bevat vaktaal die een ouder niet kent: %(words)s.")
                % {"text": label, "words": ", ".join(jargon)}
            )
        assumed = plain_language.assumptions_in(text) if neutral else []
        if assumed:
            problems.append(
                _(
                    "%(text)s gaat ervan uit wie er in het gezin zijn of of het kind een jongen "
                    "of een meisje is: %(words)s."
                )
                % {"text": label, "words": ", ".join(assumed)}
            )
        if neutral and plain_language.names_child_generically(text):
            problems.append(
                _("%(text)s zegt ‘het kind’; schrijf {kind}, dan staat er de voornaam.")
                % {"text": label}
            )
        unknown = plain_language.unknown_placeholders(text)
        if unknown:
            problems.append(
                _("%(text)s bevat %(found)s; alleen {kind} (de voornaam van het kind) kan.")
                % {"text": label, "found": ", ".join(unknown)}
            )
    return problems


@transaction.atomic
def checklist_version_publish(*, version: ChecklistVersion) -> ChecklistVersion:
    """Make a draft the current version and retire the one before it, or change nothing."""
    version = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_draft:
        raise ValidationError(_("Alleen een conceptversie kan worden gepubliceerd."))
    problems = checklist_version_problems(version)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    previous = (
        ChecklistVersion.objects.select_for_update()
        .filter(status=ChecklistVersion.Status.PUBLISHED)
        .first()
    )
    if previous is not None:
        previous.status = ChecklistVersion.Status.RETIRED
        previous.retired_at = now
        previous.save()
    version.content_hash = content_hash(version)
    version.status = ChecklistVersion.Status.PUBLISHED
    version.published_at = now
    version.save()
    return version


@transaction.atomic
def checklist_version_withdraw(*, version: ChecklistVersion, reason: str) -> ChecklistVersion:
    """Withdraw a retired version: its content stays frozen and its reports as approved; every
    observation on it says so, with `reason`, and gets an addendum (sent to observaties through
    `signals.version_withdrawn`, once this commits)."""
    version = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    reason = reason.strip()
    if version.is_current:
        raise ValidationError(
            _(
                "De huidige versie kan niet worden ingetrokken: zonder huidige versie kan niemand "
                "een observatie beginnen. Publiceer eerst een nieuwe versie."
            )
        )
    if version.status != ChecklistVersion.Status.RETIRED:
        raise ValidationError(
            _(
                "Alleen een vervallen versie kan worden ingetrokken; versie %(number)s is "
                "%(status)s."
            )
            % {"number": version.number, "status": version.get_status_display()}
        )
    if not reason:
        raise ValidationError(
            {"reason": _("Schrijf op wat er niet klopte: dat staat bij elke observatie.")}
        )
    version.status = ChecklistVersion.Status.WITHDRAWN
    version.withdrawn_at = timezone.now()
    version.withdrawal_reason = reason
    version.save()
    transaction.on_commit(lambda: signals.version_withdrawn.send(ChecklistVersion, version=version))
    return version
