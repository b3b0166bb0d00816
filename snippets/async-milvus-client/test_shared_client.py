"""One AsyncMilvusClient for all tests of a module: python -m pytest test_shared_client.py"""
import os

import pytest
import pytest_asyncio
from pymilvus import AsyncMilvusClient

# Every test of this module runs in one event loop...
pytestmark = pytest.mark.asyncio(loop_scope="module")


# ...the same loop as the fixture that makes the client.
@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client():
    async with AsyncMilvusClient(
        uri=os.environ.get("MILVUS_URI", "milvus_tutorial.db"),
        token=os.environ.get("MILVUS_TOKEN", ""),
    ) as client:
        yield client


async def test_lists_collections(client):
    assert isinstance(await client.list_collections(), list)


async def test_the_same_client_in_a_second_test(client):
    assert await client.has_collection("no_such_collection") is False
