"""What the asyncio tutorial states about pymilvus, Milvus Lite and Milvus servers, proved.

Each statement of docs/en/async-milvus-client.md is proved on the engines it names; a failure
names the page section to update.

(The pitfalls it describes are proved in test_async_milvus_client_pitfalls.py.)
"""
import inspect
import subprocess
import sys
from importlib.metadata import metadata
from pathlib import Path

import grpc
import pytest
from pymilvus import AsyncMilvusClient, DataType, MilvusClient, MilvusException, RRFRanker
from scipy.sparse import csr_matrix

from tests.facts import history
from tests.facts.rpcs import record_async, record_sync
from tests.harness.asyncio_thread import run_async
from tests.harness.engines import environ_for_lite
from tools import pages

PAGE = pages.read("docs/en/async-milvus-client.md")
TUTORIAL = "snippets/async-milvus-client/tutorial.py"


def schema(sparse=True):
    s = MilvusClient.create_schema(auto_id=False)
    s.add_field("id", DataType.INT64, is_primary=True)
    s.add_field("dense_vector", DataType.FLOAT_VECTOR, dim=5)
    if sparse:
        s.add_field("sparse_vector", DataType.SPARSE_FLOAT_VECTOR)
        s.add_field("text", DataType.VARCHAR, max_length=512)
    return s


def index_params(sparse=True):
    p = MilvusClient.prepare_index_params()
    p.add_index("dense_vector", index_type="AUTOINDEX", metric_type="IP")
    if sparse:
        p.add_index("sparse_vector", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        p.add_index("text", index_type="INVERTED")
    return p


def fresh(target, name: str, sparse=True) -> MilvusClient:
    client = MilvusClient(uri=target.uri, token=target.token)
    if client.has_collection(name):
        client.drop_collection(name)
    client.create_collection(name, schema=schema(sparse))
    return client


def is_unimplemented(error) -> bool:
    code = getattr(error, "code", None)
    return (callable(code) and code() == grpc.StatusCode.UNIMPLEMENTED) or "UNIMPLEMENTED" in str(error)


# -- #before-you-start ----------------------------------------------------------------------

def _python(code: str, cwd, python=sys.executable, **env):
    return subprocess.run([python, "-c", code], cwd=cwd, env={**environ_for_lite(), **env},
                          capture_output=True, text=True, timeout=120)


def test_milvus_lite_wants_python_3_10_and_the_tutorial_3_11():
    assert metadata("milvus-lite")["Requires-Python"] == ">=3.10", PAGE.where("before-you-start")
    # a real interpreter: pyenv's shims refuse to run a version that is not selected
    python310 = next(iter(sorted(Path.home().glob(".pyenv/versions/3.10.*/bin/python3.10"))), None)
    if python310 is None:
        pytest.skip("no Python 3.10 on this machine to show that the tutorial needs 3.11")
    parsed = _python(f"import ast; ast.parse(open({str(Path(TUTORIAL).resolve())!r}).read())", ".", str(python310))
    assert "SyntaxError" in parsed.stderr, f"{PAGE.where('before-you-start')}: the script parses on 3.10"


def test_pymilvus_offers_the_model_extra():
    assert "model" in metadata("pymilvus").get_all("Provides-Extra"), PAGE.where("schema")


def test_creating_a_client_does_not_connect_until_the_first_await():
    client = AsyncMilvusClient(uri="http://127.0.0.1:9")   # nothing listens there
    with pytest.raises(MilvusException, match="Client not connected"):
        client.get_server_type()
    assert client._handler is None, PAGE.where("connect")


def test_a_released_collection_cannot_be_searched(tmp_path):
    client = MilvusClient(uri=str(tmp_path / "r.db"))
    client.create_collection("r", dimension=4)
    assert client.get_load_state("r")["state"].name == "Loaded", PAGE.where("load")
    client.release_collection("r")
    with pytest.raises(MilvusException, match=r"call load\(\) before search"):
        client.search("r", data=[[0.1] * 4], limit=1)
    client.close()


def test_milvus_uri_holding_a_file_path_breaks_import(tmp_path):
    result = _python("import pymilvus", tmp_path, MILVUS_URI="milvus_tutorial.db")
    assert result.returncode != 0 and "Illegal uri" in result.stderr, \
        f"{PAGE.where('before-you-start')}: import no longer fails: {result.stderr[-300:]}"


def test_milvus_lite_server_listens_everywhere_unless_told_and_takes_any_token(lite_server):
    cli = Path(sys.executable).with_name("milvus-lite")
    usage = subprocess.run([cli, "server", "--help"], capture_output=True, text=True).stdout
    assert "bind host (default: 0.0.0.0)" in " ".join(usage.split()), PAGE.where("before-you-start")
    client = MilvusClient(uri=lite_server, token="anyone:any-password")
    assert isinstance(client.list_collections(), list), PAGE.where("before-you-start")
    client.close()


# -- #connect ---------------------------------------------------------------------------------

def test_a_second_process_cannot_open_the_same_lite_folder(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pymilvus; c = pymilvus.MilvusClient('x.db');"
         "print('open', flush=True); sys.stdin.read()"],
        cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environ_for_lite())
    try:
        assert holder.stdout.readline().strip() == "open"
        second = _python("import pymilvus; pymilvus.MilvusClient('x.db')", tmp_path)
    finally:
        holder.communicate("", timeout=60)
    assert "Open local milvus failed" in second.stderr, f"{PAGE.where('connect')}: {second.stderr[-500:]}"


