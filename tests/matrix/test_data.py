"""The newest matrix data holds today's pins, passing, and the pages show what it says.

The data file is the newest full run in evidence/matrix/; every table and step note is
generated from it."""
import re
from pathlib import Path

import pytest

from tests.matrix import results
from tools import config, generated, pages, pins, tested_with

FIXTURES = Path(__file__).parent / "fixtures"
DATA = tested_with.load(tested_with.newest())
PAGES = pages.runnable_pages()


@pytest.fixture
def words() -> dict:
    return config.strings("en")["generated"]["tested_with"]


def test_the_pinned_cell_is_todays_pins_and_every_page_passed_there():
    pinned = pins.pinned_versions()
    [cell] = [c for c in DATA["cells"] if c.get("pinned")]
    assert DATA["pins"] == {"python": pins.suite_python(), "pymilvus": pinned["pymilvus"],
                            "milvus-lite": pinned["milvus-lite"]}, (
        f"{tested_with.newest()} was measured with other pins: run scripts/test-matrix")
    assert cell["installed"]["pymilvus"] == pinned["pymilvus"]
    assert cell["installed"]["milvus-lite"] == pinned["milvus-lite"]
    assert cell["installed"]["python"].startswith(pins.suite_python() + ".")
    assert {name: page["result"] for name, page in cell["pages"].items()} == {
        page.name: results.PASSED for page in PAGES}


def test_every_page_has_a_result_in_every_cell():
    assert DATA["pages"] == [page.name for page in PAGES]
    for cell in DATA["cells"]:
        assert set(cell["pages"]) == set(DATA["pages"]), cell["id"]
        assert all(page["result"] in results.RESULTS for page in cell["pages"].values()), cell["id"]
    assert DATA["machine"]["cores"] and DATA["date"] and DATA["wall_time_s"] > 0


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_table_says_what_the_data_says(page, words):
    table = generated.tested_with(page, "en")
    body = [line for line in table.splitlines() if line.startswith("| ")][1:]
    assert len(body) == len(DATA["cells"])
    titles = {step.name: page.section(step.block.section).title for step in page.steps}
    for line, row in zip(body, tested_with.rows(DATA, page.name)):
        python, pymilvus, lite, result = [c.strip() for c in line.strip("|").split(" | ")]
        shown = [re.sub(r"^\*\*|\*\*$| \(latest\)$", "", c) for c in (python, pymilvus, lite)]
        assert shown == [row["versions"][k] for k in ("python", "pymilvus", "milvus-lite")], line
        assert python.startswith("**") == row["pinned"], line
        outcome = row["page"]
        if outcome["result"] == results.FAILED:
            assert titles[outcome["failed_step"]] in result, line
        elif outcome["result"] == results.DIFFERENT:
            assert all(titles[d["step"]] in result for d in outcome["different"]), line
        else:
            assert result == words[tested_with.RESULT_KEYS[outcome["result"]]], line
    assert DATA["date"][:10] in table


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_a_note_at_each_step_that_fails_somewhere_and_at_no_other(page, words):
    failing = {}
    for cell in DATA["cells"]:
        outcome = cell["pages"][page.name]
        if outcome["result"] == results.FAILED:
            failing.setdefault(outcome["failed_step"], set()).add(outcome["error"])
    for step in page.steps:
        note = tested_with.step_note(page, step.name, "en", DATA)
        assert all(error in note for error in failing.get(step.name, ())), (step.name, note)
        assert bool(note) == (step.name in failing), (step.name, note)


