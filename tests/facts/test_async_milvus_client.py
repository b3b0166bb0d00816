"""Statements the pages make about Milvus Lite, Milvus servers and asyncio, each proved here.

A test of a Lite limitation fails when a new milvus-lite lifts it: then update the page it
names. Server-side halves run against MILVUS_URI, and are reported as skipped without one.
"""
import asyncio
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grpc
import pytest
from pymilvus import AsyncMilvusClient, DataType, MilvusClient, MilvusException
from scipy.sparse import csr_matrix

from tests.harness.asyncio_thread import run_async
from tests.harness.engines import LiteServer, environ_for_lite

pytestmark = pytest.mark.xdist_group("lite-facts")   # its Lite server fixture starts once

TUTORIAL = "docs/en/async-milvus-client.md"
SERVER_URI = os.environ.get("MILVUS_URI")
needs_server = pytest.mark.skipif(
    not SERVER_URI, reason="needs a Milvus server: run with MILVUS_URI=http://host:19530")


@pytest.fixture(scope="module")
def lite_server(tmp_path_factory):
    server = LiteServer(tmp_path_factory.mktemp("facts") / "server.db")
    yield server.uri
    server.stop()


@pytest.fixture(params=["lite", "lite-server"])
def lite_uri(request, tmp_path):
    """Milvus Lite embedded in this process, and the same engine behind `milvus-lite server`."""
    return str(tmp_path / "facts.db") if request.param == "lite" else request.getfixturevalue("lite_server")


def schema():
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("dense_vector", DataType.FLOAT_VECTOR, dim=5)
    s.add_field("sparse_vector", DataType.SPARSE_FLOAT_VECTOR)
    s.add_field("text", DataType.VARCHAR, max_length=512)
    return s


def index_params(sparse="SPARSE_INVERTED_INDEX", text="INVERTED"):
    p = MilvusClient.prepare_index_params()
    p.add_index("dense_vector", index_type="AUTOINDEX", metric_type="IP")
    p.add_index("sparse_vector", index_type=sparse, metric_type="IP")
    p.add_index("text", index_type=text)
    return p


async def fresh_collection(uri, name="facts"):
    client = AsyncMilvusClient(uri=uri, token=os.environ.get("MILVUS_TOKEN", ""))
    if await client.has_collection(name):
        await client.drop_collection(name)
    await client.create_collection(name, schema=schema())
    return client


def is_unimplemented(error) -> bool:
    code = getattr(error, "code", None)
    return (callable(code) and code() == grpc.StatusCode.UNIMPLEMENTED) or \
        "UNIMPLEMENTED" in str(error) or "not implemented" in str(error).lower()


# -- #create-indexes: awaited create_index ------------------------------------------------

def test_lite_async_create_index_is_unimplemented_after_the_first_index(lite_uri):
    async def scenario():
        client = await fresh_collection(lite_uri)
        with pytest.raises(Exception) as raised:
            await client.create_index("facts", index_params())
        built = await client.list_indexes("facts")
        await client.close()
        return raised.value, built
    error, built = run_async(scenario())
    assert is_unimplemented(error), f"{TUTORIAL}#create-indexes: new error {error!r}"
    assert built == ["dense_vector"], f"{TUTORIAL}#create-indexes: indexes left {built}"


def test_lite_async_create_collection_with_index_params_is_unimplemented(tmp_path):
    async def scenario():
        client = AsyncMilvusClient(uri=str(tmp_path / "f.db"))
        try:
            await client.create_collection("facts", schema=schema(), index_params=index_params())
        finally:
            await client.close()
    with pytest.raises(Exception) as raised:
        run_async(scenario())
    assert is_unimplemented(raised.value), f"{TUTORIAL}#create-indexes: {raised.value!r}"


@needs_server
def test_server_async_create_index_works():
    async def scenario():
        client = await fresh_collection(SERVER_URI, "facts_server_index")
        await client.create_index("facts_server_index", index_params())
        built = await client.list_indexes("facts_server_index")
        await client.drop_collection("facts_server_index")
        await client.close()
        return built
    assert len(run_async(scenario())) == 3


# -- #create-indexes: index types ----------------------------------------------------------

