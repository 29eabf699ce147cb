"""The data files of the checklist catalogue: reading one into a version's data, writing one.

A file holds a version as `content.version_data` describes it, with one difference: a source
that several texts share is written once under `sources:` and named by its key. A text is either
a string (no source: only version 1) or `{text: …, source: …}`, where the source is
`kennispagina` (the text quotes the knowledge page word for word), `{kennispagina: "…"}` (it
quotes this passage) or the key of a source under `sources:`.
"""

import datetime

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hechting.catalogue.content import (
    MELDCODE_KINDS,
    OFFERS,
    POINTER_FACTS,
    RENAMED,
    TEXTS,
    compact,
)
from hechting.models import Condition, TextSource

KNOWLEDGE_PAGE = TextSource.Kind.KNOWLEDGE_PAGE.value
TOP_LEVEL = {
    "number",
    "edition",
    "offers",
    "change_note",
    "sources",
    "texts",
    "conditions",
    "items",
    "scale",
    "stress_factors",
    "fit_questions",
    "age_hints",
    "meldcode",
    "pointers",
}


def _text_names(model_name):
    """The names a file gives the texts of one part, in the catalogue's order."""
    return [RENAMED.get(text, text) for text, _source in TEXTS[model_name]]


# What each part of a file may hold: its texts (as the catalogue's models list them) and facts.
VERSION_TEXTS = set(_text_names("checklistversion"))
CONDITION_TEXTS = set(_text_names("conditioncontent"))
ITEM_TEXTS = _text_names("behaviouritem")
FACTOR_TEXTS = _text_names("contextfactor")
ITEM_FIELDS = {"code", "condition", *ITEM_TEXTS}
SCALE_FIELDS = {"position", "label", "no_opportunity", *_text_names("scaleoption")}
FACTOR_FIELDS = {"code", *FACTOR_TEXTS}
QUESTION_TEXTS = _text_names("fitquestion")
QUESTION_FIELDS = {"code", "condition", "kind", *QUESTION_TEXTS}
QUESTION_KINDS = ("passend", "kind")
AGE_HINT_FIELDS = {"condition", "item", "min_age_months", "max_age_months", "text"}
POINTER_FIELDS = {*POINTER_FACTS, "conditions", *_text_names("interventionpointer")}
SOURCE_FIELDS = {"kind", "quote", "author", "written_on", "reference"}

HEADER = """\
# Checklistversie {number} van Hechtingswijzer: de inhoud zoals professionals haar zien.
# Een gepubliceerde versie verandert nooit meer; nieuwe inhoud is een nieuw bestand (een nieuw
# versienummer), ingelezen met `manage.py catalogue_import` als concept dat de controles bij het
# publiceren doorloopt. Zie docs/catalogue.md voor elk onderdeel.
"""


class _Problems:
    """Collects what is wrong with a file, each with where it is, for one ValidationError."""

    def __init__(self):
        self.found = []

    def add(self, where, message):
        self.found.append(f"{where}: {message}")

    def raise_any(self):
        if self.found:
            raise ValidationError(self.found)


