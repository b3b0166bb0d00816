"""Every step of every English page, in page order, on each backend (fresh Milvus per page).

On a Milvus server older than a step says it needs ("# Needs Milvus 2.4 or later"), the test
asserts that the server refuses that step, and the page's later steps are reported as not run.
"""
import os

import pytest

from tests.harness import outputs
from tests.harness.article_run import StepNotRun
from tests.harness.engines import BACKEND_IDS
from tools import pages

BACKENDS = ["lite", "lite-server", "milvus-server"] + (["external"] if os.environ.get("MILVUS_URI") else [])


def _params():
    for backend in BACKENDS:
        for page in pages.runnable_pages():
            group = pytest.mark.xdist_group(f"{backend}:{page.path}")
            for number, step in enumerate(page.steps, 1):
                yield pytest.param(backend, step, marks=group,
                                   id=f"{BACKEND_IDS[backend]}:{page.name}:{number:02d}-{step.name}")


@pytest.mark.parametrize(("backend", "step"), list(_params()))
def test_step(backend, step, article_runs, request, record_property):
    try:
        result = article_runs(step.page, backend).run(step)
    except StepNotRun as reason:
        pytest.skip(str(reason))
    if result.refused:
        record_property("refused", result.refused)
        return
    update = request.config.getoption("--update-outputs") and backend == "lite"
    outputs.check(step, result, update)
