"""The built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

One browser and one tab per pytest worker that runs a lane of browser tests
(tests/browser/site_pages.py, reader.py). Each page is read once: everything the page tests
look at is recorded in one pass (a Reading).
"""
import functools
import re
from dataclasses import dataclass

import pytest

from tests.browser.reader import (AXE, AXE_URL, CHROMIUM, CHROMIUM_ARGS, DESKTOP, SOURCE_LOOKS,
                                  TRANSLATION_LOOKS, Reader, Visit, looks, run_axe)
from tests.browser.server import serve
from tests.browser.site_pages import SitePage, home_page, lanes
from tests.harness.groups import refuse_outside
from tests.site.build import ARTIFACTS
from tools import config

SCREENSHOTS = ARTIFACTS / "screenshots"


HOME_TESTS = "tests/browser/test_home.py::"


def by_language(items: list) -> list:
    """The home page tests grouped by language, each group in file order, in the places the
    home page tests held: pytest orders them test by test, which loads every home page once
    per test instead of once."""
    places = [i for i, item in enumerate(items) if item.nodeid.startswith(HOME_TESTS) and _lang(item)]
    langs = config.languages()
    home = sorted((items[i] for i in places), key=lambda item: langs.index(_lang(item)))
    ordered = list(items)
    for place, item in zip(places, home):
        ordered[place] = item
    return ordered


def _lang(item) -> str | None:
    return getattr(item, "callspec", None) and item.callspec.params.get("lang")


def refuse_outside_a_lane(item):
    """Fail a browser test that is in no lane (site_pages.lane): its worker would start one
    more Chromium."""
    refuse_outside(item, "the browser", lanes().__contains__, f"one lane of {sorted(lanes())} (site_pages.lane)")


def pytest_runtest_setup(item):
    if "browser" in getattr(item, "fixturenames", ()):
        refuse_outside_a_lane(item)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    items[:] = by_language(items)


@pytest.fixture(scope="session")
def site_server(built_site):
    """Base URL of the built site on 127.0.0.1, at a free port, under site_url's path."""
    with serve(built_site, config.site_url(), extra={AXE_URL: AXE}) as url:
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
def reader(browser, site_server) -> Reader:
    """This worker's one tab on the served site."""
    context = browser.new_context(viewport=DESKTOP, base_url=site_server)
    yield Reader(context, site_server)
    context.close()


@dataclass
class Reading:
    """Everything the page tests check, recorded in one visit of the page."""
    visit: Visit
    switcher: dict[str, str]        # hreflang -> href offered by the language switcher
    copy_buttons: int               # how many code copy buttons the page shows
    copied: list[str]               # what each copy button put on the clipboard, in page order
    copied_page: dict | None        # the "Copy page as Markdown" button: its label and the copy
    notebook: dict | None           # notebook pages: download and the cells shown
    axe: list[dict]
    looks: dict                     # "dark"/"desktop"/"phone" -> scheme, overflow, widest


@pytest.fixture(scope="session")
def readings(reader):
    """read(page): the page's Reading, made on first use in this worker."""
    done = {}

    def read(page: SitePage) -> Reading:
        if page not in done:
            done[page] = _read(reader, page)
        return done[page]

    return read


def _read(reader: Reader, page: SitePage) -> Reading:
    """Load the page and record what each page test checks; a browser error names the page
    and the stage it happened in."""
    from playwright.sync_api import Error as PlaywrightError
    in_lang = page.path.removeprefix(config.lang_root(page.lang))
    shot = SCREENSHOTS / page.lang / (in_lang.strip("/").replace("/", "_") or "index")
    tab, found = reader.tab, {}
    default = config.default_language()   # what all languages share is checked on its pages
    stages = {
        "visit": lambda: reader.open(page.path),
        "switcher": lambda: dict(tab.eval_on_selector_all(
            ".md-select__link[hreflang]", "els => els.map(a => [a.hreflang, a.href])")),
        "copy_buttons": lambda: tab.locator(COPY_BUTTONS).count(),
        "copied": lambda: copy_all(tab) if page.lang == default and not page.notebook else [],
        "copied_page": lambda: None if page.notebook else copy_page(tab),
        "notebook": lambda: notebook_shown(tab) if page.notebook else None,
        "axe": lambda: run_axe(tab, reader.base_url, theme=page.lang == default),
        "looks": lambda: looks(tab, shot, SOURCE_LOOKS if page.lang == default else TRANSLATION_LOOKS),
    }
    for stage, record in stages.items():
        try:
            found[stage] = record()
        except PlaywrightError as error:
            pytest.fail(f"[{page.lang}] /{page.path}: reading '{stage}' failed: {error}")
    return Reading(**found)


