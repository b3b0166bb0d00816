"""Compare what a step printed and warned with the Output and Warnings blocks its page shows."""
import difflib
from pathlib import Path

from tests.harness.article_run import Result
from tools.markdown import Step


def check(step: Step, result: Result, update: bool) -> None:
    """Fails naming the step when a block differs from the run; `update` rewrites the blocks."""
    _compare(step, "Output", step.output_file, result.printed, "printed output", update)
    _compare(step, "Warnings", step.warnings_file, result.warned, "warned", update)


def _compare(step: Step, block: str, file: str | None, got: str, did: str, update: bool):
    if file is None:
        assert not got, f"{step.where} {did}, but the page shows no {block} block under it:\n{got}"
        return
    path = Path(file)
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    shown = path.read_text(encoding="utf-8") if path.exists() else ""
    if got != shown:
        diff = "".join(difflib.unified_diff(
            shown.splitlines(True), got.splitlines(True),
            fromfile=f"{path} (shown on the page)", tofile="this run"))
        raise AssertionError(f"{step.where}: the {block} block no longer matches a fresh run "
                             f"(refresh with scripts/capture-outputs):\n{diff}")
