"""scripts/benchmark-concurrency at small sizes: its counts, its files and a stable chart.
Timings are never checked: they belong to the machine, not to the code."""
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from benchmarks import concurrency
from tests.harness.engines import environ_for_lite

MODES = ["sequential", "gather", "one call"]
pytestmark = pytest.mark.xdist_group("benchmark")   # one small run, on one worker


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """One run of the command on a fresh Milvus Lite, writing into a temporary folder."""
    out = tmp_path_factory.mktemp("benchmark")
    env = environ_for_lite()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.concurrency", "--rows", "300", "--batch", "100",
         "--searches", "6", "--repeat", "1", "--results", out, "--chart", out / "chart.svg"],
        capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, f"scripts/benchmark-concurrency failed:\n{result.stderr}"
    return out, result.stdout


def test_every_mode_moved_all_rows_and_answered_all_queries(small_run):
    out, _ = small_run
    data = json.loads((out / "concurrency.json").read_text())
    measures = {(m["operation"], m["mode"]): m for m in data["measures"]}
    assert sorted(measures) == sorted((op, mode) for op in ("insert", "search") for mode in MODES)
    assert [measures["insert", mode]["calls"] for mode in MODES] == [3, 3, 1]
    assert all(measures["insert", mode]["items"] == 300 for mode in MODES)
    assert [measures["search", mode]["calls"] for mode in MODES] == [6, 6, 1]
    assert all(measures["search", mode]["items"] == 6 for mode in MODES)
    assert data["machine"]["pymilvus"] and data["machine"]["milvus-lite"]


def test_prints_the_table_it_writes(small_run):
    out, printed = small_run
    table = (out / "concurrency.md").read_text().split("\n![")[0]
    assert table in printed, "the printed table differs from concurrency.md"
    for package in ("pymilvus", "milvus-lite"):
        assert f"{package} {version(package)}" in table, f"the table does not name {package}"
    assert table.count("\n| insert |") == 3 and table.count("\n| search |") == 3


def test_chart_is_an_svg_without_a_date(small_run):
    out, _ = small_run
    svg = (out / "chart.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg, "the chart embeds a date, so every run changes it"


def test_chart_is_byte_identical_for_the_same_numbers(tmp_path):
    measures = [concurrency.Measure(op, mode, 2, 10, 1.5) for op in ("insert", "search")
                for mode in MODES]
    concurrency.draw_chart(tmp_path / "a.svg", measures, "same numbers")
    concurrency.draw_chart(tmp_path / "b.svg", measures, "same numbers")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_committed_results_are_what_the_page_shows():
    """The page includes the table and the chart; both must exist and agree."""
    page = Path("docs/en/sdk-v2.md").read_text(encoding="utf-8")
    assert '--8<-- "benchmarks/results/concurrency.md"' in page
    data = json.loads(Path("benchmarks/results/concurrency.json").read_text())
    shown = Path("benchmarks/results/concurrency.md").read_text()
    table = concurrency.markdown_table(
        data["machine"], [concurrency.Measure(**m) for m in data["measures"]], data["sizes"])
    chart = concurrency.chart_image(Path(concurrency.CHART).read_bytes())
    assert shown == table + "\n" + chart, (
        "benchmarks/results/concurrency.md is not the table and chart of the committed data: "
        "rerun scripts/benchmark-concurrency")
