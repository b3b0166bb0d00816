"""The strict site build: every page and notebook page is there, nothing loads from outside."""
import re

import pytest

from tools import site

NOTEBOOK_PAGES = site.notebook_pages()
# canonical and alternate links name URLs without loading them
EXTERNAL_ASSET = re.compile(
    r'<(?:script|img|link(?![^>]*rel="(?:canonical|alternate)"))[^>]+(?:src|href)="(https?:)?//',
    re.I)


def _html_path(built_site, page):
    lang, stem = site.language_of(page), page.rsplit("/", 1)[1][:-3]
    return built_site / site.lang_root(lang) / ("" if stem == "index" else stem) / "index.html"


@pytest.mark.parametrize("page", [p for lang in site.languages() for p in site.pages(lang)])
def test_page_is_built(built_site, page):
    assert _html_path(built_site, page).exists(), f"{page} missing from the built site"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_and_download_are_built(built_site, page):
    """static-i18n drops notebook pages silently (its issue #198); tools/mkdocs_hooks.py fixes it."""
    lang, stem = site.language_of(page), page.rsplit("/", 1)[1][:-3]
    folder = built_site / site.lang_root(lang) / "notebooks" / stem
    html = (folder / "index.html")
    assert html.exists(), f"notebook page of {page} is missing from the built site"
    assert (folder / f"{stem}.ipynb").exists(), f"downloadable notebook of {page} is missing"
    assert "jp-OutputArea" in html.read_text() or "output_area" in html.read_text(), \
        f"notebook page of {page} shows no outputs"


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                 if EXTERNAL_ASSET.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"pages that load a script, style or image from elsewhere: {offenders}"
