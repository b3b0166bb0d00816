"""Search finds the reader's language: one index per language, each page loading its own.

mkdocs-static-i18n 1.3.1 with Material 9.8.1 writes a single search/search_index.json that
holds every language (static-i18n #271); tools/hooks/search_index.py splits it after the
build and points each translated page's Material `base` at its language root.
"""
from urllib.parse import urljoin

import pytest

from tests.site.built import material_config, search_index
from tools import config, pages
from tools.hooks.search_index import material_search_config

LANGS = config.languages()
ALL_PAGES = pages.all_pages()


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index_of_its_own_pages(built_site, lang):
    index = search_index(built_site, lang)
    found = {config.lang_root(lang) + doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {p.url_path for p in pages.all_pages(lang)}
    assert found == expected, f"[{lang}] search index lists {sorted(found)}, not {sorted(expected)}"
    wanted = material_search_config(config.language_tag(lang))
    got = {key: index["config"][key] for key in wanted}
    assert got == wanted, f"[{lang}] search index settings {got}, not Material's {wanted}"


def test_indonesian_index_keeps_whole_words(built_site):
    """lunr has no Indonesian stemmer: no English stemming or stop words on Indonesian text."""
    pipeline = search_index(built_site, "id")["config"]["pipeline"]
    assert "stemmer" not in pipeline and "stopWordFilter" not in pipeline, (
        f"[id] search pipeline {pipeline} would cut Indonesian words the English way")


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_page_loads_the_index_of_its_language(built_site, page):
    html = (built_site / page.html_path).read_text(encoding="utf-8")
    loads = urljoin(urljoin(page.url, material_config(html)["base"]), "search/search_index.json")
    wanted = config.site_url() + config.lang_root(page.lang) + "search/search_index.json"
    assert loads == wanted, f"[{page.lang}] {page.path}: Material would load {loads}, not {wanted}"
