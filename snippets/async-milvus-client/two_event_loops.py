"""One AsyncMilvusClient used in two event loops: the error, then the fix."""
import asyncio
import os

from pymilvus import AsyncMilvusClient, MilvusException

uri = os.environ.get("MILVUS_URI", "milvus_tutorial.db")
token = os.environ.get("MILVUS_TOKEN", "")


async def collection_names(client):
    return await client.list_collections()


# Made outside any loop: its first call ties it to the loop of the first asyncio.run.
shared = AsyncMilvusClient(uri=uri, token=token)
asyncio.run(collection_names(shared))
try:
    asyncio.run(collection_names(shared))  # a second asyncio.run is a new loop
except MilvusException as error:
    print("second loop:", error)


async def main():
    # The fix: create the client in the coroutine that asyncio.run runs, and close it there.
    async with AsyncMilvusClient(uri=uri, token=token) as client:
        return await collection_names(client)


print("own client per loop:", type(asyncio.run(main())).__name__)
