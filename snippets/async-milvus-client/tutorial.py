"""The tutorial "Use AsyncMilvusClient with asyncio" as one script: python tutorial.py

Uses Milvus Lite (a local folder) unless MILVUS_URI holds a server address.
"""
# --8<-- [start:imports]
import asyncio
import inspect
import os
import shutil

import numpy as np
from pymilvus import (
    AnnSearchRequest,
    AsyncMilvusClient,
    DataType,
    MilvusClient,
    MilvusException,
    RRFRanker,
)
from scipy.sparse import csr_matrix

# --8<-- [end:imports]


async def main():
    # --8<-- [start:methods]
    def public(cls):
        return {name for name in dir(cls) if not name.startswith("_")}

    only_sync = public(MilvusClient) - public(AsyncMilvusClient)
    not_awaited = [
        name
        for name in sorted(public(AsyncMilvusClient))
        if not inspect.iscoroutinefunction(getattr(AsyncMilvusClient, name))
    ]
    def parameters(cls, name):  # the names a method takes, **kwargs aside
        return set(inspect.signature(getattr(cls, name)).parameters) - {"kwargs"}

    other_parameters = [
        name
        for name in sorted(public(MilvusClient) & public(AsyncMilvusClient))
        if parameters(MilvusClient, name) != parameters(AsyncMilvusClient, name)
    ]
    print("only on MilvusClient:", sorted(only_sync))
    print("on AsyncMilvusClient, not awaited:", not_awaited)
    print("same name, other parameters:", other_parameters)
    # --8<-- [end:methods]

    # --8<-- [start:connect]
    # Milvus Lite (a local folder) unless MILVUS_URI points at a server.
    uri = os.environ.get("MILVUS_URI", "milvus_tutorial.db")
    token = os.environ.get("MILVUS_TOKEN", "")
    client = AsyncMilvusClient(uri=uri, token=token)
    collection = "async_tutorial"
    # --8<-- [end:connect]

    # --8<-- [start:schema]
    schema = AsyncMilvusClient.create_schema(
        auto_id=False, description="Dense, sparse and text data for the asyncio tutorial"
    )
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("dense_vector", DataType.FLOAT_VECTOR, dim=5)
    schema.add_field("sparse_vector", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_field("text", DataType.VARCHAR, max_length=512)
    # --8<-- [end:schema]

    # --8<-- [start:create_collection]
    if await client.has_collection(collection):
        await client.drop_collection(collection)
    # Strong: every read sees the writes that came before it (see "Reading right after writing").
    await client.create_collection(collection, schema=schema, consistency_level="Strong")
    print(await client.has_collection(collection))
    # --8<-- [end:create_collection]

    # --8<-- [start:create_indexes]
    # Needs Milvus 2.4 or later: sparse vectors and INVERTED indexes came with it.
    index_params = MilvusClient.prepare_index_params()
    index_params.add_index("dense_vector", index_type="AUTOINDEX", metric_type="IP")
    index_params.add_index("sparse_vector", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    index_params.add_index("text", index_type="INVERTED")
    # An awaited create_index fails on Milvus Lite (see the note below): use MilvusClient.
    admin = MilvusClient(uri=uri, token=token)
    admin.create_index(collection, index_params)
    admin.close()
    print(sorted(await client.list_indexes(collection)))
    # --8<-- [end:create_indexes]

    # --8<-- [start:load]
    await client.load_collection(collection)
    print(await client.get_load_state(collection))
    # --8<-- [end:load]

    # --8<-- [start:data]
    rng = np.random.default_rng(42)
    words = "a quick random sentence gives every row its own short text to search".split()
    sparse_dim = 1_000

    def random_sparse_vector():
        # one row in CSR form: values, their column numbers, where the row starts and ends
        columns = rng.choice(sparse_dim, size=8, replace=False)
        return csr_matrix((rng.random(8), columns, [0, 8]), shape=(1, sparse_dim))
    # --8<-- [end:data]

    # --8<-- [start:insert]
    rows = [
        {
            "id": i,
            "dense_vector": rng.random(5).tolist(),
            "sparse_vector": random_sparse_vector(),
            "text": " ".join(rng.choice(words, size=10)),
        }
        for i in range(10_000)
    ]
    result = await client.insert(collection, rows)
    print(result["insert_count"], result["ids"][:5])
    # --8<-- [end:insert]

    # --8<-- [start:query]
    # Count the rows whose text contains the word "random" anywhere.
    counts = await client.query(
        collection, filter='text like "%random%"', output_fields=["count(*)"]
    )
    print(counts[0]["count(*)"])
    # --8<-- [end:query]

    # --8<-- [start:search_dense]
    dense_queries = [rng.random(5).tolist() for _ in range(3)]
    hits = await client.search(
        collection,
        data=dense_queries,
        anns_field="dense_vector",
        limit=3,
        output_fields=["text"],
    )
    for group in hits:
        print([(hit["id"], round(hit["distance"], 4)) for hit in group])
    print(hits[0][0]["entity"]["text"])
    # --8<-- [end:search_dense]

    # --8<-- [start:search_sparse]
    # Pass one single-row matrix per query, not one matrix with three rows.
    sparse_queries = [random_sparse_vector() for _ in range(3)]
    hits = await client.search(
        collection,
        data=sparse_queries,
        anns_field="sparse_vector",
        limit=3,
        output_fields=["text"],
    )
    for group in hits:
        print([(hit["id"], round(hit["distance"], 4)) for hit in group])
    print(hits[0][0]["entity"]["text"])
    # --8<-- [end:search_sparse]

    # --8<-- [start:hybrid_search]
    requests = [
        AnnSearchRequest([dense_queries[0]], "dense_vector", {"metric_type": "IP"}, limit=10),
        AnnSearchRequest([sparse_queries[0]], "sparse_vector", {"metric_type": "IP"}, limit=10),
    ]
    hits = await client.hybrid_search(
        collection, requests, RRFRanker(k=60), limit=4, output_fields=["text"]
    )
    for hit in hits[0]:
        print(hit["id"], round(hit["distance"], 4), hit["entity"]["text"])
    # --8<-- [end:hybrid_search]

    # --8<-- [start:gather]
    async def best_match(query):
        found = await client.search(collection, data=[query], anns_field="dense_vector", limit=1)
        return found[0][0]["id"]

    # Three searches in flight at once; gather returns their results in the same order.
    print(await asyncio.gather(*(best_match(q) for q in dense_queries)))
    # --8<-- [end:gather]

    # --8<-- [start:task_group]
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(best_match(q)) for q in dense_queries]
    print([task.result() for task in tasks])
    # --8<-- [end:task_group]

    # --8<-- [start:semaphore]
    slots = asyncio.Semaphore(4)  # at most four requests in flight
    in_flight = []  # the queries being searched right now
    seen = []  # how many were in flight each time one started

    async def bounded_match(query):
        async with slots:
            in_flight.append(query)
            seen.append(len(in_flight))
            try:
                return await best_match(query)
            finally:
                in_flight.remove(query)

    many = [rng.random(5).tolist() for _ in range(20)]
    results = await asyncio.gather(*(bounded_match(q) for q in many))
    print(len(results), "results, at most", max(seen), "requests at a time")
    # --8<-- [end:semaphore]

    # --8<-- [start:failures]
    async def count_rows(name):
        found = await client.query(name, filter="", output_fields=["count(*)"])
        return found[0]["count(*)"]

    names = [collection, "no_such_collection", collection]
    outcomes = await asyncio.gather(*(count_rows(n) for n in names), return_exceptions=True)
    print([type(o).__name__ if isinstance(o, Exception) else o for o in outcomes])

    many_queries = [rng.random(5).tolist() for _ in range(1_000)]
    try:
        async with asyncio.TaskGroup() as group:
            long_search = group.create_task(
                client.search(collection, data=many_queries, anns_field="dense_vector", limit=10)
            )
            group.create_task(count_rows("no_such_collection"))
    except* MilvusException as failed:
        print(len(failed.exceptions), "failed; the long search was cancelled:", long_search.cancelled())
    # --8<-- [end:failures]

    # --8<-- [start:heartbeat]
    beats = []  # one entry each time the heartbeat gets to run

    async def heartbeat():
        while True:
            await asyncio.sleep(0.01)
            beats.append(1)

    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)

    blocking = MilvusClient(uri=uri, token=token)
    before = len(beats)
    blocking.search(collection, data=many_queries, anns_field="dense_vector", limit=10)
    print("heartbeats during MilvusClient.search:", len(beats) - before)
    blocking.close()

    before = len(beats)
    await client.search(collection, data=many_queries, anns_field="dense_vector", limit=10)
    print("heartbeats during the awaited search:", len(beats) - before > 0)
    beating.cancel()
    # --8<-- [end:heartbeat]

    # --8<-- [start:timeouts]
    try:
        await client.search(
            collection, data=many_queries, anns_field="dense_vector", limit=10, timeout=0.001
        )
    except MilvusException as error:
        print(type(error).__name__, isinstance(error, TimeoutError), error.message)

    try:
        async with asyncio.timeout(0.001):
            await client.search(collection, data=many_queries, anns_field="dense_vector", limit=10)
    except TimeoutError:
        print("asyncio.timeout raised TimeoutError")

    print(await count_rows(collection), "rows: the client still works")
    # --8<-- [end:timeouts]

    # --8<-- [start:strong_read]
    await client.insert(collection, [{**rows[0], "id": 10_000}])
    # The collection is Strong; on one that is not, ask for Strong in the call itself.
    found = await client.query(
        collection, filter="id == 10000", output_fields=["id"], consistency_level="Strong"
    )
    print([row["id"] for row in found])
    # --8<-- [end:strong_read]

    # --8<-- [start:closing]
    async with AsyncMilvusClient(uri=uri, token=token) as short_lived:
        print(await short_lived.has_collection(collection))
    try:
        await short_lived.has_collection(collection)
    except MilvusException as error:
        print(error)
    await short_lived.close()  # closing twice does no harm
    # --8<-- [end:closing]

    # --8<-- [start:forgotten_await]
    check = client.has_collection("no_such_collection")  # await forgotten
    print(type(check).__name__, bool(check))
    print(await check)
    # --8<-- [end:forgotten_await]

    # --8<-- [start:cleanup]
    await client.drop_collection(collection)
    await client.close()
    if not uri.startswith("http"):  # Milvus Lite: remove its data folder too
        shutil.rmtree(uri, ignore_errors=True)
    # --8<-- [end:cleanup]


if __name__ == "__main__":
    asyncio.run(main())
