"""Each notebook equals a fresh generation from its page, and runs as a reader would: twice."""
import copy
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tools import notebooks, pages

PAGES = pages.notebook_pages()
CELL_TIMEOUT = int(os.environ.get("DOCS_STEP_TIMEOUT", "120"))


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_notebook_is_generated_from_its_page(page):
    path = page.notebook_path
    assert path.exists(), f"{page.path} has no notebook {path}: run scripts/make-notebooks"
    fresh = notebooks.serialize(notebooks.build(page))
    assert path.read_text(encoding="utf-8") == fresh, (
        f"{path} is older than {page.path}, its snippets or their outputs: run scripts/make-notebooks")


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_notebook_has_no_site_markup_left(page):
    for cell in notebooks.build(page).cells:
        for marker in ("--8<--", "!!! ", '=== "', "{ #", "<!--", "){ "):
            assert marker not in cell.source, f"{page.path}: cell {cell.id} still has {marker!r}"


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


def _warnings(cell) -> list[str]:
    """"Category: message" of each warning in the cell's stderr (Jupyter adds file and line)."""
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
    return re.findall(r"^(?:.*?: )?(\w+Warning: .*)$", text, re.M)


def _run(notebook: nbformat.NotebookNode, folder) -> nbformat.NotebookNode:
    executed = copy.deepcopy(notebook)
    client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return executed


CLEANUP = "step-cleanup"   # the page's last step: it drops what the steps created
# The install cell's output is not compared (it depends on what is installed already). After
# installing, pip checks every distribution in the environment for conflicts: in the suite's
# environment of ~350, that is half of the cell's time, four times per run. pip reads a `no-`
# option's variable as that option's value, so "false" is what turns the check off.
SKIP_PIP_CONFLICT_CHECK = ("PIP_NO_WARN_CONFLICTS", "false")


ENGLISH = [p for p in PAGES if p.lang == "en"]


@pytest.mark.parametrize("page", ENGLISH, ids=[p.path for p in ENGLISH])
def test_notebook_runs_twice_in_one_folder(page, tmp_path, monkeypatch):
    """The zero-setup path: an empty folder, no MILVUS_URI. The first run stops before the
    clean-up, like a reader who stopped halfway; the second run in the same folder finds that
    data there and must print the same outputs."""
    monkeypatch.delenv("MILVUS_URI", raising=False)
    monkeypatch.setenv(*SKIP_PIP_CONFLICT_CHECK)
    committed = nbformat.read(page.notebook_path, as_version=4)
    halfway = copy.deepcopy(committed)
    halfway.cells = [cell for cell in halfway.cells if cell.get("id") != CLEANUP]
    assert len(halfway.cells) < len(committed.cells), f"{page.path} has no step named cleanup"
    for run, notebook in (("first", halfway), ("second", committed)):
        try:
            executed = _run(notebook, tmp_path)
        except CellExecutionError as error:
            pytest.fail(f"{page.notebook_path} failed in its {run} run in {tmp_path}:\n{error}")
        ran_by_id = {cell.id: cell for cell in executed.cells}
        for shown in committed.cells:
            ran = ran_by_id.get(shown.id)
            if ran is not None and shown.cell_type == "code" and shown.id != "step-install":
                assert _stdout(ran) == _stdout(shown), \
                    f"{page.notebook_path}, {run} run: cell {shown.id} printed differently"
                assert _warnings(ran) == _warnings(shown), \
                    f"{page.notebook_path}, {run} run: cell {shown.id} warned differently"


@pytest.mark.parametrize(("value", "checks"), [(SKIP_PIP_CONFLICT_CHECK[1], False), ("1", True)])
def test_the_variable_the_runs_set_decides_pips_conflict_check(monkeypatch, value, checks):
    """"1" looks like the way to skip the check, and keeps it."""
    from pip._internal.commands import create_command
    monkeypatch.setenv(SKIP_PIP_CONFLICT_CHECK[0], value)
    options, _ = create_command("install").parse_args([])
    assert bool(options.warn_about_conflicts) is checks
