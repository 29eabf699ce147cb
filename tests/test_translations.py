"""Dutch first, English second: every string the Dutch UI shows has an English translation, and
the admin's JavaScript texts are Dutch too."""

import json
import re
from pathlib import Path

from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation
from django.views.i18n import JSONCatalog

from accounts.roles import FUNCTIONAL_ADMIN_PERMISSIONS

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_string_has_an_english_translation():
    entries = CATALOGUE.read_text().split("\n\n")[1:]  # the first block is the header
    untranslated = [
        entry
        for entry in entries
        if not entry.startswith("#~")
        and (re.search(r'^msgstr(\[\d\])? ""\Z', entry.strip(), re.MULTILINE) or "fuzzy" in entry)
    ]
    assert entries
    assert untranslated == []


def test_translations_keep_their_placeholders():
    entries = CATALOGUE.read_text().split("\n\n")[1:]
    broken = []
    for entry in entries:
        if entry.startswith("#~"):
            continue
        source, _sep, target = entry.partition("msgstr")
        wanted = set(re.findall(r"%\((\w+)\)[sd]", source))
        if set(re.findall(r"%\((\w+)\)[sd]", target)) != wanted:
            broken.append(entry)
    assert broken == []


def test_the_admins_javascript_speaks_dutch():
    """The two-list choice of groups and rights on a user's page writes its texts with Django's
    JavaScript catalogue, whose Dutch lacks some of them (locale/nl/LC_MESSAGES/djangojs.po)."""
    script = Path(admin.__file__).parent / "static" / "admin" / "js" / "SelectFilter2.js"
    texts = set(re.findall(r"gettext\('([^']+)'\)", script.read_text()))
    with translation.override("nl"):
        catalog = JSONCatalog.as_view(packages=["django.contrib.admin"])(RequestFactory().get("/"))
    translated = json.loads(catalog.content)["catalog"]
    assert "Choose all %s" in texts
    assert [text for text in sorted(texts) if not translated.get(text)] == []


def test_every_section_of_the_functional_admins_sidebar_has_a_dutch_name():
    """Django names an app without a name of its own after its label ('Zgw_Consumers')."""
    labels = {model._meta.app_label for model in admin.site._registry}
    unnamed = [
        label
        for label in sorted(labels & set(FUNCTIONAL_ADMIN_PERMISSIONS))
        if apps.get_app_config(label).verbose_name == label.title()
    ]
    assert "zgw_consumers" in labels
    assert unnamed == []
