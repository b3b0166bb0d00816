"""The built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

One browser per pytest worker; each page is visited once per worker and the visit's record
(console errors, requests, axe result) is shared by the tests that look at that page.
"""
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.server import serve
from tools import site

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "screenshots"
# As root, in a closed network: no sandbox, no calls home (see the machine notes).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class SitePage:
    lang: str
    path: str          # URL path relative to the site root, e.g. "de/notebooks/x/"
    source: str        # docs/<lang>/<page>.md (for a notebook page: the page it comes from)
    notebook: bool = False

    @property
    def id(self) -> str:
        return f"{self.lang}:/{self.path}"


def _relative(url: str) -> str:
    return url[len(site.config()["site_url"]):]


def site_pages() -> list[SitePage]:
    """Every page of every language, notebook pages included."""
    found = []
    notebooks = set(site.notebook_pages())
    for lang in site.languages():
        prefix = "" if lang == site.DEFAULT_LANGUAGE else f"{lang}/"
        for page in site.pages(lang):
            found.append(SitePage(lang, _relative(site.page_url(page)), page))
            if page in notebooks:
                stem = Path(page).stem
                found.append(SitePage(lang, f"{prefix}notebooks/{stem}/", page, notebook=True))
    return found


def by_page(pages=None):
    """parametrize arguments: one test per page, all of a page's tests on one worker."""
    pages = site_pages() if pages is None else pages
    return [pytest.param(p, id=p.id, marks=pytest.mark.xdist_group(f"browser-{p.lang}"))
            for p in pages]


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL of the built site on 127.0.0.1, at a free port, under site_url's path."""
    with serve(built_site, site.config()["site_url"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/bootstrap --browser (scripts/test does)")
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/bootstrap (npm ci; scripts/test does)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def contexts(browser, site_server):
    """Browser contexts by name, made on first use and reused for the whole session."""
    made = {}
    options = {"desktop": {"viewport": {"width": 1280, "height": 800}}}

    def get(name: str):
        if name not in made:
            context = browser.new_context(**options[name], base_url=site_server)
            context.set_default_timeout(10_000)   # a local page that takes longer is broken
            # every load is a first visit: no palette saved by an earlier page overrides the
            # reader's light/dark preference
            context.add_init_script("try { localStorage.clear() } catch (e) {}")
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
            made[name] = context
        return made[name]

    yield get
    for context in made.values():
        context.close()


@dataclass
class Visit:
    """What happened while a page loaded."""
    url: str
    status: int
    in_flight: set = field(default_factory=set)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    axe: list[dict] | None = None
    looks: dict = field(default_factory=dict)     # "dark"/"phone" -> scheme, overflow, widest


def open_page(context, site_server, page: SitePage, wait_until="load"):
    """Open a page in a new tab, recording errors and where each request went."""
    tab = context.new_page()
    visit = Visit(site_server + page.path, 0)
    tab.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    tab.on("pageerror", lambda e: visit.console_errors.append(str(e)))
    tab.on("requestfailed", lambda r: visit.failed.append(f"{r.url} ({r.failure})"))
    tab.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.url} ({r.status})"))

    def leaves(request):
        if not request.url.startswith(("data:", "blob:", site_server)):
            visit.outside.append(request.url)
    tab.on("request", leaves)
    tab.on("request", lambda r: visit.in_flight.add(r))
    tab.on("requestfinished", lambda r: visit.in_flight.discard(r))
    tab.on("requestfailed", lambda r: visit.in_flight.discard(r))
    response = tab.goto(visit.url, wait_until=wait_until)
    visit.status = response.status if response else 0
    return tab, visit


@pytest.fixture(scope="session")
def visited(contexts, site_server):
    """One visit per page and worker: load it on a desktop, record errors, requests and axe's
    findings, then look at it in dark mode and at phone width; a screenshot of each look."""
    visits = {}

    def get(page: SitePage) -> Visit:
        if page not in visits:
            tab, visit = open_page(contexts("desktop"), site_server, page)
            settle(tab, visit)
            visit.axe = run_axe(tab)
            in_lang = page.path.removeprefix("" if page.lang == site.DEFAULT_LANGUAGE else f"{page.lang}/")
            shot = SCREENSHOTS / page.lang / (in_lang.strip("/").replace("/", "_") or "index")
            shot.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=f"{shot}.png")
            for look, change in LOOKS.items():
                change(tab)
                tab.wait_for_timeout(50)      # let the palette script and layout catch up
                visit.looks[look] = tab.evaluate(LOOK)
                tab.screenshot(path=f"{shot}.{look}.png")
            tab.close()
            visits[page] = visit
        return visits[page]

    return get


# Dark mode first (at desktop width), then a phone's width, still dark.
LOOKS = {
    # the reader's own toggle in the header (no reload: cheaper than a second load)
    "dark": lambda tab: (tab.click("form[data-md-component=palette] label:not([hidden])"),
                         tab.wait_for_function(
                             "document.body.dataset.mdColorScheme === 'slate'", timeout=3000)),
    "phone": lambda tab: tab.set_viewport_size(PHONE),
}
LOOK = """() => ({
    scheme: document.body.getAttribute('data-md-color-scheme'),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    widest: [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')),
})"""


def settle(tab, visit, quiet_ms=150, limit_ms=5000):
    """Wait until no request has been in flight for quiet_ms, so late ones (search index,
    its language files) are recorded too; Playwright's networkidle waits 500 ms."""
    quiet = waited = 0
    while quiet < quiet_ms and waited < limit_ms:
        tab.wait_for_timeout(50)
        waited += 50
        quiet = 0 if visit.in_flight else quiet + 50


def run_axe(tab) -> list[dict]:
    """axe-core's violations on the page, as {id, impact, help, targets}."""
    tab.add_script_tag(path=str(AXE))
    return tab.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
