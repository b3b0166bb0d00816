"""A FastAPI app that keeps one AsyncMilvusClient for its whole life (test_web_app.py tests it)."""
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from pymilvus import AsyncMilvusClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Runs once at startup, in the event loop that serves the requests.
    app.state.milvus = AsyncMilvusClient(
        uri=os.environ.get("MILVUS_URI", "milvus_tutorial.db"),
        token=os.environ.get("MILVUS_TOKEN", ""),
    )
    yield
    # Runs once at shutdown, in the same loop.
    await app.state.milvus.close()


app = FastAPI(lifespan=lifespan)


@app.get("/collections/{name}")
async def collection_exists(name: str, request: Request):
    return {"name": name, "exists": await request.app.state.milvus.has_collection(name)}
