"""Every code block a reader sees is run by the tests, or is plainly not code to run."""
from pathlib import Path

import pytest

from tools import site
from tools.pages import SHELL_LANGS, code_blocks, steps, whole_file_includes
from tools.snippets import sections

ALL_PAGES = [p for lang in site.languages() for p in site.pages(lang)]


def block_problem(block) -> str | None:
    include = block.include
    if block.lang == "python":
        return None if include else "python code typed into the page instead of a snippet include"
    if block.is_output:
        return None if include and "/output/" in include[0] else "Output block not captured from a run"
    if block.lang in SHELL_LANGS:
        return None
    return f"code block of language {block.lang!r} that no test runs"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_code_block_is_executed_or_a_shell_command(page):
    problems = [f"{b.where}: {p}" for b in code_blocks(page) if (p := block_problem(b))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_output_block_sits_under_a_step(page):
    shown = {b.include[0] for b in code_blocks(page) if b.is_output and b.include}
    attached = {s.output_file for s in steps(page)}
    assert shown <= attached, f"{page}: Output blocks not directly under a step: {shown - attached}"


def test_every_snippet_section_is_on_an_english_page():
    used = {(s.path, s.section) for p in site.pages() for s in steps(p)}
    files = {s.path for p in site.pages() for s in steps(p)}
    unused = [f"{path}:{name}" for path in sorted(files) for name in sections(path)
              if (path, name) not in used]
    assert not unused, f"snippet sections that no page shows: {unused}"


def test_every_snippet_file_is_used():
    used = {s.path for p in site.pages() for s in steps(p)}
    used |= {f for p in site.pages() for f in whole_file_includes(p)}
    files = {str(p) for p in Path("snippets").rglob("*.py")}
    assert files <= used, f"snippet files no English page includes: {sorted(files - used)}"


def test_every_output_file_is_shown():
    shown = {s.output_file for p in site.pages() for s in steps(p)}
    files = {str(p) for p in Path("snippets").rglob("output/*.txt")}
    assert files <= shown, f"captured outputs no page shows: {sorted(files - shown)}"
