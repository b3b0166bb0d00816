"""Every step of every English page, in page order, on each backend (fresh Milvus per page)."""
import os

import pytest

from tests.harness import outputs
from tools import pages

BACKENDS = ["lite", "lite-server"] + (["external"] if os.environ.get("MILVUS_URI") else [])


def _params():
    for backend in BACKENDS:
        for page in pages.runnable_pages():
            group = pytest.mark.xdist_group(f"{backend}:{page.path}")
            for number, step in enumerate(page.steps, 1):
                yield pytest.param(backend, step, marks=group,
                                   id=f"{backend}:{page.name}:{number:02d}-{step.name}")


@pytest.mark.parametrize(("backend", "step"), list(_params()))
def test_step(backend, step, article_runs, request):
    result = article_runs(step.page, backend).run(step)
    update = request.config.getoption("--update-outputs") and backend == "lite"
    outputs.check(step, result, update)
