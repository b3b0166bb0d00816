"""Tests of web_app.py through its ASGI interface: python -m pytest test_web_app.py"""
import httpx2
import pytest
import pytest_asyncio
from asgi_lifespan import LifespanManager

from web_app import app

pytestmark = pytest.mark.asyncio   # each test runs in an event loop of its own


@pytest_asyncio.fixture
async def http():
    # LifespanManager runs the app's startup and shutdown in this test's event loop.
    async with LifespanManager(app) as running:
        transport = httpx2.ASGITransport(app=running.app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def test_an_unknown_collection_does_not_exist(http):
    response = await http.get("/collections/no_such_collection")
    assert response.json() == {"name": "no_such_collection", "exists": False}


async def test_a_second_test_gets_a_client_of_its_own_loop(http):
    response = await http.get("/collections/async_tutorial")
    assert response.status_code == 200