COPY_BUTTONS = "button.md-code__button[data-md-type=copy]"
# The buttons after the first are clicked from the page, one round trip for all of them.
COPY_EACH = """async () => {
    const buttons = [...document.querySelectorAll('%s')];
    const copied = [];
    for (const button of buttons.slice(1)) {
        await navigator.clipboard.writeText('');
        button.click();
        await new Promise(r => setTimeout(r, 0));
        copied.push(await navigator.clipboard.readText());
    }
    return copied;
}""" % COPY_BUTTONS


def copy_all(tab) -> list[str]:
    """The clipboard after each copy button; the first gets a real mouse click (it can be
    reached and clicked), the others a scripted one."""
    buttons = tab.locator(COPY_BUTTONS)
    if not buttons.count():
        return []
    tab.evaluate("navigator.clipboard.writeText('')")
    buttons.first.click()
    return [tab.evaluate("navigator.clipboard.readText()")] + tab.evaluate(COPY_EACH)


def copy_page(tab) -> dict:
    """Click "Copy page as Markdown": the button's label before, and the clipboard after."""
    button = tab.locator("[data-copy-page]")
    label = button.inner_text()
    tab.evaluate("navigator.clipboard.writeText('')")
    button.click()
    # the label turns to "Copied" once the twin is on the clipboard
    tab.wait_for_function("label => document.querySelector('[data-copy-page]').textContent !== label",
                          arg=label)
    return {"label": label, "copied": tab.evaluate("navigator.clipboard.readText()")}


def notebook_shown(tab) -> dict:
    """The notebook download link's answer and how many code inputs and outputs are shown."""
    links = tab.eval_on_selector_all("a[href$='.ipynb']", "els => els.map(a => a.href)")
    response = tab.request.get(links[0]) if links else None
    return {"links": links,
            "status": response.status if response else None,
            "text": response.text() if response and response.ok else "",
            "inputs": tab.locator(".jp-CodeCell .jp-InputArea").count(),
            "outputs": tab.locator(".jp-CodeCell .jp-OutputArea-output").count()}


class Home:
    """A language's home page in the worker's tab, opened once for a run of searches."""
    RESULTS = ".md-search-result__item > .md-search-result__link"

    def __init__(self, reader: Reader, lang: str):
        self.reader, self.page = reader, home_page(lang)
        self.url = reader.base_url + self.page.path

    def open(self):
        """Open the page unless the tab still shows it as loaded (a page reading may have left
        it at a phone's width; a language switch may have landed on it), and wait for its
        search index."""
        if self.reader.tab.url != self.url or self.reader.tab.viewport_size != DESKTOP:
            self.reader.open(self.page.path)
        self.reader.tab.wait_for_function(
            "text => document.querySelector('.md-search-result__meta').textContent.trim() !== text",
            arg=self.initializing)

    @functools.cached_property
    def initializing(self) -> str:
        """What Material shows (in the page's language) until the search index is ready: a
        query typed before that is lost."""
        html = self.reader.tab.request.get(self.url).text()
        return re.search(r'class="md-search-result__meta">\s*([^<]*?)\s*<', html)[1]

    def search(self, query: str) -> list[str]:
        """The result links (without query or fragment) for `query` typed in the search box."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        self.open()
        tab, box = self.reader.tab, self.reader.tab.locator("input.md-search__input")
        box.fill("")
        box.press("End")          # Material reads the query on keyup, which fill() does not send
        tab.wait_for_selector(self.RESULTS, state="detached")   # the last query's results
        box.fill(query)
        box.press("End")
        try:
            tab.wait_for_selector(self.RESULTS, timeout=5000)
        except PlaywrightTimeout:
            return []
        return tab.eval_on_selector_all(self.RESULTS, "els => els.map(a => a.href.split(/[?#]/)[0])")

    def switch_to(self, lang: str) -> tuple[str, str]:
        """Click the switcher's entry for `lang`: (the URL landed on, its <html lang>)."""
        self.open()
        tab = self.reader.tab
        tab.keyboard.press("Escape")      # close the search box a query may have opened
        tab.hover(".md-select")
        with tab.expect_navigation():
            tab.click(f".md-select__link[hreflang={config.language_tag(lang)}]")
        return tab.url, tab.evaluate("document.documentElement.lang")


@pytest.fixture(scope="session")
def home(reader):
    """home(lang): that language's home page in this worker's tab (one Home per language)."""
    return functools.cache(lambda lang: Home(reader, lang))
