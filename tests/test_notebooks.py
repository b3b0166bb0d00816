"""Each notebook equals a fresh generation from its page, and runs cleanly as a reader would."""
import os

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tools import notebooks, site

PAGES = site.notebook_pages()
CELL_TIMEOUT = int(os.environ.get("DOCS_STEP_TIMEOUT", "120"))


@pytest.mark.parametrize("page", PAGES)
def test_notebook_is_generated_from_its_page(page):
    path = notebooks.target(page)
    assert path.exists(), f"{page} has no notebook {path}: run scripts/make-notebooks"
    fresh = notebooks.serialize(notebooks.build(page))
    assert path.read_text(encoding="utf-8") == fresh, (
        f"{path} is older than {page}, its snippets or their outputs: run scripts/make-notebooks")


@pytest.mark.parametrize("page", PAGES)
def test_notebook_has_no_site_markup_left(page):
    for cell in notebooks.build(page).cells:
        for marker in ("--8<--", "!!! ", '=== "', "{ #"):
            assert marker not in cell.source, f"{page}: cell {cell.id} still has {marker!r}"


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


@pytest.mark.parametrize("page", [p for p in PAGES if site.language_of(p) == "en"])
def test_notebook_runs_on_milvus_lite(page, tmp_path, monkeypatch):
    """Run in an empty folder with no MILVUS_URI: the zero-setup path a reader takes."""
    monkeypatch.delenv("MILVUS_URI", raising=False)
    committed = nbformat.read(notebooks.target(page), as_version=4)
    executed = nbformat.read(notebooks.target(page), as_version=4)
    client = NotebookClient(executed, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{notebooks.target(page)} failed in a fresh kernel:\n{error}")
    for shown, ran in zip(committed.cells, executed.cells):
        if shown.cell_type == "code" and shown.id != "step-install":
            assert _stdout(ran) == _stdout(shown), f"{page}: cell {shown.id} printed differently"
