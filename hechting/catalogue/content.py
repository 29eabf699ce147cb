"""A checklist version as plain data, and the fingerprint of that data.

The data is what users see of a version: its texts with their sources, items, scale, stress
factors, questions of fit, age hints, meldcode texts, pointers and what it offers; never database
ids, timestamps or status.
Order is the order of a list. Empty values are left out, so a field added to the catalogue later
leaves the fingerprint of every version that does not fill it alone.

It reads only fields and relations by name, so a migration can describe a version with its
historical models too.
"""

import hashlib
import json

from hechting.models import SOURCED_TEXTS

OFFERS = (
    "caregiver_network",
    "stress_actions",
    "parent_texts",
    "safety_section",
    "injury_alarm",
)
# Each text of a part and the field holding its source, by model name (historical models too).
TEXTS = {model._meta.model_name: pairs for model, pairs in SOURCED_TEXTS.items()}
# A stress factor's examples are stored as one text, one example a line.
RENAMED = {"action_suggestions": "action_examples"}
MELDCODE_KINDS = {"stap": "steps", "afweging": "questions"}
POINTER_FACTS = (
    "name",
    "starts_in_pregnancy",
    "min_age_months",
    "max_age_months",
    "target_group",
    "recognition",
    "recognised_on",
    "where_to_find",
    "review_on",
)


def compact(value):
    """`value` without empty strings, None, False and empty lists or mappings, at any depth."""
    if isinstance(value, dict):
        value = {key: compact(item) for key, item in value.items()}
        return {key: item for key, item in value.items() if not _empty(item)}
    if isinstance(value, list):
        return [compact(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _empty(value):
    return value is None or value is False or (isinstance(value, str | list | dict) and not value)


def source_data(source) -> dict:
    return compact(
        {
            "kind": source.kind,
            "quote": source.quote,
            "author": source.author,
            "written_on": source.written_on,
            "reference": source.reference,
        }
    )


def _texts(obj, sources) -> dict:
    """The texts of one part: a text alone, or {text, source} when it names its source."""
    found = {}
    for text_field, source_field in TEXTS[obj._meta.model_name]:
        text = getattr(obj, text_field, "")
        source = sources.get(getattr(obj, f"{source_field}_id", None))
        name = RENAMED.get(text_field, text_field)
        found[name] = text if source is None else {"text": text, "source": source_data(source)}
    return found


def _parts(version, related_name, *ordering):
    """The version's parts of one kind with their condition, in order; none where a
    migration's historical model predates that kind."""
    if not hasattr(version, related_name):
        return []
    return getattr(version, related_name).select_related("condition").order_by(*ordering)


def version_data(version) -> dict:
    """Everything the version says, as plain data in a fixed order."""
    sources = {source.pk: source for source in version.sources.all()}
    meldcode = {"steps": {}, "questions": {}}
    for text in version.meldcode_texts.order_by("number"):
        meldcode[MELDCODE_KINDS[text.kind]][str(text.number)] = _texts(text, sources)["text"]
    return compact(
        {
            "number": version.number,
            "edition": version.edition,
            "offers": [name for name in OFFERS if getattr(version, f"offers_{name}", False)],
            "change_note": version.change_note,
            "texts": _texts(version, sources),
            "conditions": {
                content.condition.key: _texts(content, sources)
                for content in version.condition_contents.select_related("condition").order_by(
                    "condition__order"
                )
            },
            "items": [
                {"code": item.code, "condition": item.condition.key, **_texts(item, sources)}
                for item in version.items.select_related("condition").order_by(
                    "condition__order", "order", "code"
                )
            ],
            "scale": [
                {
                    "position": option.position,
                    "label": option.label,
                    "no_opportunity": option.is_no_opportunity,
                    **_texts(option, sources),
                }
                for option in version.scale_options.order_by("is_no_opportunity", "position")
            ],
            "stress_factors": [
                {"code": factor.code, **_texts(factor, sources)}
                for factor in version.context_factors.order_by("order", "code")
            ],
            "fit_questions": [
                {
                    "code": question.code,
                    "condition": question.condition.key,
                    "kind": question.kind,
                    **_texts(question, sources),
                }
                for question in _parts(
                    version, "fit_questions", "condition__order", "order", "code"
                )
            ],
            "age_hints": [
                {
                    "condition": hint.condition.key,
                    "item": hint.item_code,
                    "min_age_months": hint.min_age_months,
                    "max_age_months": hint.max_age_months,
                    **_texts(hint, sources),
                }
                for hint in _parts(version, "age_hints", "condition__order", "order")
            ],
            "meldcode": meldcode,
            "pointers": [
                {
                    **{fact: getattr(pointer, fact) for fact in POINTER_FACTS},
                    "conditions": [
                        condition.key for condition in pointer.conditions.order_by("order")
                    ],
                    **_texts(pointer, sources),
                }
                for pointer in version.pointers.order_by("order", "name")
            ],
        }
    )


def fingerprint(data: dict) -> str:
    """SHA-256 of the data in one canonical spelling."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def content_hash(version) -> str:
    return fingerprint(version_data(version))
