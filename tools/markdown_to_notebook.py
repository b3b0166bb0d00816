"""Turn a page's Markdown (Material dialect) into notebook cells.

Only the constructs this site uses are handled: front matter, heading ids, admonitions,
content tabs, snippet includes in code blocks and `<!-- page-only -->` blocks. Anything the
converter does not know is kept as plain Markdown.
"""
import re
import textwrap
from dataclasses import dataclass

from tools.pages import FENCE, INCLUDE
from tools.snippets import section, whole_file

ADMONITION = re.compile(r'^(?P<indent>\s*)(!!!|\?\?\?\+?) (?P<kind>\w+)(?: "(?P<title>[^"]*)")?\s*$')
TAB = re.compile(r'^(?P<indent>\s*)=== "(?P<label>[^"]+)"\s*$')
HEADING_ID = re.compile(r"\s*\{\s*#[\w-]+\s*\}\s*$")
PAGE_ONLY = re.compile(r"<!-- page-only -->.*?<!-- /page-only -->\n?", re.S)


@dataclass
class Cell:
    kind: str          # "markdown" or "code"
    source: str
    step: str | None = None
    output_file: str | None = None


def strip_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def convert(text: str) -> list[Cell]:
    text = PAGE_ONLY.sub("", strip_front_matter(text))
    cells, markdown = [], []
    lines = _flatten(text.splitlines())
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if not fence:
            markdown.append(HEADING_ID.sub("", line) if line.startswith("#") else line)
            i += 1
            continue
        end = lines.index(fence["indent"] + fence["fence"], i + 1)
        body = lines[i + 1:end]
        include = INCLUDE.match(body[0]) if len(body) == 1 else None
        i = end + 1
        if fence["lang"] == "python" and include and include["section"]:
            _flush(markdown, cells)
            sec = section(include["path"], include["section"])
            cells.append(Cell("code", sec.code.rstrip("\n"), step=sec.name))
        elif fence["lang"] == "text" and include and cells and cells[-1].kind == "code" \
                and not markdown_has_text(markdown):
            cells[-1].output_file = include["path"]
        else:
            shown = whole_file(include["path"]).rstrip("\n").splitlines() if include else body
            markdown += [f"```{fence['lang']}", *shown, "```"]
    _flush(markdown, cells)
    return cells


def markdown_has_text(lines: list[str]) -> bool:
    return any(l.strip() for l in lines)


def _flush(markdown: list[str], cells: list[Cell]):
    source = "\n".join(markdown).strip("\n")
    if source.strip():
        cells.append(Cell("markdown", source))
    markdown.clear()


def _flatten(lines: list[str]) -> list[str]:
    """Rewrite admonitions as block quotes and tabs as bold labels, dedenting their bodies."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        head = ADMONITION.match(line) or TAB.match(line)
        if not head:
            out.append(line)
            i += 1
            continue
        body, i = _indented_block(lines, i + 1, len(head["indent"]) + 4)
        inner = _flatten(textwrap.dedent("\n".join(body)).splitlines())
        if "kind" in head.groupdict():
            title = head["title"] or head["kind"].capitalize()
            out += ["", f"> **{title}**", ">", *[f"> {l}".rstrip() for l in inner], ""]
        else:
            out += ["", f"**{head['label']}**", "", *inner, ""]
    return out


def _indented_block(lines, start, width):
    body, i = [], start
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(" " * width)):
        body.append(lines[i])
        i += 1
    while body and not body[-1].strip():
        body.pop()
        i -= 1
    return body, i
