"""Every step of every English page, in page order, on each backend (fresh Milvus per page).

The backends: a `milvus-lite server`, the suite's Milvus standalone server, and MILVUS_URI
when set. Milvus Lite inside the process runs every step too, as the notebook
(tests/pages/test_notebooks.py, twice) and the complete script (tests/pages/test_scripts.py,
twice) do; here it runs only with --update-outputs, which rewrites the Output blocks from it,
or when asked with --steps-on lite (scripts/test-matrix does).

On a Milvus server older than a step says it needs ("# Needs Milvus 2.4 or later"), the test
asserts that the server refuses that step, and the page's later steps are reported as not run.
"""
import os

import pytest

from tests.harness import outputs
from tests.harness.article_run import StepNotRun
from tests.harness.engines import BACKEND_IDS
from tools import pages

BACKENDS = ["lite-server", "milvus-server"] + (["external"] if os.environ.get("MILVUS_URI") else [])


def pytest_generate_tests(metafunc):
    if {"backend", "step"} <= set(metafunc.fixturenames):
        capture = metafunc.config.getoption("--update-outputs")
        chosen = metafunc.config.getoption("--steps-on") or (["lite"] if capture else BACKENDS)
        metafunc.parametrize(("backend", "step"), list(_params(chosen)))


def _params(backends):
    for backend in backends:
        for page in pages.runnable_pages():
            group = pytest.mark.xdist_group(f"{backend}:{page.path}")
            for number, step in enumerate(page.steps, 1):
                yield pytest.param(backend, step, marks=group,
                                   id=f"{BACKEND_IDS[backend]}:{page.name}:{number:02d}-{step.name}")


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
