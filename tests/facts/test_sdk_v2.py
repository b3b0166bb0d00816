"""The verdicts of docs/en/sdk-v2.md ("Verdicts on the claims"), each as a test that fails
when the statement on the page stops being true for the pinned pymilvus and milvus-lite."""
import asyncio
import inspect
import os
import warnings
from importlib.metadata import version

import grpc
import numpy as np
import pytest
from packaging.version import Version
from pymilvus import AsyncMilvusClient, DataType, MilvusClient

from tests.harness.asyncio_thread import run_async

pytestmark = pytest.mark.xdist_group("sdk-v2-facts")   # its Lite fixture starts once

PAGE = "docs/en/sdk-v2.md"
DIM = 16
# Methods whose parameters the page says are the same in both clients.
SAME_PARAMETERS = ["__init__", "create_collection", "drop_collection", "insert", "upsert",
                   "delete", "get", "query", "hybrid_search", "flush", "create_index",
                   "load_collection", "close"]


@pytest.fixture(scope="module")
def lite_uri(tmp_path_factory) -> str:
    """One Milvus Lite folder for this module (each path starts its own in-process server)."""
    return str(tmp_path_factory.mktemp("sdk-v2-facts") / "facts.db")


def schema_and_index(index_type="FLAT"):
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    index = MilvusClient.prepare_index_params()
    index.add_index("embedding", index_type=index_type, metric_type="L2")
    return schema, index


def fresh_collection(client: MilvusClient, name: str, index_type="FLAT"):
    if client.has_collection(name):
        client.drop_collection(name)
    schema, index = schema_and_index(index_type)
    client.create_collection(name, schema=schema, index_params=index)


def rows(count: int, start: int = 0) -> list[dict]:
    vectors = np.random.default_rng(start).random((count, DIM), dtype=np.float32)
    return [{"id": start + i, "embedding": v} for i, v in enumerate(vectors)]


def test_one_call_creates_indexes_and_loads(lite_uri):
    """Claim: create_collection(schema=..., index_params=...) creates, indexes and loads."""
    client = MilvusClient(uri=lite_uri)
    fresh_collection(client, "facts_one_call", index_type="AUTOINDEX")
    assert client.list_indexes("facts_one_call") == ["embedding"], f"{PAGE}, custom-setup"
    assert client.get_load_state("facts_one_call")["state"].name == "Loaded", \
        f"{PAGE}, custom-setup: the collection is not loaded after create_collection"
    client.create_collection("facts_quick", dimension=DIM)
    assert client.list_indexes("facts_quick") == ["vector"], f"{PAGE}, quick-setup"
    assert client.get_load_state("facts_quick")["state"].name == "Loaded", f"{PAGE}, quick-setup"
    client.close()


@pytest.mark.parametrize("how", ["index_params", "dimension", "create_index"])
def test_lite_async_create_with_index_is_unimplemented(lite_uri, how):
    """The page's warning: on Milvus Lite, AsyncMilvusClient cannot build an index (#3711)."""
    async def attempt():
        client = AsyncMilvusClient(uri=lite_uri)
        name = f"facts_async_{how}"
        schema, index = schema_and_index()
        try:
            if how == "index_params":
                await client.create_collection(name, schema=schema, index_params=index)
            elif how == "dimension":
                await client.create_collection(name, dimension=DIM)
            else:
                await client.create_collection(name, schema=schema)
                await client.create_index(name, index)
        finally:
            await client.close()

    with pytest.raises(grpc.RpcError) as error:
        run_async(attempt())
    assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED, (
        f"{PAGE}, async warning: AsyncMilvusClient {how} on Milvus Lite now fails "
        f"differently: {error.value!r}")


def test_async_create_with_index_works_on_a_server():
    """The other half of the warning: a Milvus server accepts the same async call."""
    uri = os.environ.get("MILVUS_URI")
    if not uri:
        pytest.skip("needs a Milvus server: set MILVUS_URI (and MILVUS_TOKEN) to run it")

    async def create():
        client = AsyncMilvusClient(uri=uri, token=os.environ.get("MILVUS_TOKEN", ""))
        schema, index = schema_and_index()
        await client.drop_collection("facts_async_server")
        await client.create_collection("facts_async_server", schema=schema, index_params=index)
        state = await client.get_load_state("facts_async_server")
        await client.drop_collection("facts_async_server")
        await client.close()
        return state["state"].name

    assert run_async(create()) == "Loaded", f"{PAGE}, async warning: server half"


