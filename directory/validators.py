"""Validators and normalisers for Dutch identifiers used in the directory.

They live apart from the models so that forms, the CSV/HSDS importers and the API apply exactly
the same rules.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_RE = re.compile(r"^\d{8}$")
# Dutch postcodes: four digits (no leading zero), two letters; SA, SD and SS are never issued.
POSTCODE_RE = re.compile(r"^([1-9]\d{3})\s?(?!SA|SD|SS)([A-Z]{2})$")
PC4_RE = re.compile(r"^[1-9]\d{3}$")


def normalise_kvk(value: str) -> str:
    """Strip the spaces and dots people type in a KvK number ("12 34 56 78")."""
    return re.sub(r"[\s.]", "", value or "")


def validate_kvk_number(value: str) -> None:
    """A KvK number (Kamer van Koophandel) is exactly eight digits."""
    if value and not KVK_RE.match(value):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="invalid_kvk"
        )


def normalise_postcode(value: str) -> str:
    """Return a postcode in the canonical form "1234 AB" (or the input when it is not one)."""
    compact = re.sub(r"\s+", "", (value or "").upper())
    match = POSTCODE_RE.match(compact)
    if not match:
        return (value or "").strip()
    return f"{match.group(1)} {match.group(2)}"


def validate_postcode(value: str) -> None:
    """A Dutch postcode is four digits and two letters, for example 1234 AB."""
    if value and not POSTCODE_RE.match(re.sub(r"\s+", "", value.upper())):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."), code="invalid_postcode"
        )


def pc4_of(value: str) -> str:
    """The four-digit area of a postcode ("1234 AB" -> "1234"), or "" when there is none."""
    digits = re.sub(r"\s+", "", value or "")[:4]
    return digits if PC4_RE.match(digits) else ""
