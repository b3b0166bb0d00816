"""Read the code blocks of a documentation page: which snippet each one includes."""
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,})(?P<lang>[\w-]*)(?P<attrs>.*)$")
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
OUTPUT_TITLE = 'title="Output"'
# Languages of blocks that show commands for a reader to type, not code the harness runs.
SHELL_LANGS = {"bash", "console", "shell", "sh"}


@dataclass
class CodeBlock:
    page: str
    line: int                   # 1-based line of the opening fence
    lang: str
    attrs: str
    body: list[str] = field(default_factory=list)

    @property
    def include(self):
        """(path, section or None) if the block is exactly one snippet include, else None."""
        if len(self.body) == 1 and (m := INCLUDE.match(self.body[0])):
            return m["path"], m["section"]
        return None

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and OUTPUT_TITLE in self.attrs

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass
class Step:
    """A python block that runs one snippet section, and the output block shown under it."""
    page: str
    path: str
    section: str
    block: CodeBlock
    output_file: str | None = None

    @property
    def id(self) -> str:
        return self.section


@cache
def code_blocks(page: str) -> tuple[CodeBlock, ...]:
    lines = Path(page).read_text(encoding="utf-8").splitlines()
    blocks, current, closing = [], None, None
    for number, line in enumerate(lines, 1):
        if current is None:
            if m := FENCE.match(line):
                current = CodeBlock(page, number, m["lang"], m["attrs"].strip())
                closing = m["indent"] + m["fence"]
        elif line.rstrip() == closing:
            blocks.append(current)
            current = None
        else:
            current.body.append(line.strip() if INCLUDE.match(line) else line)
    if current is not None:
        raise ValueError(f"{current.where}: code block never closed")
    return tuple(blocks)


def steps(page: str) -> list[Step]:
    """The page's runnable steps in page order, each with the output file shown under it."""
    found = []
    for block in code_blocks(page):
        include = block.include
        if block.lang == "python" and include and include[1]:
            found.append(Step(page, include[0], include[1], block))
        elif block.is_output and include and found and found[-1].output_file is None:
            found[-1].output_file = include[0]
    return found


def whole_file_includes(page: str) -> list[str]:
    """Snippet files that the page shows whole (complete scripts)."""
    return [b.include[0] for b in code_blocks(page)
            if b.lang == "python" and b.include and not b.include[1]]