def test_a_note_names_the_version_that_fails_or_else_each_cell(words):
    def cell(python, pymilvus, lite, result, step=None, error="", pinned=False):
        page = {"result": result} | ({"failed_step": step, "error": error or f"E at {step}"} if step else {})
        return {"id": f"{python}-{pymilvus}-{lite}", "python": python, "pinned": pinned,
                "asked": {"pymilvus": f"pymilvus=={pymilvus}", "milvus-lite": f"milvus-lite=={lite}"},
                "installed": {"python": python + ".1", "pymilvus": pymilvus, "milvus-lite": lite},
                "pages": {"p": page}}
    data = {"cells": [cell("3.11", "3.0", "3.2", "passed", pinned=True),
                      cell("3.10", "3.0", "3.2", "failed", "b"), cell("3.10", "2.6", "3.2", "failed", "b"),
                      cell("3.10", "2.5", "3.2", "failed", "a", "other"),   # stopped before b: no evidence
                      cell("3.11", "2.5", "2.5", "failed", "a"), cell("3.13", "2.6", "2.5", "failed", "a"),
                      cell("3.12", "2.6", "2.5", "passed")]}
    order = ["a", "b", "c"]
    b = tested_with.failures(data, "p", "b")[("E at b", "")]
    assert tested_with.who(data, "p", "b", b, order) == [{"python": "3.10"}]
    a = tested_with.failures(data, "p", "a")[("E at a", "")]   # Milvus Lite 2.5 passes with 3.12 + 2.6
    assert tested_with.who(data, "p", "a", a, order) == [
        {"python": "3.11", "pymilvus": "2.5", "milvus-lite": "2.5"},
        {"python": "3.13", "pymilvus": "2.6", "milvus-lite": "2.5"}]


@pytest.mark.parametrize("lang", config.languages())
def test_every_language_has_the_tables_words(lang):
    words = config.strings(lang)["generated"]["tested_with"]
    for page in PAGES:
        header, _, *body = [line for line in generated.tested_with(page, lang).splitlines()
                            if line.startswith("|")]
        assert header == "| " + " | ".join(words["headers"]) + " |"
        assert len(body) == len(DATA["cells"]), f"{lang}: {page.name}"


def note_problems(page: pages.Page) -> list[str]:
    """The English page includes note-<step>.md under the step's code and output, before the
    next step or section, for each step with a note, and for no other step."""
    included = {m["name"].removeprefix(generated.NOTE): m.start()
                for m in generated.GENERATED.finditer(page.text)
                if m["page"] == page.name and m["name"].startswith(generated.NOTE)}
    noted = {s.name for s in page.steps if tested_with.step_note(page, s.name, "en")}
    problems = [f"{page.path}: no note under step {name!r}" for name in sorted(noted - set(included))]
    problems += [f"{page.path}: a note under step {name!r}, which fails nowhere"
                 for name in sorted(set(included) - noted)]
    starts = [s.line for s in page.sections]
    for step, following in zip(page.steps, page.steps[1:] + [None]):
        if step.name in included:
            line = page.text.count("\n", 0, included[step.name]) + 1
            after = max(b.line for b in (step.block, step.output, step.warnings) if b)
            before = min(([following.block.line] if following else [])
                         + [s for s in starts if s > step.block.line] + [line + 1])
            if not after < line < before:
                problems.append(f"{page.path}:{line}: the note of step {step.name!r} belongs under "
                                f"its code and output (line {after}), before line {before}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_page_shows_a_note_under_each_step_that_fails_somewhere(page):
    assert note_problems(page) == []


def test_a_missing_or_misplaced_note_is_named():
    page = next(p for p in PAGES if p.name == "async-milvus-client")
    include = '--8<-- "snippets/async-milvus-client/generated/en/note-task_group.md"'
    missing = page.text.replace(include, "")
    assert note_problems(_with_text(page, missing)) == [f"{page.path}: no note under step 'task_group'"]
    moved = missing.replace("## Connect {", f"{include}\n\n## Connect {{", 1)
    [problem] = note_problems(_with_text(page, moved))
    assert "the note of step 'task_group' belongs under its code and output" in problem


def _with_text(page: pages.Page, text: str) -> pages.Page:
    return pages._parse(page.path, text)
