"""Compare what a step printed with the Output block its page shows (or rewrite that block)."""
import difflib
from pathlib import Path

from tools.pages import Step


def check(step: Step, printed: str, update: bool) -> None:
    where = step.where
    if step.output_file is None:
        assert not printed, (
            f"{where} printed output, but the page shows no Output block under it:\n{printed}"
        )
        return
    path = Path(step.output_file)
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(printed, encoding="utf-8")
        return
    shown = path.read_text(encoding="utf-8") if path.exists() else ""
    if printed != shown:
        diff = "".join(difflib.unified_diff(
            shown.splitlines(True), printed.splitlines(True),
            fromfile=f"{path} (shown on the page)", tofile="this run"))
        raise AssertionError(
            f"{where}: the output shown on the page no longer matches a fresh run "
            f"(refresh with scripts/capture-outputs):\n{diff}")
