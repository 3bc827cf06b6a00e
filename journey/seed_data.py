"""The journey's seed content, taken only from DOMAIN.md (the product's domain brief).

Nothing here is marked "verify" in the brief (for example the length of the integration term
is left out). Descriptions are short paraphrases of what the brief states; where the brief
names an actor without describing it (SAVE), the description stays empty for editors to write.
"""

JOURNEY_TITLE = "Van aankomst tot integratie in de wijk vraagt samenwerking"
JOURNEY_INTRO = (
    "De klantreis brengt de hele route in kaart, van aankomst tot integratie in de wijk, en "
    "laat zien wie wat doet en wanneer. Sinds 1 januari 2022 geldt de Wet inburgering 2021: "
    "gemeenten voeren de regie over de inburgering van inburgeringsplichtigen."
)
MINDMAP_TITLE = "Wat een statushouder zoal tegenkomt"
MINDMAP_INTRO = (
    "De mindmap toont de hoeveelheid instanties en trajecten waarmee een statushouder te maken "
    "krijgt, geordend naar levensdomein."
)
CHANGE_SUMMARY = "Eerste versie van de klantreis, opgesteld op basis van de Wet inburgering 2021."

# (slug, title, summary, needs, timing, legal basis)
PHASES = [
    (
        "aankomst-en-asielprocedure",
        "Aankomst en asielprocedure",
        "Aankomst, registratie en de asielprocedure. Opvang in een asielzoekerscentrum (azc) "
        "van het COA; de IND beslist; VluchtelingenWerk ondersteunt asielzoekers tijdens de "
        "procedure.",
        "",
        "",
        "",
    ),
    (
        "vergunning-en-koppeling",
        "Vergunning en koppeling",
        "De verblijfsvergunning wordt verleend. Het COA koppelt de vergunninghouder aan een "
        "gemeente (elke gemeente heeft een taakstelling voor huisvesting). De gemeente kan de "
        "brede intake al starten terwijl de persoon nog in het azc woont.",
        "",
        "",
        "",
    ),
    (
        "begeleiding-naar-verhuizing",
        "Begeleiding naar verhuizing",
        "Huisvesting via de woningcorporatie, verhuizing uit het azc, inschrijving in de BRP, "
        "inkomen (Participatiewet), zorgverzekering, bankrekening, toeslagen en inrichting.",
        "Een woning, inschrijving in de BRP, inkomen, een zorgverzekering, een bankrekening, "
        "toeslagen en inrichting.",
        "",
        "Participatiewet, artikel 56a (financieel ontzorgen)",
    ),
    (
        "brede-intake-en-pip",
        "Brede intake en PIP",
        "De gemeente voert de brede intake uit (taal, opleiding, werk, gezondheid, gezin) en "
        "stelt met de inburgeringsplichtige het Persoonlijk Plan Inburgering en Participatie "
        "(PIP) op, met een leerroute.",
        "",
        "",
        "Wet inburgering 2021",
    ),
    (
        "inburgering-en-participatie",
        "Inburgering en participatie",
        "De leerroute (B1-route, onderwijsroute of Z-route), KNM, het PVT en de MAP; taallessen "
        "bij taalaanbieders, vrijwilligerswerk en stages.",
        "",
        "",
        "Wet inburgering 2021",
    ),
    (
        "werk-opleiding-en-inkomen",
        "Werk, opleiding en inkomen",
        "Werk, opleiding, erkenning van diploma's, UWV en werkgevers.",
        "",
        "",
        "",
    ),
    (
        "integratie-in-de-wijk",
        "Integratie in de wijk",
        "Wonen in de wijk: sociaal netwerk, buren, sport en verenigingen, het Taalhuis van de "
        "bibliotheek, scholen, huisarts en zorg, sociaalwerkteams in de wijk en vrijwilligers "
        "(taalmaatjes, buddy's). Het doel: van aankomst tot integratie in de wijk.",
        "",
        "",
        "",
    ),
]

