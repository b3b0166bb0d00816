"""What a reader does on a language's home page: search, and switch to another language.

Every test of a language shares one load of its home page: they run one after another
(tests/browser/conftest.py, by_language), in its lane's worker; the language switch navigates
away, so it comes last.
"""
import re
from collections import Counter

import pytest

from tests.browser.site_pages import home_page, lane, same_page_in, site_pages
from tests.site.built import search_index
from tools import config, pages

LANGS = config.languages()


def per_language(langs=LANGS):
    return [pytest.param(lang, marks=lane(lang)) for lang in langs]


def _in_language(link: str, site_server: str, lang: str) -> bool:
    return config.language_of_url(link.removeprefix(site_server)) == lang


@pytest.mark.parametrize("lang", per_language())
def test_search_finds_each_runnable_page_by_its_title(home, site_server, lang):
    tutorials = [p for p in site_pages() if p.lang == lang and not p.notebook
                 and pages.read(p.source).steps]
    assert tutorials, f"[{lang}] no page with runnable steps to search for"
    for page in tutorials:
        query, want = pages.read(page.source).title, site_server + page.path
        found = home(lang).search(query)
        assert want in found, f"[{lang}] searching {query!r} found {found}, not {want}"


@pytest.mark.parametrize("lang", per_language())
def test_search_returns_only_pages_in_the_language_searched(home, site_server, lang):
    """A word that every language's pages use: each language's search finds its own pages."""
    links = home(lang).search("Milvus")
    assert links, f"[{lang}] searching 'Milvus' found nothing"
    others = [link for link in links if not _in_language(link, site_server, lang)]
    assert not others, f"[{lang}] searching 'Milvus' also found {others}"


def _words(index: dict) -> Counter:
    text = " ".join(re.sub(r"<[^>]+>", " ", doc["text"]) for doc in index["docs"])
    return Counter(w.lower() for w in re.findall(r"[^\W\d_]{8,}", text))


@pytest.mark.parametrize("lang", per_language(["id"]))
def test_indonesian_search_finds_whole_indonesian_words(built_site, home, site_server, lang):
    """The most frequent long word of the Indonesian pages that English pages never use."""
    english = _words(search_index(built_site, config.default_language()))
    word = next(w for w, _ in _words(search_index(built_site, lang)).most_common() if w not in english)
    links = home(lang).search(word)
    assert links and all(_in_language(link, site_server, lang) for link in links), \
        f"[{lang}] searching {word!r} found {links}"


@pytest.mark.parametrize("lang", per_language())
def test_language_switcher_click_lands_on_the_next_language(home, site_server, lang):
    """One real click to the next language proves the switcher's links work."""
    target = LANGS[(LANGS.index(lang) + 1) % len(LANGS)]
    landed, declared = home(lang).switch_to(target)
    want = site_server + same_page_in(home_page(lang), target).path
    assert landed == want, f"[{lang}] switching to {target} landed on {landed}, not {want}"
    assert declared == config.language_tag(target), f"[{lang}] the {target} page declares lang={declared}"
