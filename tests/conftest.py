"""Fixtures every test shares: runs of a page's steps per backend, the built site, scheduling."""
import gc
import os
from pathlib import Path

import pytest

from tests.harness.article_run import ArticleRun
from tests.harness.engines import BACKEND_IDS, SERVER_GROUP, Backend, LiteServer
from tests.harness.groups import refuse_outside
from tests.harness.milvus_server import SHARED
from tests.site import build as site_build

# every test process and the site build agree on the site's public address
os.environ.setdefault("SITE_URL", site_build.PUBLIC_URL)


def pytest_addoption(parser):
    parser.addoption("--update-outputs", action="store_true",
                     help="rewrite the Output files that pages show, from a Milvus Lite run")
    parser.addoption("--steps-on", action="append", choices=["lite", "lite-server", "milvus-server", "external"],
                     help="run the pages' steps on this backend (repeatable; tests/pages/test_steps.py "
                          "says the default)")


@pytest.fixture
def milvus_server_uri(request, tmp_path_factory) -> str:
    """The address of this test process's Milvus standalone server (tests/harness/milvus_server.py),
    asked for each test: a server stopped or crashed since the last one is started again."""
    refuse_outside_the_server_group(request.node)
    return SHARED.get(tmp_path_factory.getbasetemp()).uri


@pytest.fixture(scope="session")
def lite_server(tmp_path_factory) -> str:
    """The address of a `milvus-lite server` this test process shares between tests."""
    server = LiteServer(tmp_path_factory.mktemp("lite-server") / "server.db")
    yield server.uri
    server.stop()


@pytest.fixture(scope="session")
def article_runs(tmp_path_factory, request):
    """One ArticleRun per (page, backend), each on a fresh Milvus, closed at the end."""
    runs, backends = {}, []

    def get(page: str, backend_name: str) -> ArticleRun:
        key = (page, backend_name)
        if key not in runs:
            tmp = tmp_path_factory.mktemp(f"{backend_name}-{page.replace('/', '-')}")
            server = SHARED.get(tmp_path_factory.getbasetemp()).uri if backend_name == "milvus-server" else None
            backend = Backend(backend_name, tmp, server)
            backends.append(backend)
            runs[key] = ArticleRun(page, backend.env, tmp, backend.engine)
        return runs[key]

    yield get
    for run in runs.values():
        run.close()
    for backend in backends:
        backend.close()


# xdist hands out work in collection order: the Milvus server's group first, then the longest
# chains, and the short tests fill the end (longest-processing-time-first); sorting is stable,
# steps keep their order. The facts mostly wait (pymilvus polls index and load states): after
# the browser pages, they fill the cores' gaps instead of idling three workers at once.
LONGEST_FIRST = ["tests/pages/test_steps.py", "tests/pages/test_notebooks.py::test_notebook_runs_twice",
                 "tests/pages/test_scripts.py", "tests/translations/test_new_language.py", "tests/site/test_publish.py",
                 "tests/pages/test_benchmark.py", "tests/pages/test_shell_blocks.py",
                 "tests/translations/test_pages.py", "tests/browser/test_reader.py", "tests/facts/", "tests/browser/test_home.py"]


def uses_milvus_server(item) -> bool:
    return BACKEND_IDS["milvus-server"] in item.nodeid or "milvus_server_uri" in getattr(item, "fixturenames", ())


def refuse_outside_the_server_group(item):
    """Fail a test that uses the Milvus server but is not in its one group (SERVER_GROUP): it
    would start a second server, on another worker."""
    refuse_outside(item, "the Milvus server", SERVER_GROUP.__eq__, f"{SERVER_GROUP!r} (tests/harness/engines.py)")


def pytest_runtest_setup(item):
    if uses_milvus_server(item):
        refuse_outside_the_server_group(item)


LAST_ON_SERVER = pytest.StashKey[str]()


def pytest_collection_modifyitems(items):
    def rank(item):
        if uses_milvus_server(item):
            return -1
        return next((i for i, start in enumerate(LONGEST_FIRST) if item.nodeid.startswith(start)),
                    len(LONGEST_FIRST))
    items.sort(key=rank)


def pytest_collection_finish(session):
    """Start the site build the collected tests will wait for. The Milvus server starts at its
    group's first test: every worker collects every test, and only one runs that group."""
    if any("built_site" in getattr(item, "fixturenames", ()) for item in session.items):
        site_build.start_in_background(site_build.shared_tmp(session.config))
    # the final order: --ff, --nf and -k change it after pytest_collection_modifyitems
    if on_server := [item for item in session.items if uses_milvus_server(item)]:
        session.config.stash[LAST_ON_SERVER] = on_server[-1].nodeid
    # What exists now (modules, collected tests) lives the whole run: frozen, Python's garbage
    # collector stops walking it again and again (about 1 CPU-second per worker)
    gc.freeze()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After its group's last test and that test's fixtures, the Milvus server stops, in the
    background (it idles at about 0.03 CPU-s a second). A later test that asks for it starts
    it again."""
    result = yield
    if item.nodeid == item.config.stash.get(LAST_ON_SERVER, None):
        SHARED.stop(wait=False)
    return result


def pytest_sessionfinish(session):
    SHARED.stop()


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The strict build of the whole site, made once per run (shared across xdist workers)."""
    return site_build.build_once(site_build.shared_tmp(request.config))


def pytest_terminal_summary(terminalreporter):
    """Sections of translations that changed in English: listed, not failed (see
    tests/translations/test_pages.py)."""
    outdated = [(report.nodeid.split("[", 1)[-1].split("]")[0], value)
                for report in terminalreporter.getreports("passed")
                for name, value in report.user_properties if name == "outdated_sections" and value]
    if outdated:
        terminalreporter.section("translations with outdated sections (scripts/translations status)")
        for page, sections in sorted(outdated):
            terminalreporter.write_line(f"{page}: {', '.join(sections)}")
