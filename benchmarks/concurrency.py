"""Inserts and searches three ways (sequential, asyncio.gather, one call) on one Milvus.

    python concurrency_benchmark.py                      # Milvus Lite in a temporary folder
    python concurrency_benchmark.py --uri http://localhost:19530 --token root:Milvus

Needs pymilvus and NumPy, and milvus-lite for the Milvus Lite default (this single file is
what the site offers for download).
Every mode checks its own counts, so a fast but wrong mode cannot win. Inserts go into a
FLAT collection (no index build running in the background between modes); searches run on
an AUTOINDEX collection and ask only for ids, since Milvus Lite otherwise returns every
field, vectors included. Prints a table; --json writes every run for the site's report.
"""
import argparse
import asyncio
import json
import os
import platform
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version

import numpy as np

DIM = 128
COLLECTION = "benchmark_concurrency"
MODES = ("sequential", "gather", "one call")


@dataclass
class Measure:
    operation: str   # "insert" or "search"
    mode: str        # "sequential", "gather" or "one call"
    calls: int       # requests sent to Milvus
    items: int       # rows inserted or queries answered, checked after the run
    seconds: float   # the best of the repeats
    runs: list = field(default_factory=list)   # every repeat, in order


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", default=os.environ.get("MILVUS_URI"),
                        help="a Milvus server (default: MILVUS_URI, else Milvus Lite in a temporary folder)")
    parser.add_argument("--token", default=os.environ.get("MILVUS_TOKEN", ""), help="user:password")
    parser.add_argument("--rows", type=int, default=20_000, help="rows to insert per mode")
    parser.add_argument("--batch", type=int, default=1_000, help="rows per insert call")
    parser.add_argument("--searches", type=int, default=200, help="queries per mode")
    parser.add_argument("--limit", type=int, default=5, help="hits per query")
    parser.add_argument("--index", default="AUTOINDEX", help="index type for the searches")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of all modes; the table keeps each mode's best time")
    parser.add_argument("--json", help="also write every measurement to this file")
    args = parser.parse_args(argv)
    if args.rows % args.batch or args.rows < args.searches:
        parser.error("--rows must be a multiple of --batch and at least --searches")
    return args


def create_collection(uri: str, token: str, index_type: str = "FLAT"):
    """A fresh collection with one vector index, made with the sync client.

    AsyncMilvusClient cannot create an indexed collection on Milvus Lite 3.2 (pymilvus #3711).
    The collection keeps the default consistency level; only the counts ask for Strong.
    """
    from pymilvus import DataType, MilvusClient
    client = MilvusClient(uri=uri, token=token)
    if client.has_collection(COLLECTION):
        client.drop_collection(COLLECTION)
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    index = MilvusClient.prepare_index_params()
    index.add_index("embedding", index_type=index_type, metric_type="L2")
    client.create_collection(COLLECTION, schema=schema, index_params=index)
    client.close()


async def timed(coroutine) -> tuple[object, float]:
    start = time.perf_counter()
    result = await coroutine
    return result, time.perf_counter() - start


def keep(found: dict, measure: Measure) -> None:
    """Keep the fastest run of each (operation, mode), remembering every run."""
    key = (measure.operation, measure.mode)
    runs = found[key].runs if key in found else []
    if key not in found or measure.seconds < found[key].seconds:
        found[key] = measure
    found[key].runs = runs + [round(measure.seconds, 4)]


async def insert_modes(client, uri, token, vectors, batch, found: dict) -> None:
    rows = [{"id": i, "embedding": v} for i, v in enumerate(vectors)]
    batches = [rows[i:i + batch] for i in range(0, len(rows), batch)]
    runs = {"sequential": lambda: _each(client.insert(COLLECTION, b) for b in batches),
            "gather": lambda: asyncio.gather(*(client.insert(COLLECTION, b) for b in batches)),
            "one call": lambda: _each([client.insert(COLLECTION, rows)])}
    for mode in MODES:
        await client.drop_collection(COLLECTION)
        create_collection(uri, token)
        results, seconds = await timed(runs[mode]())
        # Strong: the count waits until every row inserted before it is visible
        counted = await client.query(COLLECTION, filter="", output_fields=["count(*)"],
                                     consistency_level="Strong")
        stored = counted[0]["count(*)"]
        inserted = sum(r["insert_count"] for r in results)
        if stored != inserted or inserted != len(rows):
            raise AssertionError(f"insert {mode}: {inserted} acknowledged, {stored} stored")
        keep(found, Measure("insert", mode, len(results), stored, seconds))