# (slug, name, description)
ACTORS = [
    ("statushouder", "Nieuwkomer (statushouder)", "De nieuwkomer staat centraal in de klantreis."),
    ("coa", "COA", "Het COA verzorgt de opvang in asielzoekerscentra (azc)."),
    ("ind", "IND", "De IND beslist over de asielaanvraag."),
    (
        "vluchtelingenwerk",
        "VluchtelingenWerk Nederland",
        "VluchtelingenWerk ondersteunt asielzoekers tijdens de asielprocedure.",
    ),
    (
        "gemeente",
        "Gemeente",
        "Sinds 1 januari 2022 voert de gemeente de regie over de inburgering (Wet inburgering "
        "2021).",
    ),
    (
        "sociaalwerkorganisaties",
        "Sociaalwerkorganisaties en brede welzijnsorganisaties",
        "Sociaalwerk- en welzijnsorganisaties, onder meer met sociaalwerkteams in de wijk.",
    ),
    (
        "duo",
        "DUO",
        "DUO voert de inburgeringsplicht uit en neemt de examens af.",
    ),
    ("taalaanbieders", "Taalaanbieders", "Taalscholen die taallessen en leerroutes verzorgen."),
    (
        "vrijwilligers",
        "Vrijwilligersorganisaties en vrijwilligers",
        "Vrijwilligers, bijvoorbeeld als taalmaatje of buddy.",
    ),
    ("uwv", "UWV", ""),
    ("werkgevers", "Werkgevers", ""),
    ("woningcorporaties", "Woningcorporaties", "Woningcorporaties zorgen voor huisvesting."),
    ("zorg", "Zorg (GGD, huisarts)", "Gezondheidszorg, zoals de GGD en de huisarts."),
    (
        "onderwijs",
        "Onderwijs",
        "Onderwijs, bijvoorbeeld de internationale schakelklassen (ISK).",
    ),
    ("nidos", "Nidos", "Nidos is voogd van alleenstaande minderjarige vluchtelingen."),
    ("politie", "Politie", ""),
    ("save", "SAVE", ""),
    ("ervaringsdeskundigen", "Ervaringsdeskundigen", ""),
]

# (phase slug, actor slug, what the actor does, hands over to actor slug or "")
RESPONSIBILITIES = [
    ("aankomst-en-asielprocedure", "coa", "Vangt asielzoekers op in een azc.", ""),
    ("aankomst-en-asielprocedure", "ind", "Beslist over de asielaanvraag.", ""),
    (
        "aankomst-en-asielprocedure",
        "vluchtelingenwerk",
        "Ondersteunt asielzoekers tijdens de asielprocedure.",
        "",
    ),
    ("vergunning-en-koppeling", "ind", "Verleent de verblijfsvergunning.", ""),
    (
        "vergunning-en-koppeling",
        "coa",
        "Koppelt de vergunninghouder aan een gemeente.",
        "gemeente",
    ),
    (
        "vergunning-en-koppeling",
        "gemeente",
        "Huisvest vergunninghouders volgens de taakstelling en kan de brede intake al starten "
        "terwijl de persoon nog in het azc woont.",
        "",
    ),
    (
        "begeleiding-naar-verhuizing",
        "woningcorporaties",
        "Zorgen voor een woning.",
        "",
    ),
    (
        "begeleiding-naar-verhuizing",
        "gemeente",
        "Schrijft in in de BRP, verstrekt inkomen volgens de Participatiewet, biedt "
        "maatschappelijke begeleiding en ontzorgt financieel: zes maanden betaalt de gemeente "
        "huur, gas, water, elektriciteit en zorgverzekering uit de uitkering (artikel 56a "
        "Participatiewet).",
        "",
    ),
    (
        "brede-intake-en-pip",
        "gemeente",
        "Voert de brede intake uit (taal, opleiding, werk, gezondheid, gezin) en stelt het PIP "
        "op met een leerroute.",
        "",
    ),
    ("brede-intake-en-pip", "duo", "Voert de inburgeringsplicht uit.", ""),
    (
        "inburgering-en-participatie",
        "gemeente",
        "Koopt het cursusaanbod in.",
        "taalaanbieders",
    ),
    (
        "inburgering-en-participatie",
        "taalaanbieders",
        "Geven taallessen binnen de leerroute.",
        "",
    ),
    ("inburgering-en-participatie", "duo", "Neemt de examens af.", ""),
    (
        "inburgering-en-participatie",
        "vrijwilligers",
        "Bieden vrijwilligerswerk en stages.",
        "",
    ),
    ("werk-opleiding-en-inkomen", "uwv", "Betrokken bij werk en inkomen.", ""),
    ("werk-opleiding-en-inkomen", "werkgevers", "Bieden werk.", ""),
    (
        "werk-opleiding-en-inkomen",
        "onderwijs",
        "Onderwijs via de onderwijsroute, richting mbo, hbo of universiteit.",
        "",
    ),
    (
        "integratie-in-de-wijk",
        "sociaalwerkorganisaties",
        "Sociaalwerkteams in de wijk.",
        "",
    ),
    (
        "integratie-in-de-wijk",
        "vrijwilligers",
        "Taalmaatjes en buddy's.",
        "",
    ),
    ("integratie-in-de-wijk", "zorg", "Huisarts en zorg.", ""),
    ("integratie-in-de-wijk", "onderwijs", "Scholen in de wijk.", ""),
]

