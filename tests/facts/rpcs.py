"""Record the gRPC methods a pymilvus client sends (and their status), with an interceptor."""
import grpc
from pymilvus import AsyncMilvusClient
from pymilvus.grpc_gen import milvus_pb2_grpc


def _method(details) -> str:
    name = details.method
    return (name.decode() if isinstance(name, bytes) else name).rsplit("/", 1)[-1]


class _Sync(grpc.UnaryUnaryClientInterceptor):
    def __init__(self):
        self.calls = []

    def intercept_unary_unary(self, continuation, details, request):
        outcome = continuation(details, request)
        self.calls.append((_method(details), outcome.code().name))
        return outcome


class _Async(grpc.aio.UnaryUnaryClientInterceptor):
    def __init__(self):
        self.calls = []

    async def intercept_unary_unary(self, continuation, details, request):
        call = await continuation(details, request)
        self.calls.append((_method(details), (await call.code()).name))
        return call


def record_sync(client, action) -> list[tuple[str, str]]:
    """(method, status) of each call `action()` makes through a MilvusClient."""
    handler = client._get_connection()
    recorder = _Sync()
    handler._final_channel = grpc.intercept_channel(handler._final_channel, recorder)
    handler._stub = milvus_pb2_grpc.MilvusServiceStub(handler._final_channel)
    action()
    return list(recorder.calls)   # the handler is shared: later clients would add to it


async def record_async(uri: str, action) -> tuple[list[tuple[str, str]], Exception | None]:
    """(method, status) of each call `await action(client)` makes, and what it raised."""
    client = AsyncMilvusClient(uri=uri)
    handler = await client._get_connection()
    recorder = _Async()
    # the way pymilvus adds its own interceptors to a grpc.aio channel
    handler._final_channel._unary_unary_interceptors.append(recorder)
    handler._async_stub = milvus_pb2_grpc.MilvusServiceStub(handler._final_channel)
    try:
        await action(client)
        error = None
    except Exception as raised:
        error = raised
    finally:
        await client.close()
    return recorder.calls, error
