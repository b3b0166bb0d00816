"""Named sections of snippet files, and what an include shows, as pymdownx.snippets reads them."""
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MARKER = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
# A step that needs a newer Milvus server says so in its first comment, for every reader
NEEDS = re.compile(r"^# Needs Milvus (\d+\.\d+(?:\.\d+)?) or later\b", re.M)


@dataclass(frozen=True)
class Section:
    path: str        # relative to the repository root
    name: str
    first_line: int  # 1-based line of the first line of code
    last_line: int
    code: str        # dedented, as the page shows it

    @property
    def where(self) -> str:
        return f"{self.path}:{self.first_line}-{self.last_line}"

    @property
    def needs_milvus(self) -> str | None:
        """The Milvus server version the section declares it needs ("# Needs Milvus 2.4 or later")."""
        found = NEEDS.search(self.code)
        return found[1] if found else None


@cache
def sections(path: str) -> dict[str, Section]:
    """All sections of a snippet file, by name; markers must pair up."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    found, open_at = {}, {}
    for number, line in enumerate(lines, 1):
        match = MARKER.match(line)
        if not match:
            continue
        kind, name = match.groups()
        if kind == "start":
            open_at[name] = number
        elif name not in open_at:
            raise ValueError(f"{path}:{number}: end of section {name!r} without a start")
        else:
            start = open_at.pop(name)
            body = [l for l in lines[start:number - 1] if not MARKER.match(l)]
            code = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
            found[name] = Section(path, name, start + 1, number - 1, code)
    if open_at:
        raise ValueError(f"{path}: sections never ended: {sorted(open_at)}")
    return found


def section(path: str, name: str) -> Section:
    try:
        return sections(path)[name]
    except KeyError:
        raise KeyError(f"{path} has no section {name!r}") from None


def whole_file(path: str) -> str:
    """The file as a whole-file include shows it: section markers removed."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return "\n".join(l for l in lines if not MARKER.match(l)) + "\n"


def code_of(block) -> str:
    """What a page's code block shows: its include resolved, or its own lines."""
    return shown(*block.include) if block.include else block.body


def shown(path: str, name: str | None = None) -> str:
    """What an include `path[:name]` shows on the page: a section, a whole script, or a file."""
    if name:
        return section(path, name).code
    return whole_file(path) if path.endswith(".py") else Path(path).read_text(encoding="utf-8")
