"""The samples of "Milvus SDK v2", in page order: python sdk_v2.py

Uses Milvus Lite (a local folder) unless MILVUS_URI holds a server address.
"""
# --8<-- [start:imports]
import asyncio
import os
import warnings

import numpy as np
from pymilvus import AsyncMilvusClient, DataType, MilvusClient

# --8<-- [end:imports]


async def main():
    # --8<-- [start:connect]
    # Milvus Lite (a local folder) unless MILVUS_URI points at a server.
    uri = os.environ.get("MILVUS_URI", "milvus_sdk_v2.db")
    token = os.environ.get("MILVUS_TOKEN", "")
    client = MilvusClient(uri=uri, token=token)
    # --8<-- [end:connect]

    # --8<-- [start:custom_setup]
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=128)

    index_params = MilvusClient.prepare_index_params()
    index_params.add_index("embedding", index_type="AUTOINDEX", metric_type="L2")

    if client.has_collection("sdk_v2_custom"):
        client.drop_collection("sdk_v2_custom")
    # One call: create the collection, build the index, load it.
    client.create_collection("sdk_v2_custom", schema=schema, index_params=index_params)

    index = client.describe_index("sdk_v2_custom", index_name="embedding")
    print(index["index_type"], index["metric_type"])
    print(client.get_load_state("sdk_v2_custom"))
    # --8<-- [end:custom_setup]

    # --8<-- [start:quick_setup]
    if client.has_collection("sdk_v2_quick"):
        client.drop_collection("sdk_v2_quick")
    client.create_collection("sdk_v2_quick", dimension=128)

    description = client.describe_collection("sdk_v2_quick")
    print([(field["name"], field["type"].name) for field in description["fields"]])
    print("dynamic field:", description["enable_dynamic_field"])
    index = client.describe_index("sdk_v2_quick", index_name="vector")
    print(index["index_type"], index["metric_type"], client.get_load_state("sdk_v2_quick"))
    # --8<-- [end:quick_setup]

    # --8<-- [start:compare_data]
    rng = np.random.default_rng(2025)
    vectors = rng.random((1_000, 128), dtype=np.float32)
    query = rng.random(128, dtype=np.float32)
    # FLAT is an exact search, so both versions must return the same hits.
    flat_index = {"index_type": "FLAT", "metric_type": "L2", "params": {}}
    for name in ("sdk_v2_orm", "sdk_v2_client"):
        if client.has_collection(name):  # left over from an earlier run
            client.drop_collection(name)
    # --8<-- [end:compare_data]

    # --8<-- [start:orm_v1]
    from pymilvus import Collection, CollectionSchema, FieldSchema, connections

    connections.connect(alias="default", uri=uri, token=token)
    fields = [
        FieldSchema("id", DataType.INT64, is_primary=True),
        FieldSchema("embedding", DataType.FLOAT_VECTOR, dim=128),
    ]
    # Strong: the search below sees the rows inserted just before it, on any Milvus.
    orm_collection = Collection("sdk_v2_orm", CollectionSchema(fields), consistency_level="Strong")
    orm_collection.create_index("embedding", flat_index)
    orm_collection.load()

    orm_collection.insert([list(range(1_000)), vectors])
    hits = orm_collection.search(
        data=[query], anns_field="embedding", param={"metric_type": "L2"}, limit=3
    )
    print([hit.id for hit in hits[0]])
    # --8<-- [end:orm_v1]

    # --8<-- [start:client_v2]
    v2_index = MilvusClient.prepare_index_params()
    v2_index.add_index("embedding", **flat_index)
    client.create_collection(
        "sdk_v2_client", schema=schema, index_params=v2_index, consistency_level="Strong"
    )

    client.insert("sdk_v2_client", [{"id": i, "embedding": v} for i, v in enumerate(vectors)])
    hits = client.search("sdk_v2_client", data=[query], limit=3)
    print([hit["id"] for hit in hits[0]])
    # --8<-- [end:client_v2]

    # --8<-- [start:orm_warning]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        orm_collection.num_entities
    print(caught[0].category.__name__)
    print(caught[0].message)
    # --8<-- [end:orm_warning]

    # --8<-- [start:async_setup]
    rows = 10_000
    batch_size = 1_000
    # The collection and its index come from MilvusClient (see the note below).
    async_index = MilvusClient.prepare_index_params()
    async_index.add_index("embedding", **flat_index)
    if client.has_collection("sdk_v2_async"):
        client.drop_collection("sdk_v2_async")
    client.create_collection(
        "sdk_v2_async", schema=schema, index_params=async_index, consistency_level="Strong"
    )

    data_rng = np.random.default_rng(42)
    embeddings = data_rng.random((rows, 128), dtype=np.float32)
    # --8<-- [end:async_setup]

    # --8<-- [start:async_insert]
    async_client = AsyncMilvusClient(uri=uri, token=token)

    batches = [
        [{"id": i, "embedding": embeddings[i]} for i in range(start, start + batch_size)]
        for start in range(0, rows, batch_size)
    ]
    results = await asyncio.gather(
        *(async_client.insert("sdk_v2_async", batch) for batch in batches)
    )
    print(len(results), "batches,", sum(r["insert_count"] for r in results), "rows inserted")

    await async_client.flush("sdk_v2_async")
    counted = await async_client.query(
        "sdk_v2_async", filter="", output_fields=["count(*)"]
    )
    print(counted[0]["count(*)"], "rows in the collection")
    # --8<-- [end:async_insert]

    # --8<-- [start:async_search]
    # Each stored vector is its own nearest neighbour: a check you can read.
    query_ids = [0, 2_500, 5_000, 7_500, 9_999]
    answers = await asyncio.gather(
        *(
            async_client.search("sdk_v2_async", data=[embeddings[i]], limit=5)
            for i in query_ids
        )
    )
    for query_id, hits in zip(query_ids, answers):
        print(query_id, "->", [hit["id"] for hit in hits[0]])
    # --8<-- [end:async_search]

    # --8<-- [start:async_close]
    await async_client.close()
    # --8<-- [end:async_close]

    # --8<-- [start:cleanup]
    for name in client.list_collections():
        if name.startswith("sdk_v2_"):
            client.drop_collection(name)
    connections.disconnect("default")
    client.close()
    # --8<-- [end:cleanup]


if __name__ == "__main__":
    asyncio.run(main())
