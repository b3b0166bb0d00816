"""A complete script shown on a page runs as `python file.py` and prints what its steps print."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.engines import environ_for_lite
from tools import pages
from tools.snippets import section

SCRIPTS = [(page, path) for page in pages.source_pages() for path in page.scripts]
TIMEOUT = float(os.environ.get("DOCS_SCRIPT_TIMEOUT", "300"))


def expected_printout(page: pages.Page, path: str) -> str:
    """The Output blocks of the script's steps, in the order they appear in the file."""
    shown = [s for s in page.steps if s.path == path and s.output_file]
    shown.sort(key=lambda s: section(s.path, s.name).first_line)
    return "".join(Path(s.output_file).read_text(encoding="utf-8") for s in shown)


@pytest.mark.parametrize(("page", "path"), SCRIPTS, ids=[p for _, p in SCRIPTS])
def test_complete_script_runs_as_a_plain_script(page, path, tmp_path):
    try:
        result = subprocess.run([sys.executable, Path(path).resolve()], cwd=tmp_path,
                                env=environ_for_lite(), capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{page.path}: script {path} did not finish within {TIMEOUT:g} s")
    assert result.returncode == 0, f"{page.path}: script {path} failed:\n{result.stderr}"
    assert result.stdout == expected_printout(page, path), (
        f"{page.path}: running {path} as a script printed something other than its steps' outputs")
