"""Every code block a reader sees is run by the tests or plainly not code, and copies cleanly."""
import re
import unicodedata
from pathlib import Path

import pytest

from tools import pages, snippets
from tools.markdown import CodeBlock
from tools.snippets import sections

ALL_PAGES = pages.all_pages()


def block_problem(block: CodeBlock) -> str | None:
    include = block.include
    if block.lang == "python":
        return None if include else "python code typed into the page instead of a snippet include"
    if block.result:
        return None if include and "/output/" in include[0] else f"{block.result} block not captured from a run"
    if block.is_shell:
        return None
    return f"code block of language {block.lang!r} that no test runs"


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_every_code_block_is_executed_or_a_shell_command(page):
    problems = [f"{b.where}: {p}" for b in page.blocks if (p := block_problem(b))]
    assert not problems, "\n".join(problems)


def test_every_snippet_section_is_on_an_english_page():
    shown = {(s.path, s.name) for p in pages.source_pages() for s in p.steps}
    files = {path for path, _ in shown}
    unused = [f"{path}:{name}" for path in sorted(files) for name in sections(path)
              if (path, name) not in shown]
    assert not unused, f"snippet sections that no page shows: {unused}"


def test_every_snippet_file_is_used():
    used = {s.path for p in pages.source_pages() for s in p.steps}
    used |= {s.path for p in pages.source_pages() for s in p.scripts}
    files = {str(p) for p in Path("snippets").rglob("*.py")}
    assert files <= used, f"snippet files no English page includes: {sorted(files - used)}"


def test_every_output_file_is_shown():
    shown = {f for p in pages.source_pages() for s in p.steps + p.scripts
             for f in (s.output_file, s.warnings_file)}
    files = {str(p) for p in Path("snippets").rglob("output/*.txt")}
    assert files <= shown, f"captured outputs no page shows: {sorted(files - shown)}"


def test_snippet_folders_are_named_after_their_page():
    """A step's code lives in snippets/<page name>/: found from the page's address."""
    for page in pages.source_pages():
        for step in page.steps:
            assert Path(step.path).parts[:2] == ("snippets", page.name), \
                f"{step.where}: its code {step.path} is not in snippets/{page.name}/"
            for file, name in ((step.output_file, f"{step.name}.txt"),
                               (step.warnings_file, f"{step.name}.warnings.txt")):
                assert file in (None, f"snippets/{page.name}/output/{name}"), \
                    f"{step.where}: shows {file}, not snippets/{page.name}/output/{name}"


# Characters that look like nothing (or like a space) and break pasted code: "invalid
# non-printable character U+200B", a non-breaking space in a shell command...
INVISIBLE = re.compile("[\u00a0\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u2064\ufeff]")


def copy_problems(page: pages.Page) -> list[str]:
    """Invisible characters in what the copy buttons copy: code, outputs, commands."""
    problems = []
    for block in page.blocks:
        shown = snippets.code_of(block)
        for number, line in enumerate(shown.splitlines(), 1):
            for char in INVISIBLE.findall(line):
                problems.append(f"{block.where}: {unicodedata.name(char, hex(ord(char)))} "
                                f"(U+{ord(char):04X}) in line {number} of what the reader copies: {line!r}")
    return problems


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_what_a_reader_copies_has_no_invisible_characters(page):
    problems = copy_problems(page)
    assert not problems, "\n".join(problems)


def test_an_invisible_character_in_a_command_is_named(tmp_path):
    page = tmp_path / "docs/en/case.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Case { #case }\n\n```bash\npython -m pip\u200b install pymilvus\n```\n")
    problems = copy_problems(pages.read(page))
    assert len(problems) == 1 and "section #case): ZERO WIDTH SPACE (U+200B) in line 1" in problems[0]


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_front_matter_title_is_the_page_heading(page):
    assert page.title == page.heading, \
        f"{page.where()}: front matter title {page.title!r} differs from the heading {page.heading!r}"
