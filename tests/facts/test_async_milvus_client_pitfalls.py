"""The asyncio tutorial's pitfalls fail with the error texts the page quotes.

Each broken form of docs/en/async-milvus-client.md#pitfalls fails with that text on the pinned
versions. (The fixed forms are the page's own steps, scripts and test files, run by
tests/pages.)
"""
import asyncio
import re
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from pymilvus import AsyncMilvusClient, MilvusClient

from tests.harness.asyncio_thread import in_own_thread, run_async
from tests.harness.engines import environ_for_lite
from tools import pages

PAGE = pages.read("docs/en/async-milvus-client.md")


def quoted(section_id: str, text: str):
    """The page quotes the error the test saw, word for word."""
    assert text in PAGE.section(section_id).prose, f"{PAGE.where(section_id)}: the page no longer quotes {text!r}"


# -- #pitfall-web-app: a client made at import time, used from a second event loop -----------

def test_a_client_made_at_import_time_fails_in_the_next_event_loop(tmp_path):
    app = tmp_path / "import_time_app.py"
    app.write_text(textwrap.dedent(f"""
        from fastapi import FastAPI
        from pymilvus import AsyncMilvusClient
        client = AsyncMilvusClient(uri={str(tmp_path / 'app.db')!r})   # at import time
        app = FastAPI()

        @app.get("/")
        async def root():
            return {{"collections": await client.list_collections()}}
    """))
    script = textwrap.dedent("""
        import asyncio, httpx2
        from import_time_app import app
        async def request():
            transport = httpx2.ASGITransport(app=app)
            async with httpx2.AsyncClient(transport=transport, base_url="http://test") as http:
                return (await http.get("/")).status_code
        print(asyncio.run(request()))   # like a first test, in its own loop
        print(asyncio.run(request()))   # a second test: a new loop
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=environ_for_lite(),
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.startswith("200\n"), result.stderr[-2000:]
    assert "Event loop is closed" in result.stderr, result.stderr[-2000:]
    quoted("pitfall-web-app", "Event loop is closed")


# -- #pitfall-two-loops: with the first loop still open, the error is another one -------------

def test_a_client_used_in_a_second_loop_while_the_first_is_open_fails_with_a_different_loop(tmp_path):
    def two_loops():
        client = AsyncMilvusClient(uri=str(tmp_path / "loops.db"))
        first, second = asyncio.new_event_loop(), asyncio.new_event_loop()
        try:
            assert first.run_until_complete(client.list_collections()) == []
            with pytest.raises(Exception, match="attached to a different loop"):
                second.run_until_complete(client.list_collections())
            first.run_until_complete(client.close())
        finally:
            first.close()
            second.close()
    in_own_thread(two_loops)
    quoted("pitfall-two-loops", "attached to a different loop")


# -- #pitfall-jupyter -------------------------------------------------------------------------

JUPYTER_ERRORS = {
    "asyncio.run": "asyncio.run() cannot be called from a running event loop",
    "run_until_complete": "This event loop is already running",
}


@pytest.mark.parametrize("call", JUPYTER_ERRORS)
def test_starting_a_loop_inside_a_notebook_cell_fails(call):
    """A notebook cell runs inside the kernel's loop, as this coroutine runs inside one."""
    async def cell():
        work = asyncio.sleep(0)
        try:
            if call == "asyncio.run":
                asyncio.run(work)
            else:
                asyncio.get_event_loop().run_until_complete(work)
        finally:
            work.close()
    with pytest.raises(RuntimeError, match=re.escape(JUPYTER_ERRORS[call])):
        run_async(cell())
    quoted("pitfall-jupyter", JUPYTER_ERRORS[call])


def test_nest_asyncio_patches_asyncio_for_the_whole_process():
    script = ("import asyncio, nest_asyncio2; before = asyncio.run; nest_asyncio2.apply(); "
              "print(asyncio.run is not before, asyncio.Task.__module__)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "asyncio.tasks"], result.stdout + result.stderr
    quoted("pitfall-jupyter", "nest_asyncio")


# -- #pitfall-pytest: a fixture's event loop that is not the tests' ---------------------------

MISMATCHED = '''
import pytest, pytest_asyncio
from pymilvus import AsyncMilvusClient

@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client():
    async with AsyncMilvusClient(uri="mismatch.db") as client:
        yield client

@pytest.mark.asyncio   # the default: a loop per test, not the fixture's
async def test_one(client):
    await client.list_collections()
'''


def test_a_fixture_in_another_event_loop_fails_with_a_different_loop(tmp_path):
    (tmp_path / "test_mismatch.py").write_text(MISMATCHED)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c",
                             "/dev/null", "--rootdir", str(tmp_path), "test_mismatch.py"],
                            cwd=tmp_path, env=environ_for_lite(), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "attached to a different loop" in result.stdout, result.stdout[-2000:]
    quoted("pitfall-pytest", "attached to a different loop")


# -- #pitfall-read-after-write ----------------------------------------------------------------

def _visible_right_after_insert(target, level: str | None) -> int:
    client = MilvusClient(uri=target.uri, token=target.token)
    name = f"facts_consistency_{(level or 'default').lower()}"
    if client.has_collection(name):
        client.drop_collection(name)
    extra = {"consistency_level": level} if level else {}
    client.create_collection(name, dimension=4, **extra)
    vectors = np.random.default_rng(7).random((100, 4)).tolist()
    client.insert(name, [{"id": i, "vector": v} for i, v in enumerate(vectors)])
    hits = client.search(name, data=[vectors[0]], limit=3)
    client.drop_collection(name)
    client.close()
    return len(hits[0])


def test_a_search_right_after_an_insert_misses_it_on_a_server_unless_strong(target):
    where = f"{PAGE.where('pitfall-read-after-write')} {target.where}"
    assert _visible_right_after_insert(target, "Strong") == 3, where
    default = []
    while len(default) < 3 and 0 not in default:   # Bounded: fresh rows show up within a
        default.append(_visible_right_after_insert(target, None))   # fraction of a second
    if target.engine.kind == "lite":
        assert default == [3, 3, 3], f"{where}: Milvus Lite missed fresh rows: {default}"
    else:
        assert 0 in default, f"{where}: every search saw the fresh rows: {default}"
    quoted("pitfall-read-after-write", "Bounded")


def test_lite_reports_strong_whatever_was_asked(tmp_path):
    client = MilvusClient(uri=str(tmp_path / "c.db"))
    client.create_collection("c", dimension=4, consistency_level="Bounded")
    assert client.describe_collection("c")["consistency_level"] == 0, PAGE.where("pitfall-read-after-write")
    client.close()


# -- #cleanup: close() detaches a client; the connection is shared ----------------------------

def test_clients_of_one_address_share_a_connection_that_outlives_close(tmp_path):
    async def scenario():
        first = AsyncMilvusClient(uri=str(tmp_path / "s.db"))
        second = AsyncMilvusClient(uri=str(tmp_path / "s.db"))
        await first.list_collections()
        await second.list_collections()
        shared = first._handler is second._handler
        await first.close()
        still = await second.list_collections()
        await second.close()
        return shared, still
    shared, still = run_async(scenario())
    assert shared and still == [], PAGE.where("cleanup")


def test_loop_scopes_set_in_the_configuration_fix_the_mismatch_too(tmp_path):
    (tmp_path / "test_mismatch.py").write_text(MISMATCHED.replace("@pytest.mark.asyncio   # the default: a loop per test, not the fixture's\n", ""))
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = module\n"
                                         "asyncio_default_test_loop_scope = module\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_mismatch.py"],
                            cwd=tmp_path, env=environ_for_lite(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:]
    quoted("pitfall-pytest", "asyncio_default_test_loop_scope")


