"""Every step of every English page, in page order, on each backend (fresh Milvus per page).

The backends: a `milvus-lite server`, the suite's Milvus standalone server, and MILVUS_URI
when set. Milvus Lite inside the process runs every step too, as the notebook
(tests/pages/test_notebooks.py, twice) and the complete script (tests/pages/test_scripts.py)
do; here it runs only with --update-outputs, which rewrites the Output blocks from it,
or when asked with --steps-on lite (scripts/test-matrix does).

On a Milvus server older than a step says it needs ("# Needs Milvus 2.4 or later"), the test
asserts that the server refuses that step, and the page's later steps are reported as not run.
"""
import os

import pytest

from tests.harness import outputs
from tests.harness.article_run import StepNotRun
from tests.harness.engines import BACKEND_IDS, SERVER_GROUP
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
            # a page's steps run in order in one process; on the Milvus server, with its other tests
            group = pytest.mark.xdist_group(SERVER_GROUP if backend == "milvus-server" else f"{backend}:{page.path}")
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
        assert_quoted(step, result.refused)
        return
    update = request.config.getoption("--update-outputs") and backend == "lite"
    outputs.check(step, result, update)


def assert_quoted(step, refusal: str):
    """A step that needs a newer Milvus is refused with the error its section quotes: another
    error (a typo, a lost connection) is not the refusal the page describes."""
    section = pages.read(step.page).section(step.block.section)
    assert any(len(s) > 12 and s in refusal for s in section.code_spans), (
        f"{step.where}: {refusal!r} is not the refusal section #{section.id} quotes {section.code_spans}")


def test_a_refusal_other_than_the_quoted_one_is_named():
    page = next(p for p in pages.runnable_pages() if p.name == "async-milvus-client")
    step = next(s for s in page.steps if s.name == "create_indexes")
    assert_quoted(step, "<MilvusException: (code=1100, message=create index on 104 field is not supported)>")
    with pytest.raises(AssertionError, match="is not the refusal section #create-indexes quotes"):
        assert_quoted(step, "<MilvusException: (code=2, message=Fail connecting to server)>")
