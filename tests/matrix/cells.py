"""Which cells (Python x pymilvus x Milvus Lite) the "tested with" matrix runs, and why.

A reader asks one of two questions: "does this page work with my pymilvus?" and "with my
Python?"; a third, "with the older Milvus Lite engine?", follows from the first. So the cells
are lines through the pinned cell (the suite's own Python, pymilvus and milvus-lite), each
changing one thing, and the corners where a change is most likely to break something:

- Python: every 3.x from 3.10 on that this machine has, with the pinned pymilvus and
  milvus-lite (one cell per Python: "does it run on my Python?");
- pymilvus: the newest 2.5.x and 2.6.x (the two series before 3.0 that readers still run)
  with the pinned milvus-lite, on the oldest and on the newest Python (old language features
  and new wheels are where old releases break), and "latest" (whatever the index serves today,
  milvus-lite too) on the newest Python, the cell that turns red the day a release breaks a page;
- Milvus Lite: the newest 2.5.x (the last C++ engine) with the pinned pymilvus on the pinned
  Python, with pymilvus 2.5.x on the pinned Python, and with pymilvus 2.6.x on the oldest and
  the newest Python: these sit on both sides of the setuptools change (a Python 3.12+ venv has
  none, pymilvus 2.5 pulls the newest, and neither provides pkg_resources, which that
  milvus-lite imports).

A requirement names a series ("pymilvus>=2.5,<2.6"), not a release: pip picks the newest one
that installs there, and the data file records what it installed.
"""
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

PYMILVUS_SERIES = ("2.5", "2.6")   # older series readers still run, newest release of each
LITE_SERIES = "2.5"                # the last Milvus Lite with the C++ engine
OLDEST_PYTHON = (3, 10)


@dataclass(frozen=True)
class Want:
    """What a cell asks pip for, and how the table names it before it is installed."""
    requirement: str     # "pymilvus==3.0.2", "pymilvus>=2.5,<2.6", "pymilvus"
    label: str           # "3.0.2", "2.5.x", "latest"


def pinned(name: str, version: str) -> Want:
    return Want(f"{name}=={version}", version)


def series(name: str, minor: str) -> Want:
    major, low = minor.split(".")
    return Want(f"{name}>={minor},<{major}.{int(low) + 1}", f"{minor}.x")


def latest(name: str) -> Want:
    return Want(name, "latest")


@dataclass(frozen=True)
class Cell:
    python: str          # "3.11"
    pymilvus: Want
    milvus_lite: Want
    why: str             # which question the cell answers: python, pymilvus, engine, latest

    @property
    def id(self) -> str:
        return f"py{self.python}-pymilvus-{self.pymilvus.label}-lite-{self.milvus_lite.label}"

    def to_json(self) -> dict:
        return {"id": self.id, "python": self.python, "why": self.why,
                "asked": {"pymilvus": self.pymilvus.requirement,
                          "milvus-lite": self.milvus_lite.requirement}}


def select_cells(pythons: list[str], pinned_python: str, pins: dict[str, str]) -> list[Cell]:
    """The cells for these Pythons ("3.10"...), the suite's Python and the pins of requirements.txt."""
    pythons = sorted(set(pythons), key=_key)
    if not pythons:
        raise ValueError("no Python 3.10 or later on this machine")
    oldest, newest = pythons[0], pythons[-1]
    home = pinned_python if pinned_python in pythons else newest
    pm, lite = pinned("pymilvus", pins["pymilvus"]), pinned("milvus-lite", pins["milvus-lite"])
    old_lite = series("milvus-lite", LITE_SERIES)
    cells = [Cell(py, pm, lite, "python") for py in pythons]
    for py in dict.fromkeys([oldest, newest]):
        cells += [Cell(py, series("pymilvus", s), lite, "pymilvus") for s in PYMILVUS_SERIES]
    cells.append(Cell(newest, latest("pymilvus"), latest("milvus-lite"), "latest"))
    cells += [Cell(home, pm, old_lite, "engine"),
              Cell(home, series("pymilvus", PYMILVUS_SERIES[0]), old_lite, "engine")]
    cells += [Cell(py, series("pymilvus", PYMILVUS_SERIES[-1]), old_lite, "engine")
              for py in dict.fromkeys([oldest, newest])]
    return list(dict.fromkeys(cells))   # one Python on the machine: drop the repeats


def is_pinned(cell: Cell, pinned_python: str, pins: dict[str, str]) -> bool:
    return (cell.python == pinned_python and cell.pymilvus == pinned("pymilvus", pins["pymilvus"])
            and cell.milvus_lite == pinned("milvus-lite", pins["milvus-lite"]))


def _key(python: str) -> tuple[int, ...]:
    return tuple(int(part) for part in python.split("."))


# -- the Pythons of this machine ---------------------------------------------------------------

def pyenv_pythons(root: Path | None = None) -> dict[str, Path]:
    """{"3.10": /root/.pyenv/versions/3.10.13/bin/python3.10, ...}: the newest patch release of
    every 3.x >= 3.10 that pyenv holds (the real binaries, not pyenv's shims)."""
    root = root or Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found: dict[str, tuple[tuple[int, ...], Path]] = {}
    for folder in (root / "versions").glob("3.*"):
        if not re.fullmatch(r"3\.\d+\.\d+", folder.name):
            continue   # 3.14-dev, 3.12.1t, virtualenvs
        version = _key(folder.name)
        minor = f"{version[0]}.{version[1]}"
        binary = folder / "bin" / f"python{minor}"
        if version[:2] >= OLDEST_PYTHON and binary.exists() and version > found.get(minor, ((),))[0]:
            found[minor] = (version, binary)
    return {minor: binary for minor, (_, binary) in sorted(found.items(), key=lambda i: _key(i[0]))}


def machine_pythons() -> dict[str, Path]:
    """pyenv's Pythons, or else the python3.X commands on PATH (resolved to real files)."""
    found = pyenv_pythons()
    if found:
        return found
    for minor in range(OLDEST_PYTHON[1], 20):
        if command := shutil.which(f"python3.{minor}"):
            found[f"3.{minor}"] = Path(os.path.realpath(command))
    return found




