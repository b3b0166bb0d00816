"""The strict site build: every page and notebook page is there, nothing loads from outside."""
import json
import re

import pytest

from tests.site import links
from tools import config, pages
from tools.notebooks import LINK

ALL_PAGES = pages.all_pages()
NOTEBOOK_PAGES = pages.notebook_pages()
# canonical and alternate links name URLs without loading them
EXTERNAL_ASSET = re.compile(
    r'<(?:script|img|link(?![^>]*rel="(?:canonical|alternate)"))[^>]+(?:src|href)="(https?:)?//',
    re.I)


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_page_is_built(built_site, page):
    assert (built_site / page.html_path).exists(), f"{page.path} missing from the built site"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=[p.path for p in NOTEBOOK_PAGES])
def test_notebook_page_and_download_are_built(built_site, page):
    """static-i18n drops notebook pages silently (its issue #198); tools/hooks/notebook_pages.py
    keeps them."""
    folder = built_site / page.notebook_url_path
    html = folder / "index.html"
    assert html.exists(), f"notebook page of {page.path} is missing from the built site"
    assert (folder / f"{page.name}.ipynb").exists(), f"downloadable notebook of {page.path} is missing"
    assert "jp-OutputArea" in html.read_text(), f"notebook page of {page.path} shows no outputs"


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                 if EXTERNAL_ASSET.search(p.read_text(encoding="utf-8"))]
    assert not offenders, f"pages that load a script, style or image from elsewhere: {offenders}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=[p.path for p in NOTEBOOK_PAGES])
def test_downloaded_notebook_links_to_the_site_it_came_from(built_site, page):
    """The committed notebook links to Markdown sources; the copy the site serves links to
    the site's own pages (on the public URL it was built for)."""
    notebook = json.loads((built_site / page.notebook_url_path / f"{page.name}.ipynb").read_text())
    targets = [t for cell in notebook["cells"] if cell["cell_type"] == "markdown"
               for t in LINK.findall("".join(cell["source"]))]
    not_on_site = [t for t in targets if not re.match(r"^[a-z]+:", t)]
    assert not not_on_site, f"{page.notebook_path} as served links to files, not pages: {not_on_site}"
    own = [t for t in targets if t.startswith(config.site_url())]
    assert page.url in own, f"{page.notebook_path} as served does not link to its page {page.url}"
    broken = [f"{t}: {why}" for t in own
              if (why := links.problem(built_site, config.site_url(), links.Link(page.notebook_url_path, t)))]
    assert not broken, f"{page.notebook_path} as served has broken links: {broken}"