# (phase slug, attention-point page title) — linked when the cms has published that page.
ATTENTION_POINTS = [
    ("begeleiding-naar-verhuizing", "Begeleiding naar verhuizing"),
    ("brede-intake-en-pip", "De nieuwe Wet inburgering"),
    ("inburgering-en-participatie", "De nieuwe Wet inburgering"),
    ("integratie-in-de-wijk", "De rol van de vrijwilligers"),
]

# Mindmap: (slug, label, kind, actor slugs, phase slugs, belongs-to node slugs)
DOMAINS = [
    ("wonen", "Wonen"),
    ("werk-en-inkomen", "Werk en inkomen"),
    ("taal-en-inburgering", "Taal en inburgering"),
    ("onderwijs", "Onderwijs"),
    ("gezondheid", "Gezondheid"),
    ("financien", "Financiën"),
    ("juridisch-en-verblijf", "Juridisch en verblijf"),
    ("gezin", "Gezin"),
    ("sociaal-netwerk", "Sociaal netwerk"),
]
NODES = [
    (
        "coa",
        "COA",
        "agency",
        ["coa"],
        ["aankomst-en-asielprocedure"],
        ["juridisch-en-verblijf", "wonen"],
    ),
    ("ind", "IND", "agency", ["ind"], ["aankomst-en-asielprocedure"], ["juridisch-en-verblijf"]),
    (
        "vluchtelingenwerk",
        "VluchtelingenWerk",
        "agency",
        ["vluchtelingenwerk"],
        ["aankomst-en-asielprocedure"],
        ["juridisch-en-verblijf"],
    ),
    (
        "asielprocedure",
        "Asielprocedure",
        "trajectory",
        [],
        ["aankomst-en-asielprocedure"],
        ["juridisch-en-verblijf"],
    ),
    (
        "verblijfsvergunning",
        "Verblijfsvergunning",
        "scheme",
        ["ind"],
        ["vergunning-en-koppeling"],
        ["juridisch-en-verblijf"],
    ),
    ("politie", "Politie", "agency", ["politie"], [], ["juridisch-en-verblijf"]),
    (
        "woningcorporatie",
        "Woningcorporatie",
        "agency",
        ["woningcorporaties"],
        ["begeleiding-naar-verhuizing"],
        ["wonen"],
    ),
    (
        "taakstelling",
        "Taakstelling huisvesting",
        "scheme",
        ["gemeente"],
        ["vergunning-en-koppeling"],
        ["wonen"],
    ),
    (
        "brp",
        "Inschrijving in de BRP",
        "scheme",
        ["gemeente"],
        ["begeleiding-naar-verhuizing"],
        ["wonen"],
    ),
    (
        "gemeente",
        "Gemeente",
        "agency",
        ["gemeente"],
        ["vergunning-en-koppeling", "begeleiding-naar-verhuizing", "brede-intake-en-pip"],
        ["werk-en-inkomen", "taal-en-inburgering", "financien"],
    ),
    (
        "participatiewet",
        "Participatiewet",
        "scheme",
        ["gemeente"],
        ["begeleiding-naar-verhuizing"],
        ["werk-en-inkomen"],
    ),
    ("uwv", "UWV", "agency", ["uwv"], ["werk-opleiding-en-inkomen"], ["werk-en-inkomen"]),
    (
        "werkgevers",
        "Werkgevers",
        "agency",
        ["werkgevers"],
        ["werk-opleiding-en-inkomen"],
        ["werk-en-inkomen"],
    ),
    (
        "map",
        "MAP",
        "trajectory",
        [],
        ["inburgering-en-participatie"],
        ["werk-en-inkomen", "taal-en-inburgering"],
    ),
    (
        "wet-inburgering",
        "Wet inburgering 2021",
        "scheme",
        ["gemeente"],
        ["brede-intake-en-pip"],
        ["taal-en-inburgering"],
    ),
    (
        "brede-intake",
        "Brede intake",
        "trajectory",
        ["gemeente"],
        ["brede-intake-en-pip"],
        ["taal-en-inburgering"],
    ),
    (
        "pip",
        "PIP",
        "trajectory",
        ["gemeente"],
        ["brede-intake-en-pip"],
        ["taal-en-inburgering"],
    ),
    ("duo", "DUO", "agency", ["duo"], ["inburgering-en-participatie"], ["taal-en-inburgering"]),
    (
        "taalaanbieders",
        "Taalaanbieders",
        "agency",
        ["taalaanbieders"],
        ["inburgering-en-participatie"],
        ["taal-en-inburgering"],
    ),
    (
        "b1-route",
        "B1-route",
        "trajectory",
        [],
        ["inburgering-en-participatie"],
        ["taal-en-inburgering"],
    ),
    (
        "z-route",
        "Z-route",
        "trajectory",
        [],
        ["inburgering-en-participatie"],
        ["taal-en-inburgering"],
    ),
    (
        "knm",
        "KNM",
        "trajectory",
        [],
        ["inburgering-en-participatie"],
        ["taal-en-inburgering"],
    ),
    (
        "pvt",
        "PVT",
        "trajectory",
        [],
        ["inburgering-en-participatie"],
        ["taal-en-inburgering"],
    ),
    (
        "taalhuis",
        "Taalhuis (bibliotheek)",
        "agency",
        [],
        ["integratie-in-de-wijk"],
        ["taal-en-inburgering"],
    ),
    (
        "onderwijsroute",
        "Onderwijsroute",
        "trajectory",
        ["onderwijs"],
        ["inburgering-en-participatie"],
        ["onderwijs", "taal-en-inburgering"],
    ),
    ("isk", "Internationale schakelklas (ISK)", "agency", ["onderwijs"], [], ["onderwijs"]),
    (
        "diplomawaardering",
        "Erkenning van diploma's",
        "scheme",
        [],
        ["werk-opleiding-en-inkomen"],
        ["onderwijs"],
    ),
    ("scholen", "Scholen", "agency", ["onderwijs"], ["integratie-in-de-wijk"], ["onderwijs"]),
    ("ggd", "GGD", "agency", ["zorg"], [], ["gezondheid"]),
    ("huisarts", "Huisarts", "agency", ["zorg"], ["integratie-in-de-wijk"], ["gezondheid"]),
    (
        "zorgverzekering",
        "Zorgverzekering",
        "scheme",
        [],
        ["begeleiding-naar-verhuizing"],
        ["gezondheid", "financien"],
    ),
    (
        "financieel-ontzorgen",
        "Financieel ontzorgen",
        "scheme",
        ["gemeente"],
        ["begeleiding-naar-verhuizing"],
        ["financien"],
    ),
    ("toeslagen", "Toeslagen", "scheme", [], ["begeleiding-naar-verhuizing"], ["financien"]),
    (
        "bankrekening",
        "Bankrekening",
        "scheme",
        [],
        ["begeleiding-naar-verhuizing"],
        ["financien"],
    ),
    ("nareizigers", "Nareizigers", "scheme", [], [], ["gezin"]),
    ("nidos", "Nidos", "agency", ["nidos"], [], ["gezin"]),
    (
        "sociaal-werk",
        "Sociaalwerkteams in de wijk",
        "agency",
        ["sociaalwerkorganisaties"],
        ["integratie-in-de-wijk"],
        ["sociaal-netwerk"],
    ),
    (
        "maatschappelijke-begeleiding",
        "Maatschappelijke begeleiding",
        "trajectory",
        ["gemeente"],
        ["begeleiding-naar-verhuizing"],
        ["sociaal-netwerk"],
    ),
    (
        "vrijwilligers",
        "Vrijwilligers (taalmaatjes, buddy's)",
        "agency",
        ["vrijwilligers"],
        ["integratie-in-de-wijk"],
        ["sociaal-netwerk"],
    ),
    (
        "sport",
        "Sport en verenigingen",
        "agency",
        [],
        ["integratie-in-de-wijk"],
        ["sociaal-netwerk"],
    ),
    ("buren", "Buren", "agency", [], ["integratie-in-de-wijk"], ["sociaal-netwerk"]),
    (
        "ervaringsdeskundigen",
        "Ervaringsdeskundigen",
        "agency",
        ["ervaringsdeskundigen"],
        [],
        ["sociaal-netwerk"],
    ),
]
# Descriptions for nodes whose label is an abbreviation or needs its legal source.
NODE_DESCRIPTIONS = {
    "map": "Module Arbeidsmarkt en Participatie.",
    "pip": "Persoonlijk Plan Inburgering en Participatie, opgesteld door de gemeente.",
    "knm": "Kennis van de Nederlandse Maatschappij.",
    "pvt": "Participatieverklaringstraject.",
    "financieel-ontzorgen": (
        "Artikel 56a Participatiewet: voor asielstatushouders met een bijstandsuitkering betaalt "
        "de gemeente zes maanden huur, gas, water, elektriciteit en zorgverzekering uit de "
        "uitkering."
    ),
    "b1-route": "Nederlands tot niveau B1, gecombineerd met werk of participatie.",
    "onderwijsroute": "Vooral voor jongeren, richting mbo, hbo of universiteit.",
    "z-route": (
        "Zelfredzaamheidsroute, voor wie B1 niet haalbaar is: zelfredzaamheid en participatie."
    ),
    "brede-intake": "Taal, opleiding, werk, gezondheid en gezin.",
    "nareizigers": "Gezinsleden die de statushouder volgen.",
    "nidos": "Voogdij over alleenstaande minderjarige vluchtelingen.",
}

# Other connections the brief states: (source slug, kind, target slug)
LINKS = [
    ("brede-intake", "leads_to", "pip"),
    ("pip", "leads_to", "b1-route"),
    ("pip", "leads_to", "onderwijsroute"),
    ("pip", "leads_to", "z-route"),
    ("asielprocedure", "leads_to", "verblijfsvergunning"),
    ("financieel-ontzorgen", "refers_to", "participatiewet"),
    ("duo", "refers_to", "wet-inburgering"),
]
