"""scripts/test-matrix at its smallest: one cell (the pins), one page, in a fresh venv.

It creates a venv and installs pymilvus into it (about a minute), so the default suite skips
it: run it with MATRIX_TESTS=1 (e.g. `MATRIX_TESTS=1 scripts/test tests/matrix -n 0`).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools import pins

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    os.environ.get("MATRIX_TESTS") != "1",
    reason="creates a venv and installs pymilvus (about a minute): set MATRIX_TESTS=1 to run it")


def test_one_cell_one_page(tmp_path):
    pinned = pins.pinned_versions()
    python = pins.suite_python()
    cell = f"py{python}-pymilvus-{pinned['pymilvus']}-lite-{pinned['milvus-lite']}"
    run = subprocess.run([sys.executable, "-m", "tests.matrix.run", "--cell", cell, "--page", "sdk-v2",
                          "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1/1 " in run.stdout and "wall time:" in run.stdout, run.stdout
    [written] = tmp_path.glob("matrix-*.json")
    data = json.loads(written.read_text())
    assert data["pages"] == ["sdk-v2"] and data["machine"]["cores"] and data["wall_time_s"] > 0
    assert data["partial"], "a run of one cell must not replace the full run on the pages"
    [record] = data["cells"]
    assert record["id"] == cell and record["pinned"] and record["status"] == "ran"
    assert record["installed"]["pymilvus"] == pinned["pymilvus"]
    assert record["installed"]["milvus-lite"] == pinned["milvus-lite"]
    assert record["installed"]["python"].startswith(python + ".")
    assert list(record["pages"]) == ["sdk-v2"]
    assert record["pages"]["sdk-v2"]["result"] == "passed", record["pages"]
