"""The page model: what a documentation page holds, read once (with markdown-it) for every tool.

docs/<lang>/<name>.md becomes a Page: its front matter, its sections (heading id, prose,
code blocks, what kinds of blocks they hold), its steps (a python block that runs one snippet
section, with the Output block right under it), its shell commands and complete scripts, and
where it is published. The notebook generator, the translation checks, the hooks and the
tests all read pages through this module, so each rule below is written once.
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from tools import config

DOCS = Path("docs")
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
# Material's content tabs (=== "Label") nest like admonitions: read them as admonitions "tab"
TAB = re.compile(r'^(?P<indent>\s*)===\+? (?=")', re.M)
PAGE_ONLY, END_PAGE_ONLY = "<!-- page-only -->", "<!-- /page-only -->"
SHELL_LANGS = {"bash", "console", "shell", "sh"}
TOP = "(top)"   # the id of what comes before the first heading with an id


class PageError(ValueError):
    """A page that cannot be read as this site's Markdown; the message names page and line."""


@dataclass(frozen=True)
class CodeBlock:
    page: str
    line: int            # 1-based line of the opening fence
    lang: str
    attrs: str           # what follows the language on the fence line
    body: str
    section: str         # id of the heading it sits under
    page_only: bool = False

    @property
    def include(self) -> tuple[str, str | None] | None:
        """(path, section or None) when the block is exactly one snippet include."""
        lines = self.body.strip("\n").splitlines()
        if len(lines) == 1 and (m := INCLUDE.match(lines[0])):
            return m["path"], m["section"]
        return None

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and 'title="Output"' in self.attrs

    @property
    def is_shell(self) -> bool:
        return self.lang in SHELL_LANGS

    @property
    def is_step(self) -> bool:
        return self.lang == "python" and bool(self.include and self.include[1])

    @property
    def fence(self) -> str:
        """The fence line as written (language and attributes)."""
        return f"```{self.lang}{' ' + self.attrs if self.attrs else ''}"

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line} (section #{self.section})"


@dataclass(frozen=True)
class Step:
    """A python block that runs one snippet section, and the Output block right under it."""
    block: CodeBlock
    output: CodeBlock | None

    @property
    def page(self) -> str:
        return self.block.page

    @property
    def path(self) -> str:
        return self.block.include[0]

    @property
    def name(self) -> str:
        return self.block.include[1]

    id = name

    @property
    def output_file(self) -> str | None:
        return self.output.include[0] if self.output and self.output.include else None

    @property
    def where(self) -> str:
        return f"{self.page}, section #{self.block.section}, step '{self.name}'"


@dataclass(frozen=True)
class Paragraph:
    line: int
    text: str            # Markdown of one paragraph, list item, title or table row
    kind: str            # "heading", "paragraph", "title" (admonition or tab) or "table row"


@dataclass
class Section:
    id: str
    title: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    blocks: list[CodeBlock] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)   # admonitions, content tabs, tables, images
    source: list[str] = field(default_factory=list)    # its lines of Markdown


@dataclass
class Page:
    path: str            # docs/<lang>/<name>.md
    text: str
    tree: SyntaxTreeNode
    front_matter: dict
    sections: list[Section]
    steps: list[Step]

    @property
    def lang(self) -> str:
        return Path(self.path).relative_to(DOCS).parts[0]

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

    @property
    def scripts(self) -> list[str]:
        """Snippet files the page shows whole (complete scripts)."""
        return [b.include[0] for b in self.blocks
                if b.lang == "python" and b.include and not b.include[1]]

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
    markdown = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin)
    tree = SyntaxTreeNode(markdown.parse(TAB.sub(r"\g<indent>!!! tab ", text)))
    reader = _Reader(path, text.splitlines())
    reader.walk(tree.children)
    front = next((n.content for n in tree.children if n.type == "front_matter"), "")
    return Page(path, text, tree, yaml.safe_load(front) or {}, reader.sections, reader.steps)


