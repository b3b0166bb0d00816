"""What a cell's runs say: pip's reason, installed versions, each page's result from pytest's report.

The steps run under pytest (tests/pages/test_steps.py) with `--junitxml`; each step is one
test case, named `test_step[lite-<version>:<page>:<NN>-<step>]`. A step's test fails for one
of three reasons, told apart by the harness's messages (tests/harness/):
- its code raised or timed out (article_run.StepFailed "...: raised X(...)" or "timed out"),
  or could not be compiled (a SyntaxError: a newer Python's syntax): the page fails there;
- it ran, but printed or warned something else than the page shows (outputs.check): the page
  passes with different output, and the diff says how;
- an earlier step failed ("not run, step 'x' failed before it"): a consequence, not counted.
"""
import difflib
import re
import xml.etree.ElementTree as ElementTree

PASSED, DIFFERENT, FAILED = "passed", "passed with different output", "failed"
NOT_INSTALLED, NOT_RUN = "does not install", "not run"
RESULTS = (PASSED, DIFFERENT, FAILED, NOT_INSTALLED, NOT_RUN)
ORDER, OTHER = "same lines, other order", "other lines"   # how a block differs

CASE = re.compile(r"test_step\[(?P<backend>[^:\]]+):(?P<page>[\w-]+):(?P<number>\d+)-(?P<step>\w+)\]")
DIFFERS = re.compile(r"the (?P<block>Output|Warnings) block no longer matches a fresh run"
                     r"|(?P<extra>printed output|warned), but the page shows no (?P<missing>\w+) block")
CONSEQUENCE = re.compile(r"not run, step '[\w-]+' failed before it")
ERROR_LINE = re.compile(r"^(?:[\w.]+\.)?(?P<line>_?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning)\b.*)$")
CHAINS = ("The above exception was the direct cause of the following exception:",
          "During handling of the above exception, another exception occurred:")
DIFF_LINES = 6      # lines of a diff kept per step (the rest are counted)
LINE_CHARS = 160    # characters kept per diff line
REASON_CHARS = 600  # characters kept of pip's reason


# -- what pip says --------------------------------------------------------------------------

def pip_reason(log: str) -> str:
    """Why pip refused: its ERROR lines and the conflict it explains, without the chatter."""
    lines = [line.strip() for line in log.splitlines()]
    kept, explaining = [], False
    for line in lines:
        if line.startswith("ERROR:"):
            error = line.removeprefix("ERROR:").strip()
            if not error.startswith("ResolutionImpossible: for help"):
                kept.append(error)
            explaining = False
        elif line.startswith("The conflict is caused by:"):
            kept.append(line)
            explaining = True
        elif explaining and line and not line.startswith(("To fix", "1.", "2.", "Additionally")):
            kept[-1] += (" " if kept[-1].endswith(":") else "; ") + line
        elif explaining and not line:
            explaining = False
    reason = " ".join(kept) or next((l for l in reversed(lines) if l), "pip failed without a message")
    reason = re.sub(r"\(from versions: ([^)]*)\)", _last_versions, reason)
    return reason if len(reason) <= REASON_CHARS else reason[:REASON_CHARS - 1] + "…"


def _last_versions(match: re.Match) -> str:
    versions = match[1].split(", ")
    return f"(from versions: {', '.join((['…'] if len(versions) > 5 else []) + versions[-5:])})"


