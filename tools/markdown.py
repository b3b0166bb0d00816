"""Read a page's Markdown (markdown-it, with Material's admonitions and tabs) into its parts.

The parts: sections (cut at headings with their `{ #id }`), the prose of each (paragraphs,
list items, titles, table rows), its code blocks, and the steps: a python block that runs
one snippet section, with the Output block right under it. tools/pages.py builds the Page
model from them; nothing else parses Markdown.
"""
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
HEADING_ID = re.compile(r"\s*\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
# attr_list after a link, e.g. [file](a.py){ download="a.py" }: HTML only, not Markdown
CODE_SPAN = re.compile(r"`([^`]+)`")
LINK_ATTRS = re.compile(r"(?<=\))\{[^}\n]*\}")
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
        return self.result == "Output"

    @property
    def result(self) -> str | None:
        """"Output" or "Warnings" for a block that shows what the step above it printed or warned."""
        title = re.fullmatch(r'title="(Output|Warnings)"', self.attrs)
        return title[1] if self.lang == "text" and title else None

    @property
    def is_shell(self) -> bool:
        return self.lang in SHELL_LANGS

    @property
    def is_script(self) -> bool:
        """A python block that shows a whole snippet file: a script run as a reader runs it."""
        return self.lang == "python" and bool(self.include and not self.include[1])

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
    """A python block that runs one snippet section, with what it printed (an Output block) and
    what it warned (a Warnings block) right under it: only blank lines between, in that order."""
    block: CodeBlock
    output: CodeBlock | None = None
    warnings: CodeBlock | None = None

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
    def warnings_file(self) -> str | None:
        return self.warnings.include[0] if self.warnings and self.warnings.include else None

    @property
    def where(self) -> str:
        return f"{self.page}, section #{self.block.section}, step '{self.name}'"


@dataclass(frozen=True)
class Script(Step):
    """A whole snippet file shown on the page, with what running it prints right under it."""

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    id = name

    @property
    def where(self) -> str:
        return f"{self.page}, section #{self.block.section}, script {self.path}"


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
    counts: Counter = field(default_factory=Counter)   # admonitions by kind, content tabs, tables, images
    source: list[str] = field(default_factory=list)    # its lines of Markdown

    @property
    def prose(self) -> str:
        """Its paragraphs, titles and table rows as one line of Markdown."""
        return " ".join(p.text for p in self.paragraphs)

    @property
    def code_spans(self) -> list[str]:
        """The `code` spans of its prose, in page order."""
        return [span for p in self.paragraphs for span in CODE_SPAN.findall(p.text)]


def parse(path: str, text: str) -> tuple[SyntaxTreeNode, list[Section], list[Step], list[Script]]:
    """The page's tree, sections, steps and scripts; a PageError names what cannot be read."""
    markdown = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin)
    tree = SyntaxTreeNode(markdown.parse(TAB.sub(r"\g<indent>!!! tab ", text)))
    reader = _Reader(path, text.splitlines())
    reader.walk(tree.children)
    return tree, reader.sections, reader.steps, reader.scripts


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
        self.scripts: list[Script] = []
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
            # by kind: a translation's "warning" where English has a "note" changes its colour
            section.counts["content tabs" if is_tab(node) else f"{node.meta.get('tag')} admonitions"] += 1
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
        if block.result:
            found = self.scripts if isinstance(previous_step, Script) else self.steps
            found[-1] = self._attach(block, previous_step)
            return found[-1]
        for kind, found in ((block.is_step, self.steps), (block.is_script, self.scripts)):
            if kind:
                found.append((Step if found is self.steps else Script)(block))
                return found[-1]
        return None

    @staticmethod
    def _attach(block: CodeBlock, step: Step | None) -> Step:
        """The step or script with its Output or Warnings block, which must come right under it."""
        if step is None or step.warnings or (block.is_output and step.output):
            raise PageError(f"{block.where}: the {block.result} block must sit right under the python "
                            "block of its step (only blank lines between them; Output before Warnings)")
        if block.is_output:
            return replace(step, output=block)
        return replace(step, warnings=block)
