"""The pages a reader can open on the built site: every page of every language, notebooks too."""
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from tools import config, pages


@dataclass(frozen=True)
class SitePage:
    lang: str
    path: str          # URL path relative to the site root, e.g. "de/notebooks/x/"
    source: str        # docs/<lang>/<page>.md (for a notebook page: the page it comes from)
    notebook: bool = False

    @property
    def id(self) -> str:
        return f"{self.lang}:/{self.path}"


@cache
def site_pages() -> tuple[SitePage, ...]:
    """Every page of every language, notebook pages included (read once per process)."""
    found = []
    for page in pages.all_pages():
        found.append(SitePage(page.lang, page.url_path, page.path))
        if page.has_notebook:
            found.append(SitePage(page.lang, page.notebook_url_path, page.path, notebook=True))
    return tuple(found)


def same_page_in(page: SitePage, lang: str) -> SitePage | None:
    """The page's counterpart in another language (a notebook page's: its notebook page)."""
    return next((p for p in site_pages() if p.lang == lang and p.notebook == page.notebook
                 and Path(p.source).name == Path(page.source).name), None)


def home_page(lang: str) -> SitePage:
    return next(p for p in site_pages() if p.lang == lang and not p.notebook
                and Path(p.source).stem == "index")


def lane(lang: str) -> pytest.MarkDecorator:
    """The xdist group of a language's browser tests: the default language (with the 404
    pages and axe's own tests) in one lane, the translations in the other. Each worker that
    runs a lane starts its own Chromium (about 1.7 CPU-seconds with its first page); measured
    on 2 cores, the suite took 87-89 s with two lanes, 93-99 s with three and 95 s with one
    (its worker ends last)."""
    return pytest.mark.xdist_group("browser-0" if lang == config.default_language() else "browser-1")


@cache
def lanes() -> frozenset[str]:
    """The xdist groups lane() gives (asked at every browser test's setup)."""
    return frozenset(lane(lang).args[0] for lang in config.languages())


def by_page(pages=None):
    """parametrize arguments: one test per page, all of a page's tests on one worker."""
    pages = site_pages() if pages is None else pages
    return [pytest.param(p, id=p.id, marks=lane(p.lang)) for p in pages]
