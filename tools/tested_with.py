"""The "tested with" matrix's newest data file (evidence/matrix/): a page's rows, a step's notes.

`scripts/test-matrix` (tests/matrix/run.py) writes one file per run; the pages show the newest
one: a table of each cell's result (tools/generated.py, `tested_with`), and at a step that fails
in some cell, a note naming the versions and the error (step_note). Every word comes from
locales/<lang>.yml, `generated.tested_with`; every number from the data file.
"""
import json
from functools import cache
from pathlib import Path

from tools import config, pages

MATRIX = Path("evidence/matrix")
# the result words of tests/matrix/results.py -> the key of their localized text
RESULT_KEYS = {"passed": "passed", "passed with different output": "different", "failed": "failed",
               "does not install": "not_installed", "not run": "not_run"}
FACTORS = (("python", "Python"), ("pymilvus", "pymilvus"), ("milvus-lite", "Milvus Lite"))


def newest(folder: Path = MATRIX) -> Path:
    """The newest full run (a run of some cells or pages only says "partial": true)."""
    files = sorted(folder.glob("matrix-*.json"))   # matrix-YYYY-MM-DD-HHMM.json: by name is by date
    full = [f for f in files if not _read(f).get("partial")]
    if not full:
        raise FileNotFoundError(f"no full run (matrix-*.json) in {folder}: run scripts/test-matrix")
    return full[-1]


def load(path: Path | None = None) -> dict:
    return _read(path or newest())


@cache
def _read(path: Path) -> dict:
    """A data file, parsed once per process (the files of past runs do not change)."""
    return json.loads(path.read_text(encoding="utf-8"))


def versions(cell: dict) -> dict[str, str]:
    """What the cell ran: the installed versions, or (not installed) what it asked for."""
    installed = cell.get("installed") or {}
    asked = {"python": cell["python"], "pymilvus": _label(cell["asked"]["pymilvus"]),
             "milvus-lite": _label(cell["asked"]["milvus-lite"])}
    return {name: installed.get(name) or asked[name] for name in asked}


def _label(requirement: str) -> str:
    """"pymilvus==3.0.2" -> "3.0.2", "pymilvus>=2.5,<2.6" -> "2.5.x", "pymilvus" -> "latest"."""
    if "==" in requirement:
        return requirement.split("==", 1)[1]
    if ">=" in requirement:
        return requirement.split(">=", 1)[1].split(",")[0] + ".x"
    return "latest"


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def rows(data: dict, page: str) -> list[dict]:
    """The page's row per cell: versions, result, whether it is the pinned or the latest cell;
    newest pymilvus first, then newest Milvus Lite, then oldest Python."""
    found = []
    for cell in data["cells"]:
        if page not in cell["pages"]:
            continue
        found.append({"versions": versions(cell), "page": cell["pages"][page],
                      "pinned": bool(cell.get("pinned")), "latest": cell.get("why") == "latest"})

    def order(row):
        v = row["versions"]
        return ([-n for n in _numbers(v["pymilvus"])], [-n for n in _numbers(v["milvus-lite"])],
                _numbers(v["python"]), row["latest"])
    return sorted(found, key=order)


def _numbers(version: str) -> list[int]:
    return [int(part) if part.isdigit() else -1 for part in version.replace(".x", ".0").split(".")]


# -- notes at a step ------------------------------------------------------------------------

def failures(data: dict, page: str, step: str) -> dict[tuple[str, str], list[dict]]:
    """{(error line, its cause or ""): the cells whose run of the page failed at this step so}."""
    found: dict[tuple[str, str], list[dict]] = {}
    for cell in data["cells"]:
        result = cell["pages"].get(page, {})
        if result.get("result") == "failed" and result.get("failed_step") == step:
            found.setdefault((result["error"], result.get("cause", "")), []).append(cell)
    return found


def _factor_values(cell: dict) -> dict[str, str]:
    v = versions(cell)
    return {"python": _minor(v["python"]), "pymilvus": v["pymilvus"], "milvus-lite": v["milvus-lite"]}


def who(data: dict, page: str, step: str, failing: list[dict], order: list[str]) -> list[dict[str, str]]:
    """The fewest versions that say which cells fail: a factor the failing cells share (and the
    pinned cell has not), named alone only when no other cell with it got past this step;
    otherwise each failing cell's versions. `order`: the page's step names, in page order."""
    pinned = next((_factor_values(c) for c in data["cells"] if c.get("pinned")), {})
    values = [_factor_values(cell) for cell in failing]
    common = {k: v for k, v in values[0].items()
              if all(other[k] == v for other in values) and pinned.get(k) != v}
    failing_ids = {cell["id"] for cell in failing}

    def got_past(cell: dict) -> bool:
        result = cell["pages"].get(page, {})
        if cell["id"] in failing_ids or result.get("result") in ("does not install", "not run", None):
            return False
        stopped = result.get("failed_step")
        return stopped is None or order.index(stopped) >= order.index(step)

    for factors in [{k: v} for k, v in common.items()] + ([common] if len(common) > 1 else []):
        sharing = [c for c in data["cells"] if all(_factor_values(c)[k] == v for k, v in factors.items())]
        if not any(got_past(c) for c in sharing):
            return [factors]
    return values


def step_notes(page: pages.Page, step: str, lang: str, data: dict | None = None) -> list[str]:
    """A short note per error a step of the (English) page fails with in some cell: which
    versions, and the error line (none when it fails nowhere). Localized with
    generated.tested_with in locales/<lang>.yml."""
    data = data or load()
    words = config.strings(lang)["generated"]["tested_with"]
    order = [s.name for s in page.steps]
    notes = []
    for (error, cause), failing in failures(data, page.name, step).items():
        groups = who(data, page.name, step, failing, order)
        names = words["or"].join(
            " + ".join(f"{label} {group[key]}" for key, label in FACTORS if key in group)
            for group in groups)
        note = words["note"].format(versions=names, error=_code(error))
        notes.append(note + (" " + words["caused_by"].format(cause=_code(cause)) if cause else ""))
    return notes


def step_note(page: pages.Page, step: str, lang: str, data: dict | None = None) -> str:
    """The notes of step_notes as paragraphs ("" when the step fails nowhere)."""
    return "\n\n".join(step_notes(page, step, lang, data))


def _code(text: str) -> str:
    """Inline code that survives backticks in the text."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{' ' if fence == '``' else ''}{text}{' ' if fence == '``' else ''}{fence}"
