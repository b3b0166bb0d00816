"""The page model: what a documentation page holds and where it is published.

docs/<lang>/<name>.md becomes a Page: its front matter, its sections, steps, shell commands
and complete scripts (read by tools/markdown.py), and its addresses on the site. The notebook
generator, the translation checks, the hooks and the tests all read pages through here.
"""
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from markdown_it.tree import SyntaxTreeNode

from tools import config
from tools.markdown import TOP, CodeBlock, PageError, Script, Section, Step, parse

DOCS = Path("docs")


@dataclass
class Page:
    path: str            # docs/<lang>/<name>.md
    text: str
    tree: SyntaxTreeNode
    front_matter: dict
    sections: list[Section]
    steps: list[Step]
    scripts: list[Script]     # whole snippet files it shows: run as a reader would

    @property
    def lang(self) -> str:
        """The folder under docs/ that holds the page (the path may be absolute)."""
        parts = Path(self.path).parts
        return parts[len(parts) - 1 - parts[::-1].index(DOCS.name) + 1]

    @property
    def name(self) -> str:
        return Path(self.path).stem

    @property
    def title(self) -> str:
        return str(self.front_matter.get("title", ""))

    @property
    def heading(self) -> str:
        """The text of the page's first heading (its H1)."""
        return next((s.title for s in self.sections if s.id != TOP), "")

    @property
    def blocks(self) -> list[CodeBlock]:
        return [b for s in self.sections for b in s.blocks]

    @property
    def shell_blocks(self) -> list[CodeBlock]:
        return [b for b in self.blocks if b.is_shell]

    def section(self, section_id: str) -> Section:
        found = next((s for s in self.sections if s.id == section_id), None)
        if found is None:
            raise PageError(f"{self.path}: no section with id #{section_id}")
        return found

    # -- where the page is published --------------------------------------------------------

    @property
    def url_path(self) -> str:
        """Its URL relative to the site root: "", "sdk-v2/", "de/", "de/sdk-v2/"."""
        return config.lang_root(self.lang) + ("" if self.name == "index" else f"{self.name}/")

    @property
    def url(self) -> str:
        return config.site_url() + self.url_path

    @property
    def html_path(self) -> str:
        """Its file in the built site, relative to the site folder."""
        return self.url_path + "index.html"

    @property
    def has_notebook(self) -> bool:
        return bool(self.steps)

    @property
    def notebook_path(self) -> Path:
        return Path("notebooks", self.lang, f"{self.name}.ipynb")

    @property
    def notebook_url_path(self) -> str:
        return f"{config.lang_root(self.lang)}notebooks/{self.name}/"

    def where(self, section_id: str = TOP) -> str:
        return f"[{self.lang}] {self.path}, section #{section_id}"


# -- reading ---------------------------------------------------------------------------------

def read(path: str | Path) -> Page:
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PageError(f"{path}: no such page") from None
    return _parse(path, text)


@cache
def _parse(path: str, text: str) -> Page:
    tree, sections, steps, scripts = parse(path, text)
    front = next((n.content for n in tree.children if n.type == "front_matter"), "")
    return Page(path, text, tree, yaml.safe_load(front) or {}, sections, steps, scripts)


# -- all pages -------------------------------------------------------------------------------

def paths(lang: str | None = None) -> list[str]:
    """Pages of one language, or of every language (default language first)."""
    langs = [lang] if lang else config.languages()
    return [str(p) for code in langs for p in sorted((DOCS / code).glob("*.md"))]


def all_pages(lang: str | None = None) -> list[Page]:
    return [read(p) for p in paths(lang)]


def source_pages() -> list[Page]:
    """The default language's pages: the sources that translations follow."""
    return all_pages(config.default_language())


def runnable_pages() -> list[Page]:
    """Source pages with steps: their code runs in the tests."""
    return [p for p in source_pages() if p.steps]


def notebook_pages() -> list[Page]:
    """Pages, in every language, that have a notebook twin."""
    return [p for p in all_pages() if p.has_notebook]


def translation_of(source: Page, lang: str) -> str:
    """Where the `lang` translation of a source page lives."""
    return str(DOCS / lang / Path(source.path).name)


def source_of(page: Page) -> Page:
    return read(DOCS / config.default_language() / Path(page.path).name)
