"""Every whole file a page shows runs as a reader runs it, as often as a reader runs it.

It prints what the page shows: a script runs with `python <file>`, a test module with
`python -m pytest <file>`. A reader runs a file again and again: one that leaves its folder
as it found it (its clean-up removed the Milvus Lite folder) starts each run from the same
place, so one run stands for all; one that leaves something runs a second time on top of it.
The notebooks always run twice (tests/pages/test_notebooks.py): a reader may stop halfway.

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


def folder_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Each path in the folder with its size and modification time; bytecode caches aside."""
    return {str(p.relative_to(folder)): (stat.st_size, stat.st_mtime_ns)
            for p in folder.rglob("*") if "__pycache__" not in p.parts and (stat := p.stat())}


def changed(folder: Path, before: dict) -> list[str]:
    """What a run added to, changed in or removed from its folder."""
    after = folder_state(folder)
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def run_once(run: list[str], script: Script, page: pages.Page, folder: Path, attempt: str):
    """Run it as a reader does and compare what it prints with the page."""
    try:
        result = subprocess.run(run, cwd=folder, env=environ_for_lite(), capture_output=True,
                                text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{script.where}: did not finish within {TIMEOUT:g} s ({attempt} run)")
    assert result.returncode == 0, \
        f"{script.where}: failed in its {attempt} run:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    if run[1:3] != ["-m", "pytest"]:
        assert result.stdout == expected_printout(page, script), (
            f"{script.where}: its {attempt} run printed something other than the page shows:\n"
            f"{result.stdout}")


@pytest.mark.parametrize(("page", "script"), SCRIPTS, ids=[s.path for _, s in SCRIPTS])
def test_script_runs_as_a_reader_runs_it_again_and_again(page, script, tmp_path, record_property):
    """A run that leaves its folder as it found it stands for every later run; one that
    changes it (leaves a Milvus Lite folder) runs once more, on top of what it left. All of a
    script's state is in its folder: it runs on embedded Milvus Lite (no MILVUS_URI)."""
    run = command(script, tmp_path)
    before = folder_state(tmp_path)
    run_once(run, script, page, tmp_path, "first")
    left = changed(tmp_path, before)
    record_property("runs", 2 if left else 1)
    if left:
        run_once(run, script, page, tmp_path, "second")


def test_a_milvus_lite_folder_left_behind_or_a_file_changed_is_caught(tmp_path):
    (tmp_path / "web_app.py").write_text("app = None\n")
    before = folder_state(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__/web_app.cpython-311.pyc").touch()
    assert changed(tmp_path, before) == []
    (tmp_path / "milvus_tutorial.db").mkdir()
    (tmp_path / "milvus_tutorial.db/data.db").touch()
    (tmp_path / "web_app.py").write_text("app = 'changed'\n")
    assert changed(tmp_path, before) == ["milvus_tutorial.db", "milvus_tutorial.db/data.db", "web_app.py"]