@pytest.mark.parametrize("field,params", [
    ("sparse_vector", {"sparse": "AUTOINDEX"}),
    ("text", {"text": "AUTOINDEX"}),
])
def test_lite_rejects_autoindex_on_sparse_and_varchar(tmp_path, field, params):
    client = MilvusClient(uri=str(tmp_path / "f.db"))
    client.create_collection("facts", schema=schema())
    client.release_collection("facts")
    wanted = MilvusClient.prepare_index_params()
    wanted.add_index(field, **({"index_type": "AUTOINDEX", "metric_type": "IP"}
                               if field == "sparse_vector" else {"index_type": "AUTOINDEX"}))
    with pytest.raises(MilvusException):
        client.create_index("facts", wanted)
    client.close()


# -- #methods: partition-level loading ----------------------------------------------------

def test_lite_load_partitions_is_unimplemented(lite_uri):
    async def scenario():
        client = await fresh_collection(lite_uri)
        await client.create_partition("facts", "p1")
        try:
            await client.load_partitions("facts", ["p1"])
        finally:
            await client.close()
    with pytest.raises(Exception) as raised:
        run_async(scenario())
    assert is_unimplemented(raised.value), f"{TUTORIAL}#methods: {raised.value!r}"


# -- #search-sparse: a whole csr_matrix as search data -------------------------------------

def test_whole_csr_matrix_as_search_data_fails_in_the_client(tmp_path):
    client = MilvusClient(uri=str(tmp_path / "f.db"))
    client.create_collection("facts", schema=schema())
    client.release_collection("facts")
    client.create_index("facts", index_params())
    client.load_collection("facts")
    three_rows = csr_matrix(([0.5, 0.2, 0.9], ([0, 1, 2], [3, 7, 11])), shape=(3, 1000))
    with pytest.raises(Exception, match="ambiguous"):
        client.search("facts", data=three_rows, anns_field="sparse_vector", limit=3)
    client.close()


# -- #connect and #before-you-start: processes and MILVUS_URI ------------------------------

def _python(code: str, cwd, **env):
    return subprocess.run([sys.executable, "-c", code], cwd=cwd,
                          env={**environ_for_lite(), **env},
                          capture_output=True, text=True, timeout=120)


def test_a_second_process_cannot_open_the_same_lite_folder(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pymilvus; c = pymilvus.MilvusClient('x.db');"
         "print('open', flush=True); sys.stdin.read()"],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        second = _python("import pymilvus; pymilvus.MilvusClient('x.db')", tmp_path)
    finally:
        holder.communicate("", timeout=60)
    assert second.returncode != 0
    assert "Open local milvus failed" in second.stderr, f"{TUTORIAL}#connect: {second.stderr[-500:]}"


def test_milvus_uri_holding_a_file_path_breaks_import(tmp_path):
    result = _python("import pymilvus", tmp_path, MILVUS_URI="milvus_tutorial.db")
    assert result.returncode != 0 and "Illegal uri" in result.stderr, \
        f"{TUTORIAL}#before-you-start: import no longer fails: {result.stderr[-300:]}"


# -- #event-loop ----------------------------------------------------------------------------

OLD_PATTERN = "import asyncio, warnings; warnings.simplefilter('error'); asyncio.get_event_loop()"


def find_python(version: str) -> str | None:
    """A real interpreter of that version (pyenv's shims refuse to run unselected versions)."""
    found = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    return str(found[-1]) if found else shutil.which(f"python{version}")


@pytest.mark.parametrize("version", ["3.12", "3.13"])
def test_get_event_loop_without_a_loop_warns_on_newer_pythons(version):
    python = find_python(version)
    if not python:
        pytest.skip(f"python{version} is not installed on this machine")
    result = subprocess.run([python, "-c", OLD_PATTERN], capture_output=True, text=True)
    assert "DeprecationWarning" in result.stderr, f"{TUTORIAL}#event-loop: Python {version}"


def test_run_until_complete_fails_inside_a_running_loop():
    """What a notebook cell does: its kernel's loop is already running."""
    async def cell():
        asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))
    with pytest.raises(RuntimeError, match="already running"):
        run_async(cell())


# the dead loop's half-sent call is collected below, here, not in a later test's log
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore:coroutine .* was never awaited:RuntimeWarning")
def test_a_client_does_not_survive_its_event_loop(tmp_path):
    client = {}

    async def first():
        client["c"] = AsyncMilvusClient(uri=str(tmp_path / "f.db"))
        await client["c"].list_collections()

    async def second():
        await client["c"].list_collections()
    run_async(first())
    with pytest.raises(Exception, match="Event loop is closed|attached to a different loop"):
        run_async(second())
    client.clear()
    gc.collect()