def test_gathered_inserts_all_arrive(lite_uri):
    """Claim: asyncio.gather runs concurrent batch inserts; every row must arrive."""
    fresh_collection(MilvusClient(uri=lite_uri), "facts_gather")

    async def insert():
        client = AsyncMilvusClient(uri=lite_uri)
        batches = [rows(100, start) for start in range(0, 500, 100)]
        results = await asyncio.gather(*(client.insert("facts_gather", b) for b in batches))
        await client.flush("facts_gather")
        counted = await client.query("facts_gather", filter="", output_fields=["count(*)"])
        await client.close()
        return sum(r["insert_count"] for r in results), counted[0]["count(*)"]

    assert run_async(insert()) == (500, 500), f"{PAGE}, async: gathered inserts lost rows"


def test_async_client_takes_the_same_parameters():
    """Claims: AsyncMilvusClient exists since before 3.0 and mirrors MilvusClient's parameters,
    except `highlighter`, which only MilvusClient.search takes (the page says so)."""
    assert Version(version("pymilvus")) >= Version("2.5.3")
    for name in SAME_PARAMETERS:
        sync = list(inspect.signature(getattr(MilvusClient, name)).parameters)
        coro = list(inspect.signature(getattr(AsyncMilvusClient, name)).parameters)
        assert sync == coro, f"{PAGE}, verdicts: {name} differs: {sync} vs {coro}"
    sync = set(inspect.signature(MilvusClient.search).parameters)
    coro = set(inspect.signature(AsyncMilvusClient.search).parameters)
    assert sync ^ coro == {"highlighter"}, f"{PAGE}, verdicts: search differs by {sync ^ coro}"


def test_orm_ships_and_warns(lite_uri):
    """Claims: the ORM still works; v1 removal is announced, now for PyMilvus 3.1."""
    from pymilvus import Collection, CollectionSchema, FieldSchema, connections
    from pymilvus.decorators import PyMilvusDeprecationWarning

    assert Version(version("pymilvus")).major == 3, "the page describes pymilvus 3.x"
    with pytest.warns(PyMilvusDeprecationWarning, match="will be removed in PyMilvus 3.1"):
        connections.connect(alias="facts", uri=lite_uri)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PyMilvusDeprecationWarning)
        fields = [FieldSchema("id", DataType.INT64, is_primary=True),
                  FieldSchema("embedding", DataType.FLOAT_VECTOR, dim=DIM)]
        collection = Collection("facts_orm", CollectionSchema(fields), using="facts")
        collection.insert([[1, 2], np.ones((2, DIM), dtype=np.float32)])
        collection.flush()
        assert collection.num_entities == 2, f"{PAGE}, ORM tab: the ORM no longer inserts"
        connections.disconnect("facts")


class CountCalls(grpc.UnaryUnaryClientInterceptor):
    """Counts the RPCs a client sends, by method name."""

    def __init__(self):
        self.calls = []

    def intercept_unary_unary(self, continuation, details, request):
        self.calls.append(details.method.rsplit("/", 1)[-1])
        return continuation(details, request)


def test_schema_cache_saves_describe_calls(lite_uri):
    """Claim: the client caches schemas. Five inserts ask for the schema once; clearing
    pymilvus' cache makes the next insert ask again."""
    from pymilvus.client.cache import GlobalCache
    from pymilvus.grpc_gen import milvus_pb2_grpc

    client = MilvusClient(uri=lite_uri)
    fresh_collection(client, "facts_cache")
    handler = client._get_connection()
    counter = CountCalls()
    handler._stub = milvus_pb2_grpc.MilvusServiceStub(
        grpc.intercept_channel(handler._final_channel, counter))
    GlobalCache.schema.clear()

    for start in range(0, 50, 10):
        client.insert("facts_cache", rows(10, start))
    assert counter.calls.count("Insert") == 5, f"interceptor saw {counter.calls}"
    assert counter.calls.count("DescribeCollection") == 1, (
        f"{PAGE}, verdicts: five inserts sent {counter.calls.count('DescribeCollection')} "
        "DescribeCollection requests; the schema cache no longer works as the page says")

    GlobalCache.schema.clear()
    client.insert("facts_cache", rows(10, 50))
    assert counter.calls.count("DescribeCollection") == 2, \
        f"{PAGE}, verdicts: clearing the cache did not cause a new schema lookup"
    client.close()
