"""The "tested with" matrix: every page's steps in a fresh venv per Python x pymilvus x Milvus Lite.

`scripts/test-matrix` runs this module. The cells (tests/matrix/cells.py says why) are lines
through the pinned cell, one per reader's question: every Python from 3.10 with the pins; pymilvus
2.5.x, 2.6.x and "latest" on the oldest and newest Python; Milvus Lite 2.5.x (the C++ engine)
with pymilvus 3.0/2.5/2.6. For each cell it creates a virtual environment with that Python
(`python -m venv`, as a reader would), installs the cell's pymilvus and milvus-lite with the
other packages the pages import
(front matter `packages`, unpinned: what pip picks with that pymilvus), then what the step
harness needs (pytest and the page reader's packages, unpinned too: the site's exact pins
would conflict with old pymilvus releases). It then runs tests/pages/test_steps.py there,
backend "lite" only, every English page in page order, and reads each page's result from
pytest's JUnit report (tests/matrix/results.py).

Cells run `--jobs` at a time (2: this machine has 2 cores). The run writes one data file,
evidence/matrix/matrix-<date>-<time>.json (`--out`), with the date, the machine, the wall time
and per cell: what it asked pip for, what got installed, and per page its result. The pages'
"Tested with" tables are generated from the newest such file (tools/generated.py).

    scripts/test-matrix                       every cell, every page
    scripts/test-matrix --list                the cells, without running them
    scripts/test-matrix --cell py3.13-pymilvus-2.6.x-lite-3.2.2 --page sdk-v2 --out /tmp/m
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from tests.matrix import cells as cell_selection
from tests.matrix import results
from tests.matrix.cells import Cell
from tools import pages as page_model, pins, tested_with

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "evidence" / "matrix"
# what tests/pages/test_steps.py needs besides the pages' own packages (see tools/markdown.py,
# tools/config.py, tests/harness/engines.py); babel for tools/ modules that format numbers
HARNESS = ("pytest", "pytest-timeout", "markdown-it-py", "mdit-py-plugins", "PyYAML", "packaging", "babel")
RECORDED = ("pymilvus", "milvus-lite", "grpcio", "numpy", "scipy", "pandas", "protobuf", "setuptools")
INSTALL_TIMEOUT = 900     # s per pip command (a release without a wheel builds from source)
STEPS_TIMEOUT = 1800      # s for all pages of one cell
PYTEST_ARGS = ("-p", "no:xdist", "-p", "no:cacheprovider", "-o", "addopts=", "-q", "-rN", "--steps-on", "lite")


class Progress:
    """Lines like "[ 41s] 3/13 py3.10 pymilvus 2.6.x, lite 3.2.2: ...", one at a time."""

    def __init__(self, total: int):
        self.start, self.total, self.lock = time.monotonic(), total, threading.Lock()

    def say(self, number: int, cell: Cell, text: str):
        with self.lock:
            print(f"[{time.monotonic() - self.start:4.0f}s] {number}/{self.total} {label(cell)}: {text}",
                  flush=True)


def label(cell: Cell) -> str:
    return f"Python {cell.python}, pymilvus {cell.pymilvus.label}, Milvus Lite {cell.milvus_lite.label}"


def _run(command: list, log: Path, timeout: float, **kwargs) -> bool:
    """Run a command with its output in `log`; False when it fails or times out."""
    with log.open("ab") as out:
        out.write(f"$ {' '.join(map(str, command))}\n".encode())
        out.flush()
        try:
            return subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, timeout=timeout,
                                  start_new_session=True, **kwargs).returncode == 0
        except subprocess.TimeoutExpired:
            out.write(f"\ntimed out after {timeout} s\n".encode())
            return False


def reader_packages(pages) -> list[str]:
    """What the pages import besides pymilvus and milvus-lite (their front matter `packages`)."""
    names = dict.fromkeys(p for page in pages for p in page.front_matter.get("packages", []))
    return [n for n in names if n not in ("pymilvus", "milvus-lite")]


def steps_env(venv: Path) -> dict:
    """The cell's environment: its venv first on PATH, the repository importable, Milvus Lite."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MILVUS_URI", "MILVUS_TOKEN", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONPATH")}
    return env | {"PYTHONPATH": str(ROOT), "VIRTUAL_ENV": str(venv),
                  "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}


def select_expression(lite_version: str, page_names: list[str], all_pages: bool) -> str:
    """pytest's -k for the "lite" backend's steps (ids "lite-<version>:<page>:NN-step")."""
    if all_pages:
        return f"lite-{lite_version}:"
    return " or ".join(f"lite-{lite_version}:{name}:" for name in page_names)


def run_cell(cell: Cell, python: Path | None, pages, all_pages: bool, work: Path,
             say=lambda text: None) -> dict:
    """Everything the data file says about one cell."""
    names = [page.name for page in pages]
    record = cell.to_json()
    if python is None:
        return record | {"status": "no such Python here", "pages": _all(names, results.NOT_RUN)}
    work.mkdir(parents=True)
    venv, log, started = work / "venv", work / "pip.log", time.monotonic()
    if not _run([python, "-m", "venv", venv], log, 120):
        return record | {"status": "venv failed", "reason": results.pip_reason(log.read_text()),
                         "pages": _all(names, results.NOT_RUN)}
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check"]
    say("installing " + ", ".join([cell.pymilvus.requirement, cell.milvus_lite.requirement]))
    reader = [cell.pymilvus.requirement, cell.milvus_lite.requirement, *reader_packages(pages)]
    if not _run(pip + reader, log, INSTALL_TIMEOUT):
        reason = results.pip_reason(log.read_text(errors="replace"))
        return record | {"status": results.NOT_INSTALLED, "reason": reason,
                         "seconds": round(time.monotonic() - started, 1),
                         "pages": _all(names, results.NOT_INSTALLED)}
    freeze = subprocess.run([venv / "bin" / "python", "-m", "pip", "freeze", "--all"],
                            capture_output=True, text=True).stdout
    record["installed"] = {"python": platform_version(venv)} | results.freeze_versions(freeze, RECORDED)
    if not _run(pip + list(HARNESS), log, INSTALL_TIMEOUT):   # the harness's, after the reader's
        return record | {"status": "harness does not install",
                         "reason": results.pip_reason(log.read_text(errors="replace")),
                         "pages": _all(names, results.NOT_RUN)}
    installed = time.monotonic()
    lite = record["installed"]["milvus-lite"]
    say(f"installed pymilvus {record['installed']['pymilvus']}, milvus-lite {lite} "
        f"({installed - started:.0f} s); running the steps")
    junit, pytest_log = work / "junit.xml", work / "pytest.log"
    command = [venv / "bin" / "python", "-m", "pytest", "tests/pages/test_steps.py", *PYTEST_ARGS,
               "-k", select_expression(lite, names, all_pages), "--junitxml", junit,
               "--basetemp", work / "tmp"]
    finished = _run(command, pytest_log, STEPS_TIMEOUT, cwd=ROOT, env=steps_env(venv))
    text = pytest_log.read_text(errors="replace")
    record["pytest"] = next((line.strip("= ") for line in reversed(text.splitlines())
                             if " in " in line and ("passed" in line or "failed" in line)), "")
    record["seconds"] = {"install": round(installed - started, 1),
                         "steps": round(time.monotonic() - installed, 1)}
    if not junit.exists():
        tail = " | ".join(text.strip().splitlines()[-3:])
        return record | {"status": "steps did not run" if finished else "steps timed out",
                         "reason": tail[:600], "pages": _all(names, results.NOT_RUN)}
    return record | {"status": "ran", "pages": results.pages_of_run(junit.read_text(), names)}


def _all(names: list[str], result: str) -> dict:
    return {name: {"result": result} for name in names}


def platform_version(venv: Path) -> str:
    command = [venv / "bin" / "python", "-c", "import platform; print(platform.python_version())"]
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    try:
        system = platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, KeyError, AttributeError):
        system = platform.platform()
    return {"cpu": cpu, "cores": os.cpu_count(), "os": system, "kernel": platform.release(),
            "arch": platform.machine()}