# -- #create-indexes --------------------------------------------------------------------------

def test_awaited_create_index_fails_on_lite_after_the_first_index_and_works_on_a_server(target):
    sparse = not target.engine.older_than("2.4")
    fresh(target, "facts_index", sparse).close()

    async def build():
        client = AsyncMilvusClient(uri=target.uri, token=target.token)
        try:
            await client.create_index("facts_index", index_params(sparse))
            return None, await client.list_indexes("facts_index")
        except Exception as error:
            return error, await client.list_indexes("facts_index")
        finally:
            await client.close()
    error, built = run_async(build())
    where = f"{PAGE.where('create-indexes')} {target.where}"
    if target.engine.kind == "lite":
        assert is_unimplemented(error), f"{where}: now {error!r}"
        assert built == ["dense_vector"], f"{where}: indexes left {built}"
    else:
        assert error is None and len(built) == (3 if sparse else 1), f"{where}: {error!r}, {built}"


@pytest.mark.engines("lite")
def test_both_clients_ask_for_a_timestamp_that_lite_lacks(target):
    """The sync client's AllocTimestamp error is swallowed by @ignore_unimplemented; the async
    client's coroutine raises it at `await`, outside that decorator (pymilvus #3711)."""
    sync = fresh(target, "facts_rpcs", sparse=False)
    sync_calls = record_sync(sync, lambda: sync.create_index("facts_rpcs", index_params(False)))
    sync.close()
    fresh(target, "facts_rpcs_async", sparse=False).close()
    async_calls, error = run_async(record_async(
        target.uri, lambda c: c.create_index("facts_rpcs_async", index_params(False))))
    where = PAGE.where("create-indexes")
    assert sync_calls[:2] == [("CreateIndex", "OK"), ("AllocTimestamp", "UNIMPLEMENTED")], where
    assert {m for m, _ in sync_calls[2:]} == {"DescribeIndex"}, f"{where}: {sync_calls}"
    assert async_calls == [("CreateIndex", "OK"), ("AllocTimestamp", "UNIMPLEMENTED")], where
    assert is_unimplemented(error), f"{where}: {error!r}"
    decorators = inspect.getsource(sys.modules["pymilvus.decorators"].ignore_unimplemented)
    assert "def handler(" in decorators and "async def" not in decorators, \
        f"{where}: ignore_unimplemented now handles coroutines (pymilvus #3711 fixed?)"


@pytest.mark.engines("server")
def test_a_server_older_than_2_4_refuses_sparse_indexes(target):
    if not target.engine.older_than("2.4"):
        pytest.skip(f"{target.engine.label} has sparse vectors: nothing to refuse")
    client = fresh(target, "facts_sparse")
    with pytest.raises(MilvusException, match="create index on 104 field is not supported"):
        client.create_index("facts_sparse", index_params())
    client.drop_collection("facts_sparse")
    client.close()