def read(path) -> dict:
    """The version's data from the file at `path`; ValidationError in Dutch when it is wrong."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ValidationError(
            _("%(file)s is geen leesbaar YAML-bestand: %(error)s")
            % {"file": path.name, "error": error}
        ) from error
    return to_data(loaded)


def to_data(loaded) -> dict:
    """A file's contents (as YAML reads them) as version data, with every source written out."""
    problems = _Problems()
    if not isinstance(loaded, dict):
        raise ValidationError(_("Het bestand beschrijft geen checklistversie."))
    for key in sorted(set(loaded) - TOP_LEVEL):
        problems.add(key, _("onbekend onderdeel"))
    if not isinstance(loaded.get("number"), int) or loaded["number"] < 1:
        problems.add("number", _("een versienummer van 1 of hoger is nodig"))
    if loaded.get("edition") not in (1, 2):
        problems.add("edition", _("de opbouw is 1 of 2"))
    offers = loaded.get("offers") or []
    if not isinstance(offers, list) or not set(offers) <= set(OFFERS):
        problems.add("offers", _("kies uit %(names)s") % {"names": ", ".join(OFFERS)})
        offers = []
    sources = _sources(loaded.get("sources") or {}, problems)
    conditions = set(Condition.Key.values)

    def text(where, value):
        return _text(where, value, sources, problems)

    def mapping(where, value, allowed):
        if value is None:
            return {}
        if not isinstance(value, dict):
            problems.add(where, _("hier hoort een lijst van onderdelen met hun naam"))
            return {}
        for key in sorted(set(value) - allowed, key=str):
            problems.add(f"{where}.{key}", _("onbekend onderdeel"))
        return value

    def rows(where, value, allowed):
        if value is None:
            return []
        if not isinstance(value, list):
            problems.add(where, _("hier hoort een lijst"))
            return []
        return [mapping(f"{where}[{index}]", row, allowed) for index, row in enumerate(value, 1)]

    texts = mapping("texts", loaded.get("texts"), VERSION_TEXTS)
    condition_texts = mapping("conditions", loaded.get("conditions"), conditions)
    data = {
        "number": loaded.get("number"),
        "edition": loaded.get("edition"),
        "offers": [name for name in OFFERS if name in offers],
        "change_note": _string("change_note", loaded.get("change_note", ""), problems),
        "texts": {name: text(f"texts.{name}", value) for name, value in texts.items()},
        "conditions": {
            key: {
                name: text(f"conditions.{key}.{name}", value)
                for name, value in mapping(
                    f"conditions.{key}", condition_texts[key], CONDITION_TEXTS
                ).items()
            }
            for key in Condition.Key.values
            if key in condition_texts
        },
        "items": [],
        "scale": [],
        "stress_factors": [],
        "fit_questions": [],
        "age_hints": [],
        "meldcode": {},
        "pointers": [],
    }
    for index, item in enumerate(rows("items", loaded.get("items"), ITEM_FIELDS), 1):
        where = f"items[{index}]"
        if item.get("condition") not in conditions:
            problems.add(where, _("de voorwaarde is een van %(keys)s") % {"keys": conditions})
        data["items"].append(
            {
                "code": _string(f"{where}.code", item.get("code"), problems, required=True),
                "condition": item.get("condition"),
                **{
                    name: text(f"{where}.{name}", item[name]) for name in ITEM_TEXTS if name in item
                },
            }
        )
    for index, option in enumerate(rows("scale", loaded.get("scale"), SCALE_FIELDS), 1):
        where = f"scale[{index}]"
        if not isinstance(option.get("position"), int) or option["position"] < 0:
            problems.add(where, _("een positie van 0 of hoger is nodig"))
        data["scale"].append(
            {
                "position": option.get("position"),
                "label": _string(f"{where}.label", option.get("label"), problems, required=True),
                "no_opportunity": option.get("no_opportunity") is True,
                "definition": text(f"{where}.definition", option.get("definition", "")),
            }
        )
    for index, factor in enumerate(
        rows("stress_factors", loaded.get("stress_factors"), FACTOR_FIELDS), 1
    ):
        where = f"stress_factors[{index}]"
        data["stress_factors"].append(
            {
                "code": _string(f"{where}.code", factor.get("code"), problems, required=True),
                **{
                    name: text(f"{where}.{name}", factor[name])
                    for name in FACTOR_TEXTS
                    if name in factor
                },
            }
        )
    for index, question in enumerate(
        rows("fit_questions", loaded.get("fit_questions"), QUESTION_FIELDS), 1
    ):
        where = f"fit_questions[{index}]"
        if question.get("condition") not in conditions:
            problems.add(where, _("de voorwaarde is een van %(keys)s") % {"keys": conditions})
        if question.get("kind") not in QUESTION_KINDS:
            problems.add(
                f"{where}.kind", _("de soort is een van %(kinds)s") % {"kinds": QUESTION_KINDS}
            )
        data["fit_questions"].append(
            {
                "code": _string(f"{where}.code", question.get("code"), problems, required=True),
                "condition": question.get("condition"),
                "kind": question.get("kind"),
                **{
                    name: text(f"{where}.{name}", question[name])
                    for name in QUESTION_TEXTS
                    if name in question
                },
            }
        )
    for index, hint in enumerate(rows("age_hints", loaded.get("age_hints"), AGE_HINT_FIELDS), 1):
        where = f"age_hints[{index}]"
        if hint.get("condition") not in conditions:
            problems.add(where, _("de voorwaarde is een van %(keys)s") % {"keys": conditions})
        for bound in ("min_age_months", "max_age_months"):
            if not isinstance(hint.get(bound), int) or hint[bound] < 0:
                problems.add(f"{where}.{bound}", _("een aantal maanden van 0 of hoger"))
        data["age_hints"].append(
            {
                "condition": hint.get("condition"),
                "item": _string(f"{where}.item", hint.get("item"), problems),
                "min_age_months": hint.get("min_age_months"),
                "max_age_months": hint.get("max_age_months"),
                "text": text(f"{where}.text", hint.get("text", "")),
            }
        )
    meldcode = mapping("meldcode", loaded.get("meldcode"), set(MELDCODE_KINDS.values()))
    for kind, texts_by_number in meldcode.items():
        for number, value in mapping(f"meldcode.{kind}", texts_by_number, set(range(1, 6))).items():
            data["meldcode"].setdefault(kind, {})[str(number)] = text(
                f"meldcode.{kind}.{number}", value
            )
    for index, pointer in enumerate(rows("pointers", loaded.get("pointers"), POINTER_FIELDS), 1):
        where = f"pointers[{index}]"
        keys = pointer.get("conditions") or []
        if not isinstance(keys, list) or not set(keys) <= conditions:
            problems.add(f"{where}.conditions", _("onbekende voorwaarde"))
            keys = []
        for fact in ("recognised_on", "review_on"):
            if not _is_date(pointer.get(fact)):
                problems.add(f"{where}.{fact}", _("een datum als 2027-06-01"))
        _string(f"{where}.name", pointer.get("name"), problems, required=True)
        data["pointers"].append(
            {
                **{fact: pointer.get(fact) for fact in POINTER_FACTS},
                "conditions": [key for key in Condition.Key.values if key in keys],
                "description": text(f"{where}.description", pointer.get("description", "")),
            }
        )
    problems.raise_any()
    return compact(data)


