"""Default vocabularies of the directory (editable afterwards; loading again adds only what is
missing, it never overwrites editors' corrections)."""

from .models import Language, OrganisationType

ORGANISATION_TYPES = [
    ("sociaal-werk", "Sociaalwerkorganisatie"),
    ("vluchtelingenwerk", "VluchtelingenWerk (lokale afdeling)"),
    ("gemeente", "Gemeente"),
    ("coa-locatie", "COA-locatie"),
    ("taalaanbieder", "Taalaanbieder"),
    ("vrijwilligersorganisatie", "Vrijwilligersorganisatie"),
    ("migrantenzelforganisatie", "Migrantenzelforganisatie"),
    ("werkgever", "Werkgever"),
    ("overig", "Overig"),
]

# ISO 639 codes with their Dutch names; Dutch and English first, then alphabetical.
LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "Engels"),
    ("am", "Amhaars"),
    ("ar", "Arabisch"),
    ("prs", "Dari"),
    ("de", "Duits"),
    ("fa", "Farsi (Perzisch)"),
    ("fr", "Frans"),
    ("ku", "Koerdisch"),
    ("uk", "Oekraïens"),
    ("ps", "Pasjtoe"),
    ("pl", "Pools"),
    ("ru", "Russisch"),
    ("so", "Somalisch"),
    ("es", "Spaans"),
    ("ti", "Tigrinya"),
    ("tr", "Turks"),
]


def load_organisation_types() -> int:
    created = 0
    for order, (slug, name) in enumerate(ORGANISATION_TYPES):
        _, was_created = OrganisationType.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
        created += was_created
    return created


def load_languages() -> int:
    created = 0
    for order, (code, name) in enumerate(LANGUAGES):
        _, was_created = Language.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )
        created += was_created
    return created
