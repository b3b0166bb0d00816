"""Search finds the reader's language: one index per language, each page loading its own.

mkdocs-static-i18n 1.3.1 with Material 9.8.1 writes a single search/search_index.json that
holds every language (static-i18n #271); tools/search.py splits it after the build and
tools/mkdocs_hooks.py points each translated page's Material `base` at its language root.
"""
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tools import search, site

LANGS = site.languages()


def index_of(built_site: Path, lang: str) -> dict:
    path = built_site / site.lang_root(lang) / "search" / "search_index.json"
    assert path.exists(), f"[{lang}] {path.relative_to(built_site)}: no search index"
    return json.loads(path.read_text(encoding="utf-8"))


def _url_path(page: str) -> str:
    return site.page_url(page).removeprefix(site.config()["site_url"])


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_index_of_its_own_pages(built_site, lang):
    index = index_of(built_site, lang)
    pages = {site.lang_root(lang) + doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {_url_path(p) for p in site.pages(lang)}
    assert pages == expected, f"[{lang}] search index lists {sorted(pages)}, not {sorted(expected)}"
    wanted = search.material_search_config(lang)
    got = {key: index["config"][key] for key in wanted}
    assert got == wanted, f"[{lang}] search index settings {got}, not Material's {wanted}"


def test_indonesian_index_keeps_whole_words(built_site):
    """lunr has no Indonesian stemmer: no English stemming or stop words on Indonesian text."""
    config = index_of(built_site, "id")["config"]
    assert "stemmer" not in config["pipeline"] and "stopWordFilter" not in config["pipeline"], (
        f"[id] search pipeline {config['pipeline']} would cut Indonesian words the English way")


@pytest.mark.parametrize("page", [p for lang in LANGS for p in site.pages(lang)])
def test_page_loads_the_index_of_its_language(built_site, page):
    html = (built_site / _url_path(page) / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  html, re.S)[1])
    lang = site.language_of(page)
    loads = urljoin(urljoin(site.page_url(page), config["base"]), "search/search_index.json")
    wanted = site.config()["site_url"] + site.lang_root(lang) + "search/search_index.json"
    assert loads == wanted, f"[{lang}] {page}: Material would load {loads}, not {wanted}"
