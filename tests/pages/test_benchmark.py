"""The concurrency benchmark a reader downloads works, at a small size.

Checked: its counts, its table, and that it imports only pymilvus and NumPy. Timings are never
checked: they belong to the machine."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.engines import environ_for_lite

SCRIPT = Path("benchmarks/concurrency.py")
DOWNLOAD = Path("docs/assets/downloads/concurrency_benchmark.py")
MODES = ["sequential", "gather", "one call"]
pytestmark = pytest.mark.xdist_group("benchmark")   # one small run, on one worker


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """One run of the downloadable file on a fresh Milvus Lite, as a reader starts it."""
    out = tmp_path_factory.mktemp("benchmark")
    result = subprocess.run(
        [sys.executable, str(DOWNLOAD.resolve()), "--rows", "300", "--batch", "100",
         "--searches", "6", "--repeat", "1", "--json", str(out / "run.json")],
        cwd=out, capture_output=True, text=True, env=environ_for_lite(), timeout=300)
    assert result.returncode == 0, f"the benchmark failed:\n{result.stderr}"
    return json.loads((out / "run.json").read_text()), result.stdout


def test_every_mode_moved_all_rows_and_answered_all_queries(small_run):
    data, _ = small_run
    measures = {(m["operation"], m["mode"]): m for m in data["measures"]}
    assert sorted(measures) == sorted((op, mode) for op in ("insert", "search") for mode in MODES)
    assert [measures["insert", mode]["calls"] for mode in MODES] == [3, 3, 1]
    assert all(measures["insert", mode]["items"] == 300 for mode in MODES)
    assert [measures["search", mode]["calls"] for mode in MODES] == [6, 6, 1]
    assert all(measures["search", mode]["items"] == 6 for mode in MODES)
    assert data["machine"]["engine"].startswith("Milvus Lite ") and data["machine"]["pymilvus"]


def test_prints_a_row_per_operation_and_mode(small_run):
    _, printed = small_run
    assert printed.count("\n| insert |") == 3 and printed.count("\n| search |") == 3, printed


def test_the_download_is_the_file_the_repository_runs_and_needs_only_pymilvus_and_numpy():
    assert DOWNLOAD.resolve() == SCRIPT.resolve(), f"{DOWNLOAD} is not a link to {SCRIPT}"
    tree = ast.parse(SCRIPT.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    outside = imported - sys.stdlib_module_names - {"numpy", "pymilvus"}
    assert not outside, f"{SCRIPT} imports {outside}: a reader has only pymilvus and NumPy"