async def _each(coroutines) -> list:
    return [await c for c in coroutines]


async def search_modes(client, queries, limit, found: dict) -> None:
    """Searches the collection; each query is a stored row."""
    def search(data):
        return client.search(COLLECTION, data=data, limit=limit, output_fields=["id"])

    async def sequential():
        return [(await search([q]))[0] for q in queries]

    async def gather():
        return [a[0] for a in await asyncio.gather(*(search([q]) for q in queries))]

    async def one_call():
        return list(await search(list(queries)))

    for mode, run, calls in (("sequential", sequential, len(queries)),
                             ("gather", gather, len(queries)), ("one call", one_call, 1)):
        groups, seconds = await timed(run())
        complete = [g for g in groups if len(g) == limit]
        if len(complete) != len(queries):
            raise AssertionError(f"search {mode}: {len(complete)} of {len(queries)} answered")
        keep(found, Measure("search", mode, calls, len(complete), seconds))


async def measure(args, uri: str) -> list[Measure]:
    from pymilvus import AsyncMilvusClient
    vectors = np.random.default_rng(42).random((args.rows, DIM), dtype=np.float32)
    create_collection(uri, args.token)  # the first connection starts Milvus Lite if needed
    client = AsyncMilvusClient(uri=uri, token=args.token)
    queries = vectors[::args.rows // args.searches][:args.searches]
    try:
        await client.search(COLLECTION, data=[vectors[0]], limit=1)  # warm up the channel
        found = {}
        for _ in range(args.repeat):  # rounds spread a busy moment over every mode
            await insert_modes(client, uri, args.token, vectors, args.batch, found)
        await client.drop_collection(COLLECTION)
        create_collection(uri, args.token, args.index)
        await client.insert(COLLECTION, [{"id": i, "embedding": v} for i, v in enumerate(vectors)])
        await client.flush(COLLECTION)
        await client.search(COLLECTION, data=list(queries[:10]), limit=args.limit)  # warm-up
        for _ in range(args.repeat):
            await search_modes(client, queries, args.limit, found)
        await client.drop_collection(COLLECTION)
    finally:
        await client.close()
    return list(found.values())


def engine(uri: str, token: str) -> str:
    """What answered: "Milvus Lite 3.2.2" or "Milvus 2.3.5" (never the address or token)."""
    from pymilvus import MilvusClient
    client = MilvusClient(uri=uri, token=token)
    answer = client.get_server_version()
    client.close()
    if answer.startswith("milvus_lite-"):
        return f"Milvus Lite {answer.removeprefix('milvus_lite-')}"
    return f"Milvus {answer.lstrip('v').split('-')[0]}"


def machine(label: str) -> dict:
    def installed(package):
        try:
            return version(package)
        except PackageNotFoundError:
            return None
    return {"engine": label, "pymilvus": installed("pymilvus"), "python": platform.python_version(),
            "platform": platform.platform(terse=True), "cpu": _cpu_model(), "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d")}


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            return next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown"


def table(measures: list[Measure]) -> str:
    """The results as a Markdown table, with the speed-up over the sequential mode."""
    base = {m.operation: m.seconds for m in measures if m.mode == "sequential"}
    lines = ["| Operation | Mode | Calls | Checked | Seconds | Per second | vs sequential |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for m in measures:
        unit = "rows" if m.operation == "insert" else "queries"
        lines.append(f"| {m.operation} | {m.mode} | {m.calls:,} | {m.items:,} {unit} | "
                     f"{m.seconds:.2f} | {m.items / m.seconds:,.0f} | "
                     f"{base[m.operation] / m.seconds:.1f}x |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    args = parse_args(argv)
    uri = args.uri or os.path.join(tempfile.mkdtemp(prefix="milvus-benchmark-"), "benchmark.db")
    measures = asyncio.run(measure(args, uri))
    facts = machine(engine(uri, args.token))
    sizes = {"rows": args.rows, "batch": args.batch, "searches": args.searches,
             "limit": args.limit, "index": args.index, "repeat": args.repeat}
    print(table(measures))
    print(", ".join(f"{k} {v}" for k, v in facts.items()))
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"machine": facts, "sizes": sizes, "measures": [asdict(m) for m in measures]},
                      out, indent=2)
            out.write("\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
