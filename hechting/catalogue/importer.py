"""Turning a version's data into a draft, and installing the versions shipped with the code."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hechting.catalogue import files, shipped_files
from hechting.catalogue.content import MELDCODE_KINDS, POINTER_FACTS, RENAMED, TEXTS, fingerprint
from hechting.models import (
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
from hechting.services import checklist_version_publish

_KINDS = {name: kind for kind, name in MELDCODE_KINDS.items()}


class _Draft:
    """Builds the parts of one draft, each checked with full_clean before it is saved."""

    def __init__(self, version):
        self.version = version
        self.shared_sources = {}
        self.problems = []

    def save(self, where, obj, exclude=()):
        try:
            obj.full_clean(exclude=["version", *exclude])
        except ValidationError as error:
            self.problems.extend(f"{where}: {message}" for message in error.messages)
            return obj
        obj.save()
        return obj

    def source(self, source):
        """A knowledge-page quote is its text's own source; other sources are shared."""
        key = tuple(sorted(source.items()))
        if source["kind"] != TextSource.Kind.KNOWLEDGE_PAGE and key in self.shared_sources:
            return self.shared_sources[key]
        created = self.save(_("bron"), TextSource(version=self.version, **source))
        self.shared_sources[key] = created
        return created

    def texts(self, obj, texts):
        """Set each text of `obj` (and its source) from the data's texts of that part."""
        for text_field, source_field in TEXTS[obj._meta.model_name]:
            value = texts.get(RENAMED.get(text_field, text_field), "")
            if isinstance(value, dict):
                setattr(obj, text_field, value["text"])
                setattr(obj, source_field, self.source(value["source"]))
            else:
                setattr(obj, text_field, value)
        return obj


@transaction.atomic
def checklist_version_import(*, data: dict) -> ChecklistVersion:
    """A new draft holding exactly what `data` says (see `files.to_data`); nothing is written when
    any part is refused. Publishing it goes through `checklist_version_publish`'s checks."""
    if ChecklistVersion.objects.filter(status=ChecklistVersion.Status.DRAFT).exists():
        raise ValidationError(_("Er is al een conceptversie. Publiceer of verwijder haar eerst."))
    highest = ChecklistVersion.objects.aggregate(highest=Max("number"))["highest"] or 0
    if data["number"] <= highest:
        raise ValidationError(
            _("Versie %(number)s bestaat al, of er is al een hogere versie (%(highest)s).")
            % {"number": data["number"], "highest": highest}
        )
    offers = {f"offers_{name}": True for name in data.get("offers", [])}
    version = ChecklistVersion(
        number=data["number"],
        status=ChecklistVersion.Status.DRAFT,
        edition=data["edition"],
        change_note=data.get("change_note", ""),
        based_on=ChecklistVersion.objects.filter(status=ChecklistVersion.Status.PUBLISHED).first(),
        **offers,
    )
    version.save()
    draft = _Draft(version)
    draft.texts(version, data.get("texts", {}))
    draft.save(_("versie"), version, exclude=["based_on"])
    conditions = {condition.key: condition for condition in Condition.objects.all()}
    for key, texts in data.get("conditions", {}).items():
        content = ConditionContent(version=version, condition=conditions[key])
        draft.save(key, draft.texts(content, texts))
    order = {}
    for item in data.get("items", []):
        order[item["condition"]] = order.get(item["condition"], 0) + 1
        obj = BehaviourItem(
            version=version,
            condition=conditions[item["condition"]],
            code=item["code"],
            order=order[item["condition"]],
        )
        draft.save(item["code"], draft.texts(obj, item))
    for option in data.get("scale", []):
        obj = ScaleOption(
            version=version,
            position=option["position"],
            label=option["label"],
            is_no_opportunity=option.get("no_opportunity", False),
        )
        draft.save(option["label"], draft.texts(obj, option))
    for number, factor in enumerate(data.get("stress_factors", []), 1):
        obj = ContextFactor(version=version, code=factor["code"], order=number)
        draft.save(factor["code"], draft.texts(obj, factor))
    order = {}
    for question in data.get("fit_questions", []):
        order[question["condition"]] = order.get(question["condition"], 0) + 1
        obj = FitQuestion(
            version=version,
            condition=conditions[question["condition"]],
            code=question["code"],
            kind=question["kind"],
            order=order[question["condition"]],
        )
        draft.save(question["code"], draft.texts(obj, question))
    for number, hint in enumerate(data.get("age_hints", []), 1):
        obj = AgeHint(
            version=version,
            condition=conditions[hint["condition"]],
            item_code=hint.get("item", ""),
            min_age_months=hint["min_age_months"],
            max_age_months=hint["max_age_months"],
            order=number,
        )
        draft.save(_("hint per leeftijd %(number)s") % {"number": number}, draft.texts(obj, hint))
    for name, texts in data.get("meldcode", {}).items():
        for number, text in texts.items():
            obj = MeldcodeText(version=version, kind=_KINDS[name], number=int(number))
            draft.save(f"{name} {number}", draft.texts(obj, {"text": text}))
    for number, pointer in enumerate(data.get("pointers", []), 1):
        facts = {fact: pointer[fact] for fact in POINTER_FACTS if fact in pointer}
        obj = InterventionPointer(version=version, order=number, **facts)
        draft.save(pointer["name"], draft.texts(obj, pointer))
        if obj.pk is not None:
            obj.conditions.set([conditions[key] for key in pointer.get("conditions", [])])
    if draft.problems:
        raise ValidationError(draft.problems)
    return version


def catalogue_install() -> list[str]:
    """Import and publish, in order, every shipped version the database does not hold yet; say
    of each whether it was installed or found as shipped. A version that is already there is
    never touched: one whose content differs from its file is reported, not changed."""
    said = []
    for path in shipped_files():
        data = files.read(path)
        stored = ChecklistVersion.objects.filter(number=data["number"]).first()
        if stored is None:
            with transaction.atomic():
                version = checklist_version_import(data=data)
                checklist_version_publish(version=version)
            said.append(_("Versie %(number)s geïnstalleerd uit %(file)s.") % _named(data, path))
        elif stored.content_hash == fingerprint(data):
            said.append(_("Versie %(number)s staat er al, zoals %(file)s.") % _named(data, path))
        else:
            said.append(
                _("Versie %(number)s staat er al, maar anders dan %(file)s; niets veranderd.")
                % _named(data, path)
            )
    return said


def _named(data, path):
    return {"number": data["number"], "file": path.name}
