"""The documents every backend is tested with (DESIGN example 6: same fixtures, same answers).

Fictional organisations; the expectations in test_contract.py are worked out by hand from them.
"""

from search.documents import IndexDocument

AMSTERDAM_CENTRAAL = (52.3791, 4.9003)

DOCUMENTS = [
    IndexDocument(
        object_id=1,
        name="Taalcafé De Brug",
        body="Elke week Nederlands oefenen met vrijwilligers.",
        keywords=["Taalaanbieder", "Inburgering"],
        facets={
            "phase": ["inburgering"],
            "municipality": ["amsterdam"],
            "organisation_type": ["taalaanbieder"],
            "language": ["nl", "ar"],
            "theme": ["taal"],
        },
        points=[(52.3702, 4.8952)],
        is_member=True,
    ),
    IndexDocument(
        object_id=2,
        name="Vrijwilligerscentrum Noord",
        body="Wij koppelen een vrijwilliger als taalmaatje.",
        keywords=["Vrijwilligersorganisatie", "Integratie in de wijk"],
        facets={
            "phase": ["wijk"],
            "municipality": ["amsterdam"],
            "organisation_type": ["vrijwilligersorganisatie"],
            "language": ["nl"],
            "theme": ["taal", "vrijwilligerswerk"],
        },
        points=[(52.4000, 4.9200)],
    ),
    IndexDocument(
        object_id=3,
        name="VluchtelingenWerk Midden-Nederland",
        body="Begeleiding van vergunninghouders tijdens de asielprocedure.",
        keywords=["VluchtelingenWerk", "Aankomst"],
        facets={
            "phase": ["aankomst", "vergunning"],
            "municipality": ["utrecht"],
            "organisation_type": ["vluchtelingenwerk"],
            "language": ["nl", "ar", "ti"],
        },
        points=[(52.0907, 5.1214)],
        is_member=True,
    ),
    IndexDocument(
        object_id=4,
        name="Buurthuis De Schakel",
        body="Een taalcafe en huiswerkbegeleiding in de wijk.",
        keywords=["Sociaal werk"],
        facets={
            "phase": ["wijk"],
            "municipality": ["utrecht"],
            "organisation_type": ["sociaalwerk"],
            "language": ["nl"],
            "theme": ["ontmoeting"],
        },
        points=[(52.1000, 5.1000)],
    ),
    IndexDocument(
        object_id=5,
        name="Werkgeversnetwerk Rotterdam",
        body="Stages en werk voor statushouders.",
        keywords=["Werkgever"],
        facets={
            "phase": ["werk"],
            "municipality": ["rotterdam"],
            "organisation_type": ["werkgever"],
            "language": ["nl", "en"],
            "theme": ["werk"],
        },
        points=[(51.9244, 4.4777)],
        is_member=True,
    ),
    IndexDocument(
        object_id=6,
        name="Stichting Zonder Locatie",
        body="Online spreekuur over inburgering.",
        keywords=["Sociaal werk"],
        facets={
            "phase": ["inburgering"],
            "municipality": ["amsterdam", "utrecht"],
            "organisation_type": ["sociaalwerk"],
            "language": ["nl", "fa"],
        },
        points=[],
    ),
]
