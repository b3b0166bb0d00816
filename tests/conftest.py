import pytest

from tests.backends import Backend
from tests.harness import ArticleRun


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="rewrite the Output files that pages show, from a Milvus Lite run")


@pytest.fixture(scope="session")
def article_runs(tmp_path_factory):
    """One ArticleRun per (page, backend), each on a fresh Milvus, closed at the end."""
    runs, backends = {}, []

    def get(page: str, backend_name: str) -> ArticleRun:
        key = (page, backend_name)
        if key not in runs:
            tmp = tmp_path_factory.mktemp(f"{backend_name}-{page.replace('/', '-')}")
            backend = Backend(backend_name, tmp)
            backends.append(backend)
            runs[key] = ArticleRun(page, backend.env, tmp)
        return runs[key]

    yield get
    for run in runs.values():
        run.close()
    for backend in backends:
        backend.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> "Path":
    """The strict build of the whole site, made once per run (shared across xdist workers)."""
    from tests.site_build import build_once
    root = tmp_path_factory.getbasetemp()
    return build_once(root.parent if worker_id != "master" else root)
