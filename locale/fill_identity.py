"""Make locale/nl the identity catalogue after `makemessages` (run by `make messages`).

The code's strings are Dutch, so every Dutch msgstr repeats its msgid. msgmerge's fuzzy
guesses are dropped in nl (the identity is always right) and left, flagged, in other languages
for a translator; tests/test_translations.py fails until they are translated.
"""

import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent / "nl" / "LC_MESSAGES" / "django.po"


def main() -> int:
    po = polib.pofile(str(CATALOGUE), wrapwidth=100)
    filled = 0
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            identity = {0: entry.msgid, 1: entry.msgid_plural}
            if entry.msgstr_plural != identity:
                entry.msgstr_plural = identity
                filled += 1
        elif entry.msgstr != entry.msgid:
            entry.msgstr = entry.msgid
            filled += 1
    po.metadata_is_fuzzy = False
    po.save()
    print(f"locale/nl: {filled} entries set to their Dutch source text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
