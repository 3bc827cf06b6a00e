"""The real seed content and the loader that puts it in the page tree.

All text below is taken from the source document (sociaalwerk-inburgering.txt), verbatim or
shortened, never extended. Structure (which page holds which paragraph) is ours.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from wagtail.models import Orderable, Page, Site
from wagtail.rich_text import RichText

from cms.models import (
    AttentionPointPage,
    BlogPage,
    CommitteeMember,
    CommitteePage,
    ContactPerson,
    HomePage,
    InformationPackagePage,
    Interviewee,
    InterviewPage,
    NewsIndexPage,
    OrganisationSettings,
    PackageItem,
    SectionPage,
)

HOME_TITLE = "Van aankomst tot integratie in de wijk"
LAW_INTRO = (
    "Sinds 1 januari 2022 zijn de gemeenten verantwoordelijk voor de inburgering van "
    "vluchtelingen. Ze namen die taak over van het Rijk, in de hoop dat op die manier meer en "
    "beter maatwerk kan worden geleverd, zodat nieuwkomers zich sneller een volwaardige plek "
    "kunnen verwerven in de Nederlandse samenleving."
)
HOME_INTRO = LAW_INTRO
CHAIN_TASK = (
    "Dit betekent ook een flinke opgave voor sociaalwerkorganisaties waaronder de brede "
    "welzijnsorganisaties, VluchtelingenWerk Nederland, en andere aanbieders, het COA en andere "
    "organisaties in het sociaal domein, SAVE, politie enz. Op deze plek vindt u actuele "
    "informatie over dit onderwerp en vanuit de commissie Vluchtelingen & Integratie van "
    "Sociaal Werk Nederland."
)
COMMITTEE_FOUNDED = (
    "Sociaal Werk Nederland heeft in 2017 een commissie Vluchtelingen & Integratie ingesteld."
)
COMMITTEE_PURPOSE = (
    "Doel was en is om de samenwerking en afstemming binnen de gehele keten te stroomlijnen en "
    "de kwaliteit van het uitvoerend werk te verhogen. Dat alles om te bewerkstelligen dat "
    "vluchtelingen zo goed en snel mogelijk optimaal in staat worden gesteld om te integreren en "
    "daadwerkelijk deel uit gaan maken van de samenleving."
)
COMMITTEE_TOOLS = (
    "De commissie heeft onder meer enkele tools ontwikkeld. U kunt deze gebruiken om "
    "'het gesprek' te voeren over integratie en inburgering. Er is een quickscan ontwikkeld en "
    "uitgezet onder lidorganisaties; de bevindingen zullen door de commissie worden "
    "geanalyseerd. Knelpunten zullen geagendeerd worden waar nodig."
)
MUNICIPALITIES = (
    "Veel gemeenten zijn nog druk bezig om te inventariseren wat er allemaal op hen afkomt, en "
    "welke landelijke en lokale organisaties een aandeel leveren in de uitvoering van de nieuwe "
    "wet. En dat is eigenlijk goed nieuws voor sociaalwerkorganisaties. De herschikking van "
    "taken biedt de kans om zich bij gemeenten te presenteren als een ideale partner bij het "
    "begeleiden van vluchtelingen."
)
TOOLS_1 = (
    "Om het gesprek met wethouders en ambtenaren aan te gaan biedt de commissie Vluchtelingen en "
    "Integratie van Sociaal Werk Nederland twee handige hulpmiddelen: de Klantreis en de "
    "Mindmap. Deze hebben we laten maken op basis van diverse denksessies. Beide tonen klip en "
    "klaar de verbijsterende hoeveelheid instanties en trajecten waarmee vluchtelingen in "
    "Nederland te maken krijgen. De Klantreis geeft echter ook houvast voor het organiseren van "
    "de samenwerking tussen de betrokken organisaties in de opeenvolgende fasen van de lange weg "
    "naar integratie. Wie doen wat en wanneer? U kunt de pdf-en printen."
)
TOOLS_2 = (
    "Beide instrumenten zijn gebaseerd op de ervaringen van vluchtelingen zelf, van "
    "professionals en van vrijwilligers. Ze sluiten dus goed aan bij de huidige praktijk, maar "
    "bieden gesprekspartners bij gemeenten ook aanknopingspunten voor aanscherpingen en eigen "
    "accenten in de uitvoering. En als sociaalwerkorganisatie kun je aan de hand van beide "
    "instrumenten nog eens onderstrepen hoe cruciaal juist sociaal werk is voor succesvolle "
    "inburgering en integratie."
)
PACKAGE_INTRO = (
    "Hierbij het handzame informatiepakket voor sociaalwerkorganisaties die nu en straks een "
    "aandeel (willen) hebben in de begeleiding van nieuwkomers. De overdracht van Rijk naar "
    "gemeenten is immers hét moment om jezelf te profileren als cruciale schakel in de "
    "integratieketen."
)
JOURNEY_TITLE = "Van aankomst tot integratie in de wijk vraagt samenwerking"
JOURNEY_DESCRIPTION = (
    "De klantreis brengt de hele route in kaart: van de verhuizing naar de wijk tot en met "
    "geslaagde integratie. En bovendien vijf aandachtspunten: niet-legaal verblijf, feiten en "
    "cijfers, begeleiding naar verhuizing, de rol van de vrijwilligers en de nieuwe Wet "
    "inburgering. Via de klantreis kan de mindmap worden geopend waarin wordt gevisualiseerd wat "
    "een statushouder zoal tegenkomt. Je kunt de klantreis gebruiken bij presentaties of mailen "
    "naar overheden, partners, medewerkers en vrijwilligers. Als nieuwe ontwikkelingen of "
    "regelgeving daarom vragen passen we de klantreis aan."
)
ATTENTION_INTRO = "Een van de vijf aandachtspunten bij de klantreis “" + JOURNEY_TITLE + "”."
ATTENTION_POINTS = [
    (1, "niet-legaal-verblijf", "Niet-legaal verblijf", []),
    (2, "feiten-en-cijfers", "Feiten en cijfers", []),
    (
        3,
        "begeleiding-naar-verhuizing",
        "Begeleiding naar verhuizing",
        [
            "De klantreis brengt de hele route in kaart: van de verhuizing naar de wijk tot en "
            "met geslaagde integratie."
        ],
    ),
    (4, "de-rol-van-de-vrijwilligers", "De rol van de vrijwilligers", []),
    (5, "de-nieuwe-wet-inburgering", "De nieuwe Wet inburgering", [LAW_INTRO]),
]
MEMBERS = [
    ("VluchtelingenWerk Nederland", "directie en senior strategisch adviseur uitvoering"),
    ("COA", "directie"),
    (
        "Sociaalwerkorganisaties die vluchtelingenwerk uitvoeren",
        "2 bestuurders en 1 uitvoerder, rekeninghoudend met stad en dorp/platteland",
    ),
    ("Ervaringsdeskundigen", "vanuit sociaal werk en vluchtelingenwerk"),
    ("Sociaal Werk Nederland", "medewerker/voorzitter en directie"),
]
PLANNED_MEMBERS = [
    ("Ministerie van Sociale Zaken en Werkgelegenheid (SZW)", "vertegenwoordiger(s)"),
    (
        "Divosa (gemeentelijke leidinggevenden in het sociaal domein)",
        "vertegenwoordiger(s)",
    ),
]
CONTACT = {
    "name": "Jennifer Elich",
    "job_title": "senior adviseur en voorzitter van de Commissie Vluchtelingen & Integratie",
    "organisation": "Sociaal Werk Nederland",
    "email": "elich@sociaalwerk.nl",
    "phone": "030 721 0 721",
}
BLOG = {
    "slug": "waar-het-goed-met-je-gaat-is-je-thuis",
    "title": "Waar het goed met je gaat, is je thuis",
    "author": "Gon Mevis",
    "author_organisation": "ContourdeTwern",
    "intro": "Een blog van Gon Mevis (ContourdeTwern) in het informatiepakket inburgering.",
}
INTERVIEW = {
    "slug": "interview-eric-wichgers-en-tineke-parson",
    "title": "Interview met Eric Wichgers en Tineke Parson",
    "intro": (
        "Een uitgebreid interview met Eric Wichgers (Figulus Welzijn) en Tineke Parson "
        "(VluchtelingenWerk Nederland) over onder meer samenwerken, aanbesteden, vrijwilligers "
        "en de opmars van extreemrechts."
    ),
    "people": [
        ("Eric Wichgers", "Figulus Welzijn"),
        ("Tineke Parson", "VluchtelingenWerk Nederland"),
    ],
    "tags": ["samenwerken", "aanbesteden", "vrijwilligers", "extreemrechts"],
}
QUICKSCAN = (
    "De resultaten van de quickscan die Sociaal Werk Nederland heeft uitgevoerd over inburgering "
    "en sociaal werk. Zodra die resultaten er zijn, worden ze toegevoegd aan het pakket."
)

# Where other apps serve the Klantreis and the partner directory: a page with one of these
# slugs, or one of these URL names. Tried in order; the first that exists wins.
JOURNEY_SLUGS = ["klantreis"]
JOURNEY_URL_NAMES = ["journey:index", "journey:journey", "journey:current", "journey-index"]
DIRECTORY_SLUGS = ["partners", "partnergids", "organisaties"]
DIRECTORY_URL_NAMES = ["directory_public:list", "directory:index", "directory:list"]


def paragraph(text: str) -> tuple[str, RichText]:
    return ("paragraph", RichText(f"<p>{text}</p>"))


def heading(text: str) -> tuple[str, dict]:
    return ("heading", {"text": text, "level": "h2"})


def find_target(slugs: list[str], url_names: list[str]) -> tuple[Page | None, str]:
    """A live page with one of the slugs, or a reversible URL name; (None, "") when absent."""
    page = Page.objects.live().filter(slug__in=slugs).order_by("depth").first()
    if page is not None:
        return page.specific, ""
    for name in url_names:
        try:
            return None, reverse(name)
        except NoReverseMatch:
            continue
    return None, ""


class SeedLoader:
    """Creates what is missing, page by page; records what it created in `created`."""

    def __init__(self):
        self.created: list[str] = []

    def run(self) -> HomePage:
        contact = self.ensure_contact()
        home = self.ensure_home()
        dossier = self.ensure_dossier(home)
        for number, slug, title, paragraphs in ATTENTION_POINTS:
            self.ensure_attention_point(dossier, number, slug, title, paragraphs, contact)
        self.ensure_committee(home, contact)
        blog = self.ensure_blog(dossier)
        interview = self.ensure_interview(dossier)
        package = self.ensure_package(home, contact, blog, interview)
        self.ensure_news_index(home)
        self.ensure_home_links(home, dossier, package)
        self.ensure_settings(home, contact)
        return home

    # --- helpers -----------------------------------------------------------------------------
    def child(self, parent: Page, model, slug: str, **fields):
        """Return the child page with this slug, creating and publishing it when missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        for value in fields.values():
            if isinstance(value, list):
                # Orderable children keep the order they are listed in: without a sort_order
                # ("ORDER BY sort_order" over NULLs) PostgreSQL returns them in any order.
                for position, item in enumerate(value):
                    if isinstance(item, Orderable) and item.sort_order is None:
                        item.sort_order = position
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(f"{model._meta.verbose_name} '{page.title}'")
        return page

    def publish(self, page: Page) -> None:
        page.save_revision().publish()

    # --- content -----------------------------------------------------------------------------
    def ensure_contact(self) -> ContactPerson:
        contact, created = ContactPerson.objects.get_or_create(
            email=CONTACT["email"], defaults=CONTACT
        )
        if created:
            self.created.append(f"contactpersoon '{contact.name}'")
        return contact

    def ensure_home(self) -> HomePage:
        """Replace Wagtail's placeholder welcome page with our HomePage, once."""
        existing = HomePage.objects.first()
        if existing:
            return existing
        root = Page.get_first_root_node()
        # Wagtail's initial migration leaves a plain "Welcome" page at slug "home"; it has no
        # content of ours, so it makes way for the real home page.
        for placeholder in root.get_children().filter(slug="home"):
            if placeholder.specific_class is Page:
                placeholder.delete()
        home = HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
        self.created.append("homepagina")
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname = site.hostname or "localhost"
        site.port = site.port or 80
        site.root_page = home
        site.site_name = "Ketenkaart"
        site.save()
        return home

    def ensure_dossier(self, home: HomePage) -> SectionPage:
        return self.child(
            home,
            SectionPage,
            "wet-inburgering",
            title="De wet inburgering",
            intro=LAW_INTRO,
            show_in_menus=True,
            body=[
                paragraph(CHAIN_TASK),
                heading("Gemeenten"),
                paragraph(MUNICIPALITIES),
                heading("Tools: de Klantreis en Mindmap"),
                paragraph(TOOLS_1),
                paragraph(TOOLS_2),
            ],
        )

    def ensure_attention_point(self, dossier, number, slug, title, paragraphs, contact):
        return self.child(
            dossier,
            AttentionPointPage,
            slug,
            title=title,
            number=number,
            intro=ATTENTION_INTRO,
            body=[paragraph(text) for text in paragraphs],
            contact=contact,
        )

    def ensure_committee(self, home: HomePage, contact: ContactPerson) -> CommitteePage:
        page = home.get_children().filter(slug="commissie").first()
        if page is not None:
            return page.specific
        members = [
            CommitteeMember(organisation=org, role=role, status=CommitteeMember.Status.MEMBER)
            for org, role in MEMBERS
        ] + [
            CommitteeMember(organisation=org, role=role, status=CommitteeMember.Status.PLANNED)
            for org, role in PLANNED_MEMBERS
        ]
        return self.child(
            home,
            CommitteePage,
            "commissie",
            title="Commissie Vluchtelingen & Integratie",
            intro=COMMITTEE_FOUNDED,
            purpose=f"<p>{COMMITTEE_PURPOSE}</p>",
            chair=contact,
            contact=contact,
            show_in_menus=True,
            members=members,
            body=[paragraph(COMMITTEE_TOOLS)],
        )

    def ensure_blog(self, dossier: SectionPage) -> BlogPage:
        return self.child(
            dossier,
            BlogPage,
            BLOG["slug"],
            title=BLOG["title"],
            author=BLOG["author"],
            author_organisation=BLOG["author_organisation"],
            intro=BLOG["intro"],
        )

    def ensure_interview(self, dossier: SectionPage) -> InterviewPage:
        existing = dossier.get_children().filter(slug=INTERVIEW["slug"]).first()
        if existing is not None:
            return existing.specific
        page = self.child(
            dossier,
            InterviewPage,
            INTERVIEW["slug"],
            title=INTERVIEW["title"],
            intro=INTERVIEW["intro"],
            interviewees=[Interviewee(name=n, organisation=o) for n, o in INTERVIEW["people"]],
        )
        page.tags.add(*INTERVIEW["tags"])
        self.publish(page)
        return page

    def ensure_package(self, home, contact, blog, interview) -> InformationPackagePage:
        page = home.get_children().filter(slug="informatiepakket").first()
        if page is None:
            items = [
                PackageItem(
                    title=f"De klantreis: “{JOURNEY_TITLE}”",
                    description=JOURNEY_DESCRIPTION,
                    status=PackageItem.Status.COMING_SOON,
                    print_a3=True,
                ),
                PackageItem(
                    title=f"Blog van Gon Mevis (ContourdeTwern): “{BLOG['title']}”",
                    link_page=blog,
                ),
                PackageItem(
                    title=(
                        "Interview met Eric Wichgers (Figulus Welzijn) en Tineke Parson "
                        "(VluchtelingenWerk Nederland)"
                    ),
                    description=(
                        "Een uitgebreid interview over onder meer samenwerken, aanbesteden, "
                        "vrijwilligers en de opmars van extreemrechts."
                    ),
                    link_page=interview,
                ),
                PackageItem(
                    title="Resultaten van de quickscan",
                    description=QUICKSCAN,
                    status=PackageItem.Status.COMING_SOON,
                ),
            ]
            page = self.child(
                home,
                InformationPackagePage,
                "informatiepakket",
                title="Informatiepakket inburgering",
                intro=PACKAGE_INTRO,
                contact=contact,
                show_in_menus=True,
                items=items,
            )
        page = page.specific
        self.link_journey_item(page)
        return page

    def link_journey_item(self, package: InformationPackagePage) -> None:
        """Point the Klantreis item at the journey once the journey app serves it."""
        item = (
            package.items.filter(print_a3=True, link_page__isnull=True, link_url="")
            .filter(title__contains=JOURNEY_TITLE)
            .first()
        )
        if item is None:
            return
        page, url = find_target(JOURNEY_SLUGS, JOURNEY_URL_NAMES)
        if page is None and not url:
            return
        # Edit through a revision so the change is visible in the page history.
        draft = package.get_latest_revision_as_object()
        for draft_item in draft.items.all():
            if draft_item.pk == item.pk:
                draft_item.link_page = page
                draft_item.link_url = url
                draft_item.status = PackageItem.Status.AVAILABLE
        draft.save_revision().publish()
        self.created.append("link naar de klantreis")

    def ensure_news_index(self, home: HomePage) -> NewsIndexPage:
        return self.child(
            home,
            NewsIndexPage,
            "nieuws",
            title="Nieuws",
            intro="Nieuws over inburgering en integratie.",
            show_in_menus=True,
        )

    def ensure_home_links(self, home: HomePage, dossier, package) -> None:
        """Fill the home page's purpose, entry points and package when they are still empty."""
        home = HomePage.objects.get(pk=home.pk)
        changed = False
        if not home.purpose:
            home.purpose = f"<p>{COMMITTEE_FOUNDED} {COMMITTEE_PURPOSE}</p>"
            changed = True
        if home.information_package_id is None:
            home.information_package = package
            changed = True
        existing_targets = {
            (block.value.get("page").pk if block.value.get("page") else block.value.get("url"))
            for block in home.entry_points
        }
        wanted = []
        journey_page, journey_url = find_target(JOURNEY_SLUGS, JOURNEY_URL_NAMES)
        if journey_page or journey_url:
            wanted.append(
                (
                    "De klantreis",
                    "Wie doet wat en wanneer: van aankomst tot integratie in de wijk.",
                    journey_page,
                    journey_url,
                    "Bekijk de klantreis",
                )
            )
        directory_page, directory_url = find_target(DIRECTORY_SLUGS, DIRECTORY_URL_NAMES)
        if directory_page or directory_url:
            wanted.append(
                (
                    "Partners in de keten",
                    "Welke organisaties helpen nieuwkomers, waar en in welke fase.",
                    directory_page,
                    directory_url,
                    "Zoek een partner",
                )
            )
        wanted += [
            (dossier.title, dossier.intro, dossier, "", "Lees het dossier"),
        ]
        for title, text, page, url, link_text in wanted:
            if (page.pk if page else url) in existing_targets:
                continue
            home.entry_points.append(
                (
                    "call_to_action",
                    {
                        "title": title,
                        "text": text,
                        "page": page,
                        "url": url,
                        "link_text": link_text,
                    },
                )
            )
            changed = True
        if changed:
            self.publish(home)

    def ensure_settings(self, home: HomePage, contact: ContactPerson) -> None:
        site = home.get_site() or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        org = OrganisationSettings.for_site(site)
        if org.contact_id is None:
            org.contact = contact
            org.save()