@pytest.mark.engines("server")
def test_a_server_s_default_consistency_level_is_bounded(target):
    client = MilvusClient(uri=target.uri, token=target.token)
    if client.has_collection("facts_default_level"):
        client.drop_collection("facts_default_level")
    client.create_collection("facts_default_level", dimension=4)
    level = client.describe_collection("facts_default_level")["consistency_level"]
    client.drop_collection("facts_default_level")
    client.close()
    assert level == 2, f"{PAGE.where('pitfall-read-after-write')} {target.where}: level {level}, not Bounded (2)"


# -- #pitfall-forgotten-await, #concurrency, #blocking ----------------------------------------

def test_an_insert_without_await_inserts_nothing_and_warns_later(tmp_path):
    script = textwrap.dedent("""
        import asyncio, gc, warnings
        from pymilvus import AsyncMilvusClient, MilvusClient
        MilvusClient("w.db").create_collection("w", dimension=4)
        async def main():
            client = AsyncMilvusClient(uri="w.db")
            client.insert("w", [{"id": 1, "vector": [0.1] * 4}])   # await forgotten
            gc.collect()
            found = await client.query("w", filter="", output_fields=["count(*)"])
            print(found[0]["count(*)"])
            await client.close()
        asyncio.run(main())
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=environ_for_lite(),
                            capture_output=True, text=True, timeout=120)
    assert result.stdout == "0\n", result.stderr[-1000:]
    assert "coroutine 'AsyncMilvusClient.insert' was never awaited" in result.stderr
    quoted("pitfall-forgotten-await", "was never awaited")


def test_gather_without_return_exceptions_raises_the_first_error_and_lets_the_others_run():
    done = []

    async def work(name, fail):
        await asyncio.sleep(0.01 if fail else 0.05)
        if fail:
            raise ValueError(name)
        done.append(name)

    async def scenario():
        with pytest.raises(ValueError, match="bad"):
            await asyncio.gather(work("a", False), work("bad", True), work("c", False))
        await asyncio.sleep(0.1)
        return sorted(done)
    assert run_async(scenario()) == ["a", "c"], PAGE.where("concurrency")


def test_a_sync_call_in_a_thread_leaves_the_loop_free(tmp_path):
    async def scenario():
        client = MilvusClient(uri=str(tmp_path / "t.db"))
        client.create_collection("t", dimension=4)
        client.insert("t", [{"id": i, "vector": v} for i, v in enumerate(np.random.default_rng(3).random((2000, 4)).tolist())])
        ticks = 0

        async def heartbeat():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1
        beating = asyncio.create_task(heartbeat())
        await asyncio.to_thread(client.search, "t", data=np.random.default_rng(4).random((2000, 4)).tolist(), limit=10)
        beating.cancel()
        client.close()
        return ticks
    assert run_async(scenario()) > 0, PAGE.where("blocking")