def summary(record: dict) -> str:
    """One line per cell for the progress log: each page's result, and where it failed."""
    parts = []
    for name, page in record["pages"].items():
        text = f"{name} {page['result']}"
        if page["result"] == results.FAILED:
            text += f" at {page['failed_step']} ({page['error']})"
        elif page["result"] == results.DIFFERENT:
            text += f" ({', '.join(d['step'] for d in page['different'])})"
        parts.append(text)
    reason = f" [{record['reason']}]" if record.get("reason") else ""
    return "; ".join(parts) + reason


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cell", action="append", help="run only this cell id (repeatable)")
    parser.add_argument("--page", action="append", help="run only this page's steps (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="cells at a time (default 2)")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of the data file")
    parser.add_argument("--keep", action="store_true", help="keep the venvs and logs (printed)")
    parser.add_argument("--list", action="store_true", help="print the cells and exit")
    args = parser.parse_args(argv)

    pinned = pins.pinned_versions()
    pythons = cell_selection.machine_pythons()
    home = pins.suite_python()
    chosen = cell_selection.select_cells(list(pythons), home, pinned)
    if args.cell:
        unknown = set(args.cell) - {c.id for c in chosen}
        if unknown:
            parser.error(f"no cell {', '.join(sorted(unknown))}; --list shows them")
        chosen = [c for c in chosen if c.id in args.cell]
    pages = page_model.runnable_pages()
    if args.page:
        pages = [p for p in pages if p.name in args.page]
        if not pages:
            parser.error(f"no runnable page {', '.join(args.page)}")
    if args.list:
        for cell in chosen:
            print(f"{cell.id:44} {cell.why:9} {pythons.get(cell.python)}")
        return 0

    print(f"matrix: {len(chosen)} cells x {len(pages)} pages, {args.jobs} at a time", flush=True)
    progress, started = Progress(len(chosen)), time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="milvus-docs-matrix-"))

    def one(numbered):
        number, cell = numbered
        say = lambda text: progress.say(number, cell, text)   # noqa: E731
        try:
            record = run_cell(cell, pythons.get(cell.python), pages, not args.page,
                              work / cell.id, say)
        except Exception as error:   # a broken cell is recorded, the others still run
            record = cell.to_json() | {"status": "runner error", "reason": repr(error)[:600],
                                       "pages": _all([p.name for p in pages], results.NOT_RUN)}
        record["pinned"] = cell_selection.is_pinned(cell, home, pinned)
        say(summary(record))
        if not args.keep:
            shutil.rmtree(work / cell.id, ignore_errors=True)
        return record

    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            records = list(pool.map(one, enumerate(chosen, 1)))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    wall = time.monotonic() - started
    now = datetime.now(timezone.utc)
    command = " ".join(["scripts/test-matrix", *(argv if argv is not None else sys.argv[1:])])
    data = {"date": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "command": command,
            "machine": machine(), "jobs": args.jobs, "wall_time_s": round(wall, 1),
            "pins": {"python": home, "pymilvus": pinned["pymilvus"], "milvus-lite": pinned["milvus-lite"]},
            "pages": [p.name for p in pages], "cells": records}
    if args.cell or args.page:   # not every cell or page: the pages keep showing the last full run
        data["partial"] = True
    try:
        previous = tested_with.load(tested_with.newest(args.out))
    except FileNotFoundError:
        previous = {}
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"matrix-{now:%Y-%m-%d-%H%M}.json"
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.keep:
        print(f"venvs and logs kept in {work}")
    print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    print(f"wall time: {wall:.0f} s ({wall / 60:.1f} min) for {len(chosen)} cells")
    broken = results.regressions(previous, data)
    for line in broken:
        print(f"REGRESSION {line}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
