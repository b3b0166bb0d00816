"""One Chromium tab that reads the site's pages one after another, like a reader clicking on.

The tab is reused for every page (a new tab costs about 1 CPU-second more per page than a
navigation in the same one, and the suite is CPU-bound). Listeners are attached once and
record into the Visit of the page currently open.
"""
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules/axe-core/axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# As root, in a closed network: no sandbox, no calls home (see the machine notes).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass
class Visit:
    """What happened while a page loaded."""
    url: str
    status: int = 0
    requests: set = field(default_factory=set)     # every request this page made
    in_flight: set = field(default_factory=set)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


class Reader:
    """A tab on the served site; open() navigates it and returns that page's Visit."""

    def __init__(self, context, base_url: str):
        self.base_url, self.visit = base_url, Visit("")
        # every load is a first visit: no palette saved by an earlier page overrides the
        # reader's light/dark preference
        context.add_init_script("try { localStorage.clear() } catch (e) {}")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
        self.tab = context.new_page()
        self.tab.set_default_timeout(10_000)   # a local page that takes longer is broken
        self._listen(self.tab)

    def _listen(self, tab):
        # a request belongs to the visit it started in: the last page's stragglers don't count
        def own(request):
            return request in self.visit.requests

        def started(request):
            self.visit.requests.add(request)
            self.visit.in_flight.add(request)
            if not request.url.startswith(("data:", "blob:", self.base_url)):
                self.visit.outside.append(request.url)

        def failed(request):
            if own(request):
                self.visit.in_flight.discard(request)
                self.visit.failed.append(f"{request.url} ({request.failure})")

        tab.on("request", started)
        tab.on("requestfinished", lambda r: own(r) and self.visit.in_flight.discard(r))
        tab.on("requestfailed", failed)
        tab.on("response", lambda r: own(r.request) and r.status >= 400
               and self.visit.failed.append(f"{r.url} ({r.status})"))
        tab.on("console", lambda m: m.type == "error" and self.visit.console_errors.append(m.text))
        tab.on("pageerror", lambda e: self.visit.console_errors.append(str(e)))

    def open(self, path: str) -> Visit:
        """Load base_url + path and wait until its late requests (search index) are done."""
        if self.tab.viewport_size != DESKTOP:
            self.tab.set_viewport_size(DESKTOP)
        self.visit = Visit(self.base_url + path)
        response = self.tab.goto(self.visit.url, wait_until="load")
        self.visit.status = response.status if response else 0
        settle(self.tab, self.visit)
        return self.visit


def settle(tab, visit, quiet_ms=150, limit_ms=5000):
    """Wait until no request has been in flight for quiet_ms, so late ones (search index,
    its language files) are recorded too; Playwright's networkidle waits 500 ms."""
    quiet = waited = 0
    while quiet < quiet_ms and waited < limit_ms:
        tab.wait_for_timeout(50)
        waited += 50
        quiet = 0 if visit.in_flight else quiet + 50


# Rules about the theme's colours, which every language's pages share: the default language's
# pages check them for all (they are about two thirds of axe's time on a large page).
THEME_RULES = ("color-contrast", "link-in-text-block")


# The site's server also serves axe-core here (tests/browser/conftest.py): loaded by URL,
# Chromium caches its compiled code, which is about a fifth of axe's time on a page.
AXE_URL = "__tests__/axe.min.js"


# The page tests fail on serious and critical violations only (serious()). axe has no option to
# run just the rules that can report those, so run_axe switches off the rules whose every
# impact is lower, read from axe's own rule table (axe._audit, not a public API: test_axe.py
# holds it to what axe reports). That is about a third of axe's time on a large page.
MILD_RULES = """() => axe._audit.rules.filter(rule => {
    // axe gives every check of a rule with an impact that impact when it reports the rule
    if (!rule.impact) throw new Error(`axe rule ${rule.id} has no impact to judge it by`);
    return !['serious', 'critical'].includes(rule.impact);
}).map(rule => rule.id)"""


def mild_rules(tab) -> list[str]:
    """The rules of the axe loaded in the tab that report only minor or moderate violations."""
    return tab.evaluate(MILD_RULES)


def run_axe(tab, base_url: str, theme: bool = True, mild: bool = False) -> list[dict]:
    """axe-core's violations on the page, as {id, impact, help, targets}; theme=False leaves
    out THEME_RULES; mild=True also runs mild_rules()."""
    tab.add_script_tag(url=base_url + AXE_URL)
    off = ([] if theme else list(THEME_RULES)) + ([] if mild else mild_rules(tab))
    return tab.evaluate("""async (off) => {
        const rules = Object.fromEntries(off.map(id => [id, {enabled: false}]));
        const result = await axe.run(document, {resultTypes: ['violations'], rules});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""", off)


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


# Each look is a change to the page as loaded (light, desktop width), made in this order.
LOOKS = {
    "desktop": lambda tab: None,
    # the reader's own toggle in the header (no reload: cheaper than a second load)
    "dark": lambda tab: (tab.click("form[data-md-component=palette] label:not([hidden])"),
                         tab.wait_for_function(
                             "document.body.dataset.mdColorScheme === 'slate'", timeout=3000)),
    "phone": lambda tab: tab.set_viewport_size(PHONE),
}
# The default language's pages switch to dark mode (then a phone's width, still dark); the
# toggle and the colours are the theme's, which every language shares, and colours do not
# change the layout, so translated pages stay light.
SOURCE_LOOKS, TRANSLATION_LOOKS = ("dark", "phone"), ("desktop", "phone")
LOOK = """() => ({
    scheme: document.body.getAttribute('data-md-color-scheme'),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    widest: [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.')),
})"""


def looks(tab, screenshot: Path, names=SOURCE_LOOKS) -> dict:
    """Each named look's scheme and overflow; a screenshot of a look that is wrong, for a
    person to see what the test saw (artifacts/screenshots/)."""
    seen = {}
    for look in names:
        LOOKS[look](tab)
        tab.wait_for_timeout(50)      # let the palette script and layout catch up
        seen[look] = tab.evaluate(LOOK)
        if seen[look]["overflow"] > 0 or (look == "dark" and seen[look]["scheme"] != "slate"):
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=f"{screenshot}.{look}.png")
    return seen
