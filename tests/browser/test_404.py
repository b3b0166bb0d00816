"""A missing address shows the "not found" page in the language of the folder it is in."""
import pytest

from tests.browser.conftest import open_page, run_axe, SitePage
from tools import site

MESSAGE = "[data-not-found]:not([hidden])"


def _missing(lang: str) -> SitePage:
    prefix = "" if lang == site.DEFAULT_LANGUAGE else f"{lang}/"
    return SitePage(lang, f"{prefix}no-such-page/", source="")


@pytest.fixture(scope="module")
def english_message(contexts, site_server):
    tab, _ = open_page(contexts("desktop"), site_server, _missing(site.DEFAULT_LANGUAGE))
    try:
        return tab.inner_text(MESSAGE)
    finally:
        tab.close()


@pytest.mark.parametrize("lang", site.languages())
def test_not_found_page_speaks_the_language(contexts, site_server, english_message, lang):
    tab, visit = open_page(contexts("desktop"), site_server, _missing(lang))
    where = f"[{lang}] {visit.url}"
    try:
        assert visit.status == 404, f"{where} answered {visit.status}, not 404"
        shown = tab.locator(MESSAGE)
        assert shown.count() == 1, f"{where}: {shown.count()} messages shown, not 1"
        assert shown.get_attribute("lang") == lang == tab.evaluate(
            "document.documentElement.lang"), f"{where}: the message shown is not in {lang}"
        if lang != site.DEFAULT_LANGUAGE:
            assert shown.inner_text() != english_message, \
                f"{where}: the message is the English one; add {lang} to overrides/404.html"
        home = shown.locator("a").evaluate("a => a.href")
        want = site_server + ("" if lang == site.DEFAULT_LANGUAGE else f"{lang}/")
        assert home == want, f"{where}: the home link goes to {home}, not {want}"
        page_errors = [e for e in visit.console_errors if "404" not in e]
        assert not page_errors, f"{where} logged console errors: {page_errors}"
        serious = [v for v in run_axe(tab) if v["impact"] in ("serious", "critical")]
        assert not serious, f"{where}: axe-core violations: {serious}"
    finally:
        tab.close()