def freeze_versions(freeze: str, names: tuple[str, ...]) -> dict[str, str]:
    """{name: version or "absent"} from `pip freeze --all` (names compared case- and _-insensitively)."""
    found = {}
    for line in freeze.splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            found[_normal(name)] = version.strip()
    return {name: found.get(_normal(name), "absent") for name in names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


# -- what pytest says -----------------------------------------------------------------------

def _reported(details: str) -> list[str]:
    """The lines pytest marks with "E" in a failure's report, without the mark."""
    return [re.sub(r"^E\s+", "", line) for line in details.splitlines() if line.startswith("E ")]


def error_line(message: str, details: str = "") -> str:
    """The one line a reader would quote: the last "SomeError: ..." line of the failure (a
    traceback's last line), else the harness's own words ("...: timed out after 120 s")."""
    lines = [line.strip() for line in (_reported(details) or message.splitlines()) if line.strip()]
    if found := _last_error(lines):
        return found
    first = message.strip().splitlines()[0] if message.strip() else "failed without a message"
    return first.rsplit(": ", 1)[-1][:300]


def cause_line(details: str) -> str:
    """The error that caused the one reported, when the traceback chains two ("The above
    exception was the direct cause..."): often the truer one ("" when there is no chain)."""
    lines = [line.strip() for line in _reported(details) if line.strip()]
    first_chain = next((i for i, line in enumerate(lines) if line in CHAINS), None)
    return _last_error(lines[:first_chain]) if first_chain else ""


def _last_error(lines: list[str]) -> str:
    for line in reversed(lines):
        if match := ERROR_LINE.match(line):
            found = match["line"]
            if not found.startswith(("StepFailed", "AssertionError: docs/")):
                return found[:300]
    return ""


def difference(details: str) -> dict:
    """What changed in a block: the -/+ lines of the harness's diff (shortened), and whether the
    run printed the same lines in another order (rows that tie, returned in another order)."""
    changed = [line for line in _reported(details)
               if line[:1] in ("-", "+") and not line.startswith(("---", "+++"))]
    removed = sorted(line[1:] for line in changed if line.startswith("-"))
    added = sorted(line[1:] for line in changed if line.startswith("+"))
    if removed == added:
        return {"kind": ORDER, "diff": _shorten(changed)}
    old = [line[1:] for line in changed if line.startswith("-")]
    new = [line[1:] for line in changed if line.startswith("+")]
    if len(old) == len(new):   # line by line: only the words that changed
        changed = [change for a, b in zip(old, new) if (change := word_change(a, b))]
    return {"kind": OTHER, "diff": _shorten(changed)}


def word_change(old: str, new: str) -> str:
    """"label: -word +word" for two versions of one line ("" when they are the same)."""
    if old == new:
        return ""
    label = old.split(":", 1)[0] if ":" in old and old.split(":", 1)[0] == new.split(":", 1)[0] else ""
    words = lambda line: re.findall(r"[^\s,\[\]()'\"]+", line.removeprefix(label))   # noqa: E731
    a, b = words(old), words(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            parts += [f"-{w}" for w in a[i1:i2]] + [f"+{w}" for w in b[j1:j2]]
    return f"{label}: {' '.join(parts)}" if label else " ".join(parts)


def _shorten(lines: list[str]) -> list[str]:
    kept = [line if len(line) <= LINE_CHARS else line[:LINE_CHARS - 1] + "…" for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        kept.append(f"… {len(lines) - DIFF_LINES} more changed lines")
    return kept


def step_outcomes(junit_xml: str) -> list[dict]:
    """One dict per step test, in run order: page, number, step, outcome, message (pytest's
    first lines) and details (its whole report)."""
    root = ElementTree.fromstring(junit_xml)
    found = []
    for case in root.iter("testcase"):
        match = CASE.search(case.get("name", ""))
        if not match:
            continue
        outcome, message, details = "passed", "", ""
        for child in case:
            if child.tag in ("failure", "error"):
                outcome, message, details = "failed", child.get("message", ""), child.text or ""
            elif child.tag == "skipped":
                outcome, message = "skipped", child.get("message", "")
        found.append({"page": match["page"], "number": int(match["number"]), "step": match["step"],
                      "outcome": outcome, "message": message, "details": details})
    return found


def classify(steps: list[dict]) -> dict:
    """One page's result from its steps' outcomes (step_outcomes), in page order."""
    steps = sorted(steps, key=lambda s: s["number"])
    if not steps:
        return {"result": NOT_RUN, "steps": 0, "passed": 0}
    different, failed = [], None
    for step in steps:
        if step["outcome"] != "failed":
            continue
        first = step["message"].strip().splitlines()[0] if step["message"].strip() else ""
        if CONSEQUENCE.search(first):
            continue
        if differs := DIFFERS.search(first):
            block = differs["block"] or differs["missing"]
            different.append({"step": step["step"], "block": block} | difference(step["details"]))
        elif failed is None:
            failed = {"step": step["step"], "error": error_line(step["message"], step["details"]),
                      "cause": cause_line(step["details"])}
    page = {"steps": len(steps), "passed": sum(s["outcome"] == "passed" for s in steps)}
    if failed:
        page.update(result=FAILED, failed_step=failed["step"], error=failed["error"])
        if failed["cause"] and failed["cause"] != failed["error"]:
            page["cause"] = failed["cause"]
    else:
        page["result"] = DIFFERENT if different else PASSED
    if different:
        page["different"] = different
    return page


def pages_of_run(junit_xml: str, pages: list[str]) -> dict[str, dict]:
    """{page name: its result} for every page the run was asked for (a page without a single
    test case in the report is "not run")."""
    outcomes = step_outcomes(junit_xml)
    return {page: classify([s for s in outcomes if s["page"] == page]) for page in pages}


# -- what changed since the last run ------------------------------------------------------------

BROKEN = (FAILED, NOT_INSTALLED)


def regressions(previous: dict, current: dict) -> list[str]:
    """Pages that worked in a cell of the previous run (same cell id) and now fail or no longer
    install, and pages that fail in a cell the previous run did not have ("latest" installs
    new releases under the same id, so its breakage shows here)."""
    before = {cell["id"]: cell["pages"] for cell in previous.get("cells", [])}
    found = []
    for cell in current["cells"]:
        for page, outcome in cell["pages"].items():
            was = before.get(cell["id"], {}).get(page, {}).get("result")
            if outcome["result"] in BROKEN and was not in BROKEN:
                where = f" at step {outcome['failed_step']!r}" if outcome.get("failed_step") else ""
                found.append(f"{cell['id']}: {page} {outcome['result']}{where} "
                             f"({'was ' + was if was else 'a new cell'}): {outcome.get('error') or cell.get('reason', '')}")
    return found
