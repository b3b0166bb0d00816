"""Every whole file a page shows runs as a reader runs it, twice in one folder.

It prints what the page shows: a script runs with `python <file>`, a test module with
`python -m pytest <file>`.

A script with an Output block under it must print that; the complete script of a page
(no Output block) must print what its steps print, in file order.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.engines import environ_for_lite
from tools import pages
from tools.markdown import Script
from tools.snippets import section

SCRIPTS = [(page, script) for page in pages.source_pages() for script in page.scripts]
TIMEOUT = float(os.environ.get("DOCS_SCRIPT_TIMEOUT", "300"))


def expected_printout(page: pages.Page, script: Script) -> str:
    """The script's own Output block, else the Outputs of its steps in file order."""
    if script.output_file:
        return Path(script.output_file).read_text(encoding="utf-8")
    shown = [s for s in page.steps if s.path == script.path and s.output_file]
    shown.sort(key=lambda s: section(s.path, s.name).first_line)
    return "".join(Path(s.output_file).read_text(encoding="utf-8") for s in shown)


def command(script: Script, folder: Path) -> list[str]:
    """How a reader runs it; a test module runs with its neighbours (the app it tests)."""
    source = Path(script.path).resolve()
    if not source.name.startswith("test_"):
        return [sys.executable, str(source)]
    for neighbour in source.parent.glob("*.py"):
        shutil.copy(neighbour, folder)
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
            "--rootdir", str(folder), "-W", "error::pytest.PytestDeprecationWarning", source.name]


@pytest.mark.parametrize(("page", "script"), SCRIPTS, ids=[s.path for _, s in SCRIPTS])
def test_script_runs_twice_as_a_reader_runs_it(page, script, tmp_path):
    run = command(script, tmp_path)
    for attempt in ("first", "second"):
        try:
            result = subprocess.run(run, cwd=tmp_path, env=environ_for_lite(), capture_output=True,
                                    text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{script.where}: did not finish within {TIMEOUT:g} s ({attempt} run)")
        assert result.returncode == 0, \
            f"{script.where}: failed in its {attempt} run:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        if run[1:3] != ["-m", "pytest"]:
            assert result.stdout == expected_printout(page, script), (
                f"{script.where}: its {attempt} run printed something other than the page shows:\n"
                f"{result.stdout}")
