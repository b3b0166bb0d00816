"""tools/pages.py: a page's front matter, title and addresses, and the list of all pages."""
import pytest

from tools import config, pages
from tools.markdown import PageError


def test_front_matter_title_heading_and_where():
    page = pages.read("docs/en/sdk-v2.md")
    assert page.lang == "en" and page.name == "sdk-v2"
    assert page.title and page.heading
    assert page.where("tldr") == "[en] docs/en/sdk-v2.md, section #tldr"


@pytest.mark.parametrize("path, url_path, notebook", [
    ("docs/en/index.md", "", "notebooks/index/"),
    ("docs/en/sdk-v2.md", "sdk-v2/", "notebooks/sdk-v2/"),
    ("docs/de/sdk-v2.md", "de/sdk-v2/", "de/notebooks/sdk-v2/"),
])
def test_addresses_follow_the_language_folder(path, url_path, notebook):
    page = pages.read(path)
    assert page.url_path == url_path and page.url == config.site_url() + url_path
    assert page.html_path == url_path + "index.html"
    assert page.notebook_url_path == notebook


def test_every_language_has_the_same_pages():
    names = {lang: [p.name for p in pages.all_pages(lang)] for lang in config.languages()}
    assert len(set(map(tuple, names.values()))) == 1, names
    assert [p.path for p in pages.source_pages()] == pages.paths(config.default_language())


def test_runnable_pages_are_source_pages_with_steps():
    assert pages.runnable_pages() and all(p.steps and p.lang == "en" for p in pages.runnable_pages())


def test_a_missing_page_and_a_missing_section_are_named():
    with pytest.raises(PageError, match="docs/en/nope.md: no such page"):
        pages.read("docs/en/nope.md")
    with pytest.raises(PageError, match="no section with id #nope"):
        pages.read("docs/en/sdk-v2.md").section("nope")
