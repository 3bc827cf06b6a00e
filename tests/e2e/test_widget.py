"""The embeddable widget in a real browser, on a host page of another origin.

The host page is a static HTML file served by a tiny `http.server` on its own port (another
origin than the live server), with its own font. It embeds the widget with one script tag, as
a municipality's site would. The widget must list the organisations of that municipality and
phase, be usable with the keyboard, pass axe-core (WCAG 2.1 AA), take the host's font, and
talk to nobody but the Ketenkaart server it came from.
"""

import functools
import http.server
import threading
from urllib.parse import urlsplit

import pytest

from directory.models import Municipality, PhaseTag
from journey.models import Phase
from tests.api.directory_data import index
from tests.directory.factories import LocationFactory, OrganisationFactory, ServiceFactory

from .axe import assert_no_serious_axe_violations

pytestmark = pytest.mark.e2e

HOST_FONT = '"DejaVu Serif", Georgia, serif'
HOST_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Inburgering | Gemeente Voorbeeld</title>
  <style>
    body {{ font-family: {font}; font-size: 18px; color: #1a1a1a; background: #fff; }}
    a {{ color: #00457a; }}
  </style>
</head>
<body>
  <header><p><a href="#inhoud">Naar de inhoud</a></p></header>
  <main id="inhoud">
    <h1>Inburgering in Utrecht</h1>
    <p>Deze organisaties helpen nieuwkomers in onze gemeente.</p>
    <script src="{widget}" data-municipality="{municipality}" data-phase="{phase}"
            data-limit="5" async></script>
  </main>
  <footer><p>Gemeente Voorbeeld</p></footer>
</body>
</html>
"""


@pytest.fixture
def widget_directory(live_site):
    """Three live organisations (one in the municipality and phase, two beside it) and a draft."""
    phases = list(Phase.objects.filter(is_retired=False).order_by("sort_order")[:2])
    phase, other_phase = phases
    utrecht = Municipality.objects.filter(name="Utrecht").first() or Municipality.objects.create(
        name="Utrecht", province="Utrecht"
    )
    zeist = Municipality.objects.filter(name="Zeist").first() or Municipality.objects.create(
        name="Zeist", province="Utrecht"
    )

    def organisation(name, municipality, service_phase, live=True):
        org = OrganisationFactory(name=name, live=live)
        org.municipalities.set([municipality])
        postcode, lat, lon = (
            ("3511 AB", 52.09, 5.11) if municipality == utrecht else ("3701 AA", 52.09, 5.23)
        )
        LocationFactory(organisation=org, postcode=postcode, latitude=lat, longitude=lon)
        service = ServiceFactory(organisation=org, name=f"Dienst van {name}")
        service.phase_items.create(tag=PhaseTag.sync_from_phase(service_phase))
        service.save()
        org.save()
        return org

    orgs = [
        organisation("Fictief Taalhuis Utrecht", utrecht, phase),
        organisation("Fictief Buurtteam Utrecht", utrecht, phase),
        organisation("Fictieve Werkcoach Utrecht", utrecht, other_phase),
        organisation("Fictief Buurtteam Zeist", zeist, phase),
        organisation("Fictief Concept Utrecht", utrecht, phase, live=False),
    ]
    index(*orgs)
    return {"phase": phase, "municipality": utrecht}


@pytest.fixture
def host_site(tmp_path, live_site, widget_directory):
    """The host page on its own http.server (127.0.0.1, another port: another origin)."""
    (tmp_path / "index.html").write_text(
        HOST_PAGE.format(
            font=HOST_FONT,
            widget=f"{live_site}/static/apiplatform/widget.js",
            municipality=widget_directory["municipality"].slug,
            phase=widget_directory["phase"].slug,
        ),
        encoding="utf-8",
    )
    (tmp_path / "leeg.html").write_text(
        HOST_PAGE.format(
            font=HOST_FONT,
            widget=f"{live_site}/static/apiplatform/widget.js",
            municipality="bestaat-niet",
            phase=widget_directory["phase"].slug,
        ),
        encoding="utf-8",
    )

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def host_page(open_page, host_site, live_site):
    page = open_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(f"{host_site}/index.html")
    assert response.status == 200
    page.locator(".kk-widget [role=status]").filter(has_text="gevonden").wait_for()
    page.requests = requests
    return page


def test_widget_lists_the_organisations_of_the_municipality_and_phase(host_page, live_site):
    assert origin(host_page.url) != origin(live_site)  # really another origin
    widget = host_page.locator("section.kk-widget")
    assert widget.count() == 1
    assert widget.get_attribute("aria-labelledby") == widget.locator("h2").get_attribute("id")
    names = widget.locator("li a").all_inner_texts()
    assert sorted(names) == ["Fictief Buurtteam Utrecht", "Fictief Taalhuis Utrecht"]
    assert widget.locator("[role=status]").inner_text() == "2 organisaties gevonden."
    for link in widget.locator("li a").all():
        assert link.get_attribute("href").startswith(f"{live_site}/")


def test_widget_is_usable_with_the_keyboard(host_page, live_site):
    first_link = host_page.locator(".kk-widget li a").first
    focused = ""
    for _ in range(10):
        host_page.keyboard.press("Tab")
        focused = host_page.evaluate("() => document.activeElement.textContent.trim()")
        if host_page.evaluate("() => !!document.activeElement.closest('.kk-widget')"):
            break
    assert focused == first_link.inner_text()
    outline = host_page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }"
    )
    assert outline, "the focused link has no visible focus indicator"
    href = first_link.get_attribute("href")
    host_page.keyboard.press("Enter")
    host_page.wait_for_url(href)
    assert host_page.url.startswith(live_site)


def test_widget_passes_axe_on_the_host_page(host_page):
    assert_no_serious_axe_violations(host_page)


def test_widget_inherits_the_host_font(host_page):
    fonts = host_page.evaluate(
        """() => {
          const font = (el) => getComputedStyle(el).fontFamily;
          const widget = document.querySelector('.kk-widget');
          return {
            body: font(document.body),
            widget: font(widget),
            heading: font(widget.querySelector('h2')),
            link: font(widget.querySelector('li a')),
            status: font(widget.querySelector('[role=status]')),
          };
        }"""
    )
    assert fonts["body"].startswith('"DejaVu Serif"')
    assert set(fonts.values()) == {fonts["body"]}, fonts


def test_widget_talks_only_to_ketenkaart_and_the_host(host_page, live_site, host_site, browser_log):
    allowed = {origin(live_site), origin(host_site)}
    assert host_page.requests, "no requests recorded"
    assert {origin(url) for url in host_page.requests} <= allowed, host_page.requests
    api_calls = [url for url in host_page.requests if "/api/v1/organisations" in url]
    assert len(api_calls) == 1 and api_calls[0].startswith(live_site)
    assert browser_log.blocked_requests == []
    assert browser_log.page_errors == []
    assert browser_log.console_errors == []


def test_widget_without_matches_says_so_politely(open_page, host_site):
    page = open_page()
    page.goto(f"{host_site}/leeg.html")
    status = page.locator(".kk-widget [role=status]")
    status.filter(has_text="geen organisaties").wait_for()
    assert status.inner_text() == "Er zijn (nog) geen organisaties gevonden."
    assert page.locator(".kk-widget li").count() == 0
    assert_no_serious_axe_violations(page)
