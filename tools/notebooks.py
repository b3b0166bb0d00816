"""Generate notebooks/<lang>/<page>.ipynb from each page, and publish them with the site's links.

A notebook holds the page's text as Markdown cells and each step as a code cell with the
output captured from a real run. Links point at the pages' Markdown sources, relative to the
notebook, so they work where the notebook is committed; `publish()` turns them into the
site's addresses for the copy a reader downloads. Run `python -m tools.notebooks`
(scripts/make-notebooks) after changing a page, a snippet or an output.
"""
import json
import os
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

from tools import config, markdown, pages, pins, snippets
from tools.markdown import HEADING_ID, INCLUDE, LINK_ATTRS, PageError
from tools.pages import Page

LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


@dataclass
class Cell:
    kind: str                    # "markdown" or "code"
    source: str
    step: str | None = None      # the snippet section a code cell runs
    output_file: str | None = None
    warnings_file: str | None = None


class _Cells:
    """Walks a page's Markdown tree and gathers cells: text as Markdown, steps as code."""

    def __init__(self, page: Page):
        self.page, self.lines = page, page.text.splitlines()
        self.blocks = {b.line: b for b in page.blocks}
        self.results = {b.line: s for s in page.steps + page.scripts for b in (s.output, s.warnings) if b}
        self.cells: list[Cell] = []
        self.markdown: list[str] = []
        self.page_only = False

    def walk(self, nodes, indent: int = 0):
        for node in nodes:
            self.visit(node, indent)

    def visit(self, node, indent: int):
        if node.type == "html_block" and node.content.strip() in (markdown.PAGE_ONLY, markdown.END_PAGE_ONLY):
            self.page_only = node.content.strip() == markdown.PAGE_ONLY
        elif node.type == "front_matter" or self.page_only:
            return
        elif node.type == "fence":
            self.fence(self.blocks[node.map[0] + 1])
        elif node.type == "heading":
            self.markdown.append(HEADING_ID.sub("", self.lines[node.map[0]]))
        elif markdown.is_tab(node):
            self.markdown.append(f"**{markdown.container_title(node)}**")
            self.walk(node.children[1:], indent + 4)
        elif markdown.is_container(node):
            self.markdown.append(self.quote(node, indent))
        elif node.type == "paragraph" and (include := INCLUDE.match(node.children[0].content)):
            self.markdown.append(snippets.shown(include["path"]).strip("\n"))
        else:
            source = "\n".join(self.lines[node.map[0]:node.map[1]])
            self.markdown.append(textwrap.dedent(source).strip("\n") if indent else source.strip("\n"))

    def quote(self, node, indent: int) -> str:
        """An admonition as a block quote with its title in bold."""
        inner = _Cells(self.page)
        inner.walk(node.children[1:], indent + 4)
        if inner.cells:
            raise PageError(f"{self.page.path}:{node.map[0] + 1}: a step inside an admonition "
                            "cannot become a notebook cell; move it out")
        body = "\n\n".join(inner.markdown)
        title = markdown.container_title(node) or node.meta.get("tag", "").capitalize()
        return "\n".join(f"> {line}".rstrip() for line in [f"**{title}**", "", *body.splitlines()])

    def fence(self, block):
        if block.is_step:
            self.flush()
            code = snippets.section(*block.include).code.rstrip("\n")
            self.cells.append(Cell("code", code, step=block.include[1]))
        elif block.line in self.results and not self.results[block.line].block.is_script:
            setattr(self.cells[-1], "output_file" if block.is_output else "warnings_file", block.include[0])
        else:
            shown = snippets.code_of(block)
            self.markdown.append(f"```{block.lang}\n{shown.rstrip(chr(10))}\n```")

    def flush(self):
        if self.markdown:
            self.cells.append(Cell("markdown", "\n\n".join(self.markdown)))
            self.markdown = []


def page_cells(page: Page) -> list[Cell]:
    """The page's content as cells, in page order (what is marked page-only left out)."""
    cells = _Cells(page)
    cells.walk(page.tree.children)
    cells.flush()
    return cells.cells


def build(page: Page) -> nbformat.NotebookNode:
    strings = config.strings(page.lang)["notebook"]
    title, *content = page_cells(page)
    heading, _, intro = title.source.partition("\n")
    source = os.path.relpath(page.path, page.notebook_path.parent)
    cells = [
        Cell("markdown", heading + "\n\n" + strings["generated_from"].format(
            title=page.title, url=source)),
        Cell("markdown", strings["install"]),
        Cell("code", "%pip install --quiet " + " ".join(pins.pins_of(page.front_matter["packages"])),
             step="install"),
        *([Cell("markdown", intro.strip("\n"))] if intro.strip() else []),
        *content,
    ]
    return _notebook(cells, page)


def _notebook(cells: list[Cell], page: Page) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    count = 0
    for number, cell in enumerate(cells):
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(
                source_links(cell.source, page), id=f"md-{number:02d}"))
            continue
        count += 1
        code = nbformat.v4.new_code_cell(cell.source, id=f"step-{cell.step}", execution_count=count)
        code.outputs = [nbformat.v4.new_output("stream", name=stream, text=Path(file).read_text("utf-8"))
                        for stream, file in (("stdout", cell.output_file), ("stderr", cell.warnings_file))
                        if file]
        nb.cells.append(code)
    return nb


# -- links -----------------------------------------------------------------------------------

def _rewrite_links(markdown: str, fix) -> str:
    def one(match):
        target = match["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):     # http:, mailto:, data: ...
            return match[0]
        path, _, anchor = target.partition("#")
        return f"]({fix(path)}{'#' + anchor if anchor else ''})"
    return LINK.sub(one, markdown)


def source_links(markdown: str, page: Page) -> str:
    """Links of a page, relative to the page, made relative to its notebook in the repository."""
    def fix(path):
        linked = os.path.normpath(os.path.join(os.path.dirname(page.path), path)) if path else page.path
        if not Path(linked).exists():
            raise PageError(f"{page.path}: link to {path!r}, which is not a file of the repository")
        return os.path.relpath(linked, page.notebook_path.parent)
    return _rewrite_links(LINK_ATTRS.sub("", markdown), fix)


def publish(notebook_json: str, notebook: Path) -> str:
    """The notebook as the site serves it: links to pages become the pages' site addresses."""
    nb = json.loads(notebook_json)
    notebook = Path(os.path.relpath(notebook.resolve()))    # docs/<lang>/notebooks is a symlink

    def fix(path):
        linked = Path(os.path.normpath(notebook.parent / path)) if path else notebook
        if linked.suffix == ".md":
            return pages.read(linked).url
        if linked.suffix == ".ipynb":
            return config.site_url() + config.lang_root(linked.parent.name) + f"notebooks/{linked.stem}/"
        if linked.parts[0] == pages.DOCS.name:     # a file the site serves as it is
            return config.site_url() + linked.relative_to(pages.DOCS).as_posix()
        raise PageError(f"{notebook}: link to {path!r} has no address on the site")
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = _rewrite_links(source, fix)
    return serialize(nb)


def serialize(nb) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    for page in pages.notebook_pages():
        page.notebook_path.parent.mkdir(parents=True, exist_ok=True)
        page.notebook_path.write_text(serialize(build(page)), encoding="utf-8")
        print(f"wrote {page.notebook_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
