"""Every step of every English page, in page order, on each backend (fresh Milvus per page)."""
import os

import pytest

from tests import outputs
from tools.pages import steps
from tools.site import english_pages

BACKENDS = ["lite", "lite-server"] + (["external"] if os.environ.get("MILVUS_URI") else [])


def _params():
    for backend in BACKENDS:
        for page in english_pages():
            group = pytest.mark.xdist_group(f"{backend}:{page}")
            for number, step in enumerate(steps(page), 1):
                yield pytest.param(backend, step, marks=group,
                                   id=f"{backend}:{page.split('/')[-1]}:{number:02d}-{step.id}")


@pytest.mark.parametrize(("backend", "step"), list(_params()))
def test_step(backend, step, article_runs, request):
    printed = article_runs(step.page, backend).run(step)
    update = request.config.getoption("--update-outputs") and backend == "lite"
    outputs.check(step, printed, update)
