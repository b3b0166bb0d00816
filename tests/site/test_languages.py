"""The built translations: right <html lang>, hreflang alternates, switcher, anchors, banner."""
import re
from functools import cache
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import PluginError

from tools import config, pages, translations
from tools.hooks.languages import built_languages
from tools.markdown import TOP

TRANSLATED = [p for p in pages.all_pages() if p.lang != config.default_language()]
SWITCHER_LINK = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">')


@cache
def _sitemap_alternates(built_site) -> dict[str, dict[str, str]]:
    """{page URL: {hreflang: URL}} from the built sitemap.xml."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    found = {}
    for url in root.findall("s:url", ns):
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        for href in links.values():
            found[href] = links
    return found


def _heading_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]+)"', html)


@pytest.mark.parametrize("page", TRANSLATED, ids=[p.path for p in TRANSLATED])
def test_built_translation_has_language_alternates_and_anchors(built_site, page):
    html = (built_site / page.html_path).read_text(encoding="utf-8")
    where, source = f"[{page.lang}] {page.path}", pages.source_of(page)
    tag = config.language_tag(page.lang)
    assert f'<html lang="{tag}"' in html, f"{where}: <html lang> is not {tag}"
    assert 'rel="alternate"' not in html, f"{where}: <link rel=alternate> makes Material fetch a missing sitemap"
    expected = {config.language_tag(lang): pages.read(pages.translation_of(source, lang)).url
                for lang in config.languages()}
    alternates = _sitemap_alternates(built_site).get(page.url)
    assert alternates == expected, f"{where}: sitemap hreflang alternates {alternates} != {expected}"
    switcher = {code: href for href, code in SWITCHER_LINK.findall(html)}
    for code, url in expected.items():
        landed = urljoin(page.url, switcher.get(code, "?"))
        assert landed == url, f"{where}: the language switcher leads to {landed} for {code}, not {url}"
    english_ids = _heading_ids((built_site / source.html_path).read_text(encoding="utf-8"))
    assert _heading_ids(html) == english_ids, f"{where}: heading ids differ from {source.path}"


@pytest.mark.parametrize("page", TRANSLATED, ids=[p.path for p in TRANSLATED])
def test_built_outdated_banner_matches_status(built_site, page):
    html = (built_site / page.html_path).read_text(encoding="utf-8")
    outdated = translations.outdated_sections(page.path)
    shown = re.findall(r'<li><a href="[^"]*#?([\w-]*)" hreflang="en">', html)
    banner = config.strings(page.lang)["outdated"]["title"]
    assert (banner in html) == bool(outdated), (
        f"[{page.lang}] {page.path}: the outdated banner is {'missing' if outdated else 'shown'}; "
        f"outdated sections: {outdated}")
    assert html.count("i18n-outdated-marker") == len([s for s in outdated if s != TOP]) + \
        bool(outdated), f"[{page.lang}] {page.path}: markers do not match {outdated}"
    assert len(shown) == len(outdated), f"[{page.lang}] {page.path}: the banner lists {shown}"


@pytest.mark.parametrize("lang", config.languages())
def test_a_not_found_pages_switcher_leads_to_each_languages_home(built_site, lang):
    page = built_site / config.lang_root(lang) / "404.html"
    html = page.read_text(encoding="utf-8")
    links = SWITCHER_LINK.findall(html)
    homes = {urlsplit(config.site_url()).path + config.lang_root(code) for code in config.languages()}
    assert links and {href for href, _ in links} == homes, f"{page}: the switcher offers {links}"
    tags = {config.language_tag(code) for code in config.languages()}
    assert {tag for _, tag in links} == tags, f"{page}: the switcher's languages are {links}"
    html_lang = re.search(r'<html lang="([^"]+)"', html)[1]
    assert html_lang == config.language_tag(lang), f"{page} says it is in {html_lang}"


def test_languages_variable_builds_the_ones_named_and_the_default():
    assert built_languages("") == set()     # unset: mkdocs.yml decides
    assert built_languages(" de, fr ") == {"de", "fr", config.default_language()}
    with pytest.raises(PluginError, match=re.escape("LANGUAGES=de,xx,yy: not languages of mkdocs.yml: xx, yy "
                                                    "(known: en, de, pt, id, fr)")):
        built_languages("de,xx,yy")
    with pytest.raises(PluginError, match="LANGUAGES=,: no language named"):
        built_languages(",")
