"""English is the second language: every string the Dutch UI shows has an English translation."""

import re
from pathlib import Path

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
