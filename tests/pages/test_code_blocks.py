"""Every code block a reader sees is run by the tests, or is plainly not code to run."""
from pathlib import Path

import pytest

from tools import pages
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
    used |= {f for p in pages.source_pages() for f in p.scripts}
    files = {str(p) for p in Path("snippets").rglob("*.py")}
    assert files <= used, f"snippet files no English page includes: {sorted(files - used)}"


def test_every_output_file_is_shown():
    shown = {f for p in pages.source_pages() for s in p.steps for f in (s.output_file, s.warnings_file)}
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