@pytest.mark.engines("lite")
@pytest.mark.parametrize("field", ["sparse_vector", "text"])
def test_lite_refuses_autoindex_on_sparse_and_varchar(target, field):
    client = fresh(target, "facts_autoindex")
    wanted = MilvusClient.prepare_index_params()
    wanted.add_index(field, index_type="AUTOINDEX", **({"metric_type": "IP"} if field != "text" else {}))
    with pytest.raises(MilvusException):
        client.create_index("facts_autoindex", wanted)
    client.close()


# -- #methods ---------------------------------------------------------------------------------

def test_partition_loading_is_missing_on_lite_and_works_on_a_server(target):
    client = fresh(target, "facts_partitions", sparse=False)
    client.create_index("facts_partitions", index_params(False))
    client.create_partition("facts_partitions", "p1")
    try:
        client.load_partitions("facts_partitions", ["p1"])
        error = None
    except Exception as raised:
        error = raised
    client.close()
    where = f"{PAGE.where('methods')} {target.where}"
    assert is_unimplemented(error) if target.engine.kind == "lite" else error is None, f"{where}: {error!r}"


def test_the_attributes_that_are_not_awaited_are_what_the_page_says(tmp_path):
    where = PAGE.where("methods")
    assert inspect.isasyncgenfunction(AsyncMilvusClient.dump_messages), where
    handler = sys.modules["pymilvus.client.async_grpc_handler"].AsyncGrpcHandler
    assert "DumpMessages(" in inspect.getsource(handler.dump_messages), f"{where}: no longer streamed"
    client = AsyncMilvusClient(uri=str(tmp_path / "m.db"))
    with pytest.raises(MilvusException, match="Client not connected"):
        client.get_server_type()
    assert all(isinstance(inspect.getattr_static(AsyncMilvusClient, n), classmethod)
               for n in ("create_schema", "create_field_schema", "prepare_index_params")), where


# -- #search-sparse, #hybrid-search -----------------------------------------------------------

@pytest.mark.engines("lite")
def test_a_whole_csr_matrix_as_search_data_fails_in_the_client(target):
    client = fresh(target, "facts_csr")
    client.create_index("facts_csr", index_params())
    client.load_collection("facts_csr")
    three_rows = csr_matrix(([0.5, 0.2, 0.9], ([0, 1, 2], [3, 7, 11])), shape=(3, 1000))
    with pytest.raises(Exception, match="ambiguous"):
        client.search("facts_csr", data=three_rows, anns_field="sparse_vector", limit=3)
    client.close()


def test_rrf_scores_are_reciprocal_ranks_with_k_60():
    assert RRFRanker().dict()["params"] == {"k": 60}, PAGE.where("hybrid-search")
    shown = Path("snippets/async-milvus-client/output/hybrid_search.txt").read_text().splitlines()
    scores = [float(line.split()[1]) for line in shown]
    allowed = {round(1 / (60 + a) + (1 / (60 + b) if b else 0), 4) for a in range(1, 11)
               for b in [None, *range(1, 11)]}
    assert set(scores) <= allowed, f"{PAGE.where('hybrid-search')}: {scores} are not RRF scores"
    # Only two rows can score 1/(60 + r): the rank-r row of each list. With both shown, the
    # next row scores less, so the limit cuts no tie.
    single = {round(1 / (60 + r), 4) for r in range(1, 11)}
    assert scores[-1] not in single or scores.count(scores[-1]) == 2, \
        f"{PAGE.where('hybrid-search')}: the limit cuts between rows that tie at {scores[-1]}"


# -- #methods: how the asynchronous client grew, from the release wheels ------------------------

def test_the_coroutine_counts_per_release_are_the_evidence():
    prose = PAGE.section("methods").prose
    for version in ("2.4.11", "2.5.3", "2.6.17", "3.0.2"):
        assert history.states(prose, version, history.coroutines(version)), (
            f"{PAGE.where('methods')}: {version} has {history.coroutines(version)} public "
            f"coroutines in evidence/pymilvus_history.json; the page says otherwise")
    first = next(v for v, r in history.releases().items() if r["exports_async_client"])
    assert f"arrived in pymilvus {first}" in prose, PAGE.where("methods")