def heading_id(node: SyntaxTreeNode) -> tuple[str, str]:
    """(id, title) of a heading node; the id is "(no id: <title>)" when the heading has none."""
    text = node.children[0].content
    match = HEADING_ID.search(text)
    title = HEADING_ID.sub("", text).strip()
    return (match["id"] if match else f"(no id: {title})"), title


def is_container(node: SyntaxTreeNode) -> bool:
    return node.type == "admonition"


def is_tab(node: SyntaxTreeNode) -> bool:
    return node.type == "admonition" and node.meta.get("tag") == "tab"


def container_title(node: SyntaxTreeNode) -> str:
    title = node.children[0] if node.children and node.children[0].type == "admonition_title" else None
    return title.children[0].content if title and title.children else ""


class _Reader:
    """One pass over the tree: sections, their prose and blocks, and the steps."""

    def __init__(self, path: str, lines: list[str]):
        self.path, self.lines = path, lines
        self.sections = [Section(TOP, "", 1)]
        self.steps: list[Step] = []
        self.page_only = False

    def walk(self, nodes: list[SyntaxTreeNode]):
        previous_step = None
        for node in nodes:
            step = self.visit(node, previous_step)
            previous_step = step

    def visit(self, node: SyntaxTreeNode, previous_step: Step | None) -> Step | None:
        """Record the node; return the Step it starts, so an Output block right after it attaches."""
        if node.type == "heading":
            sid, title = heading_id(node)
            self.sections.append(Section(sid, title, node.map[0] + 1))
        section = self.sections[-1]
        if node.map and node.level == 0 and node.type != "front_matter":
            section.source += self.lines[node.map[0]:node.map[1]]
        if node.type == "heading":
            section.paragraphs.append(Paragraph(node.map[0] + 1, section.title, "heading"))
        elif node.type == "html_block":
            self._page_only_marker(node)
        elif node.type in ("fence", "code_block"):
            return self._fence(node, previous_step)
        elif is_container(node):
            section.counts["content tabs" if is_tab(node) else "admonitions"] += 1
            section.paragraphs.append(Paragraph(node.map[0] + 1, container_title(node), "title"))
            self.walk([c for c in node.children if c.type != "admonition_title"])
        elif node.type == "table":
            section.counts["tables"] += 1
            for row in (r for part in node.children for r in part.children):
                cells = " | ".join(cell.children[0].content if cell.children else ""
                                   for cell in row.children)
                section.paragraphs.append(Paragraph(row.map[0] + 1, cells, "table row"))
        elif node.type == "paragraph":
            inline = node.children[0]
            section.counts["images"] += sum(1 for c in inline.children if c.type == "image")
            section.paragraphs.append(Paragraph(node.map[0] + 1, inline.content, "paragraph"))
        else:
            self.walk(node.children)
        return None

    def _page_only_marker(self, node):
        content = node.content.strip()
        if content == PAGE_ONLY:
            self.page_only = True
        elif content == END_PAGE_ONLY:
            self.page_only = False

    def _fence(self, node, previous_step: Step | None) -> Step | None:
        # an indented code block has no language: no check accepts it
        lang, _, attrs = node.info.strip().partition(" ") if node.type == "fence" else ("(indented)", "", "")
        section = self.sections[-1]
        block = CodeBlock(self.path, node.map[0] + 1, lang, attrs.strip(), node.content,
                          section.id, self.page_only)
        section.blocks.append(block)
        section.counts["code blocks"] += 1
        if block.is_output:
            if previous_step is None or previous_step.output is not None:
                raise PageError(f"{block.where}: an Output block must sit right under the python "
                                "block of its step (only blank lines between them)")
            self.steps[-1] = Step(previous_step.block, block)
            return None
        if block.is_step:
            self.steps.append(Step(block, None))
            return self.steps[-1]
        return None


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
