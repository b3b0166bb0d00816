"""The tutorial "Use AsyncMilvusClient with asyncio" as one script: python tutorial.py

Uses Milvus Lite (a local folder) unless MILVUS_URI holds a server address.
"""
# --8<-- [start:imports]
import asyncio
import os

import numpy as np
from pymilvus import (
    AnnSearchRequest,
    AsyncMilvusClient,
    DataType,
    MilvusClient,
    RRFRanker,
)
from scipy.sparse import csr_matrix

# --8<-- [end:imports]


async def main():
    # --8<-- [start:methods]
    def public_methods(cls):
        return {name for name in dir(cls) if not name.startswith("_")}

    print(sorted(public_methods(MilvusClient) - public_methods(AsyncMilvusClient)))
    # --8<-- [end:methods]

    # --8<-- [start:connect]
    # Milvus Lite (a local file) unless MILVUS_URI points at a server.
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
    await client.create_collection(collection, schema=schema)
    print(await client.has_collection(collection))
    # --8<-- [end:create_collection]

    # --8<-- [start:create_indexes]
    index_params = MilvusClient.prepare_index_params()
    index_params.add_index("dense_vector", index_type="AUTOINDEX", metric_type="IP")
    index_params.add_index("sparse_vector", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
    index_params.add_index("text", index_type="INVERTED")
    # Milvus Lite cannot finish an awaited create_index (see the note below).
    admin = MilvusClient(uri=uri, token=token)
    admin.release_collection(collection)
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
    # --8<-- [end:search_sparse]

    # --8<-- [start:hybrid_search]
    requests = [
        AnnSearchRequest([dense_queries[0]], "dense_vector", {"metric_type": "IP"}, limit=10),
        AnnSearchRequest([sparse_queries[0]], "sparse_vector", {"metric_type": "IP"}, limit=10),
    ]
    hits = await client.hybrid_search(
        collection, requests, RRFRanker(), limit=5, output_fields=["text"]
    )
    for hit in hits[0]:
        print(hit["id"], round(hit["distance"], 4), hit["entity"]["text"])
    # --8<-- [end:hybrid_search]

    # --8<-- [start:cleanup]
    await client.drop_collection(collection)
    await client.close()
    # --8<-- [end:cleanup]


if __name__ == "__main__":
    asyncio.run(main())