def _string(where, value, problems, required=False):
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(where, _("hier hoort een tekst"))
        return ""
    return value


def _is_date(value):
    """Empty, a date, or a date written as 2026-12-03."""
    if value is None or isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _sources(declared, problems) -> dict:
    if not isinstance(declared, dict):
        problems.add("sources", _("hier hoort een lijst van bronnen met hun naam"))
        return {}
    sources = {}
    kinds = set(TextSource.Kind.values)
    for key, source in declared.items():
        where = f"sources.{key}"
        if not isinstance(source, dict) or source.get("kind") not in kinds:
            problems.add(where, _("een bron heeft een soort: %(kinds)s") % {"kinds": kinds})
            continue
        for field in sorted(set(source) - SOURCE_FIELDS):
            problems.add(f"{where}.{field}", _("onbekend onderdeel"))
        if not _is_date(source.get("written_on")):
            problems.add(f"{where}.written_on", _("een datum als 2026-12-03"))
        sources[key] = compact({field: source.get(field) for field in sorted(SOURCE_FIELDS)})
    return sources


def _text(where, value, sources, problems):
    """A text as version data: the string alone, or {text, source} with the source written out."""
    if value is None or isinstance(value, str):
        return value or ""
    if not isinstance(value, dict) or set(value) - {"text", "source"}:
        problems.add(where, _("een tekst is een zin, of ‘text’ met ‘source’"))
        return ""
    text = _string(f"{where}.text", value.get("text", ""), problems)
    reference = value.get("source")
    if reference is None:
        return text
    if reference == KNOWLEDGE_PAGE:
        return {"text": text, "source": {"kind": KNOWLEDGE_PAGE, "quote": text}}
    if isinstance(reference, dict) and set(reference) == {KNOWLEDGE_PAGE}:
        quote = _string(f"{where}.source", reference[KNOWLEDGE_PAGE], problems, required=True)
        return {"text": text, "source": {"kind": KNOWLEDGE_PAGE, "quote": quote}}
    if isinstance(reference, str) and reference in sources:
        return {"text": text, "source": sources[reference]}
    problems.add(
        f"{where}.source",
        _("‘%(source)s’ staat niet onder ‘sources’; of schrijf ‘kennispagina’")
        % {"source": reference},
    )
    return text


# Writing a version's data as a file.


def to_file(data: dict) -> dict:
    """Version data in a file's shape: each source other than a knowledge-page quote written
    once under `sources:` (named by its kind and a number) and referred to by that name."""
    named = {}

    def reference(source, text):
        if source["kind"] == KNOWLEDGE_PAGE and set(source) <= {"kind", "quote"}:
            if source.get("quote", "") == text:
                return KNOWLEDGE_PAGE
            return {KNOWLEDGE_PAGE: source.get("quote", "")}
        for key, known in named.items():
            if known == source:
                return key
        count = sum(1 for key in named if key.startswith(source["kind"]))
        key = f"{source['kind']}-{count + 1}"
        named[key] = source
        return key

    def walk(value):
        if isinstance(value, dict) and set(value) == {"text", "source"}:
            return {"text": value["text"], "source": reference(value["source"], value["text"])}
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    body = walk(data)
    head = {
        key: body.pop(key) for key in ("number", "edition", "offers", "change_note") if key in body
    }
    sources = {
        key: {field: _as_date(field, value) for field, value in source.items()}
        for key, source in named.items()
    }
    pointers = [
        {fact: _as_date(fact, value) for fact, value in pointer.items()}
        for pointer in body.pop("pointers", [])
    ]
    meldcode = {
        kind: {int(number): text for number, text in texts.items()}
        for kind, texts in body.pop("meldcode", {}).items()
    }
    shaped = {**head, "sources": sources, **body, "meldcode": meldcode, "pointers": pointers}
    return {key: value for key, value in shaped.items() if value not in ({}, [], "")}


def _as_date(field, value):
    if field in {"written_on", "recognised_on", "review_on"} and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


class _Dumper(yaml.SafeDumper):
    """Keeps the order of the data, and writes a text of several lines as a block."""


def _string_representer(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string_representer)


def dump(data: dict) -> str:
    """The YAML text of a version's file, with a header saying what the file is."""
    body = yaml.dump(
        to_file(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=98, indent=2
    )
    return HEADER.format(number=data["number"]) + body
