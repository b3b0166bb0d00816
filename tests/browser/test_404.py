"""A missing address shows the "not found" page in the language of the folder it is in."""
import pytest

from tests.browser.reader import run_axe, serious
from tests.browser.site_pages import lane
from tools import config

pytestmark = lane(config.default_language())   # one worker opens the English 404 once

MESSAGE = "[data-not-found]:not([hidden])"


def _missing(lang: str) -> str:
    return f"{config.lang_root(lang)}no-such-page/"


@pytest.fixture(scope="module")
def english_message(reader):
    reader.open(_missing(config.default_language()))
    return reader.tab.inner_text(MESSAGE)


@pytest.mark.parametrize("lang", config.languages())
def test_not_found_page_speaks_the_language(reader, site_server, english_message, lang):
    visit, tab = reader.open(_missing(lang)), reader.tab
    where = f"[{lang}] {visit.url}"
    assert visit.status == 404, f"{where} answered {visit.status}, not 404"
    shown = tab.locator(MESSAGE)
    assert shown.count() == 1, f"{where}: {shown.count()} messages shown, not 1"
    tag = config.language_tag(lang)
    assert shown.get_attribute("lang") == tag == tab.evaluate(
        "document.documentElement.lang"), f"{where}: the message shown is not in {tag}"
    if lang != config.default_language():
        assert shown.inner_text() != english_message, \
            f"{where}: the message is the English one; add {lang} to overrides/404.html"
    home = shown.locator("a").evaluate("a => a.href")
    want = site_server + config.lang_root(lang)
    assert home == want, f"{where}: the home link goes to {home}, not {want}"
    page_errors = [e for e in visit.console_errors if "404" not in e]
    assert not page_errors, f"{where} logged console errors: {page_errors}"
    found = serious(run_axe(tab, reader.base_url, theme=lang == config.default_language()))
    assert not found, f"{where}: axe-core violations: {found}"
