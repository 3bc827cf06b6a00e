"""The message catalogues in locale/: complete, consistent with their compiled files, served.

The source strings in the code are Dutch; locale/nl is the identity catalogue (it pins our
Dutch against other apps' catalogues that happen to share a msgid) and locale/en the English
translation. The compiled .mo files are committed, so a fresh machine needs no gettext; these
tests catch a .po edited without recompiling, an English entry left empty or fuzzy, and a
placeholder lost in translation.
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["nl", "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def live_entries(lang: str) -> list[polib.POEntry]:
    return [entry for entry in catalogue(lang) if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_header_is_usable(lang):
    """A fuzzy header is dropped by msgfmt, and with it the charset and plural rule."""
    po = catalogue(lang)
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == lang
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")
    assert len(live_entries(lang)) > 50


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    problems = [
        entry.msgid
        for entry in live_entries(lang)
        if "fuzzy" in entry.flags or not all(translations(entry))
    ]
    assert not problems, f"{lang}: untranslated or fuzzy: {problems}"


def test_nl_catalogue_is_the_identity():
    """The code's strings are Dutch: the Dutch catalogue repeats them unchanged."""
    changed = [
        entry.msgid
        for entry in live_entries("nl")
        if translations(entry)
        != ([entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid])
    ]
    assert not changed, changed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang):
    lost = []
    for entry in live_entries(lang):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in translations(entry):
            if sorted(PLACEHOLDER.findall(text)) != expected:
                lost.append((entry.msgid, text))
    assert not lost, lost


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalogue_matches_its_source(lang):
    """The committed .mo holds exactly what the .po says (run `make compilemessages`)."""
    mo_path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `make compilemessages`"
    compiled = {
        (entry.msgctxt, entry.msgid): translations(entry)
        for entry in polib.mofile(str(mo_path))
        if entry.msgid
    }
    source = {(entry.msgctxt, entry.msgid): translations(entry) for entry in live_entries(lang)}
    assert compiled == source, "locale/*.mo is out of date: run `make compilemessages`"


def test_english_is_served_and_dutch_is_the_default():
    with translation.override("en"):
        assert translation.gettext("Naar de inhoud") == "Skip to content"
        assert translation.ngettext("%(counter)s resultaat", "%(counter)s resultaten", 2) == (
            "%(counter)s results"
        )
    with translation.override("nl"):
        assert translation.gettext("Naar de inhoud") == "Naar de inhoud"
    assert settings.LANGUAGE_CODE == "nl"
