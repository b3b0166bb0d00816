"""Inserts and searches three ways (sequential, asyncio.gather, one call) on one Milvus.

Run it with scripts/benchmark-concurrency. Milvus Lite in a temporary folder unless
MILVUS_URI holds a server address. Every mode checks its own counts, so a fast but wrong
mode cannot win. Inserts go into a FLAT collection (no index build running in the
background between modes); searches run on an AUTOINDEX collection (--index), asking only
for ids, since Milvus Lite otherwise returns every field, vectors included.
"""
import argparse
import asyncio
import base64
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

import numpy as np

RESULTS = Path("benchmarks/results")
CHART = Path("docs/assets/benchmarks/concurrency.svg")
DIM = 128
CHART_ALT = "Seconds taken by each way of inserting and searching"
COLLECTION = "benchmark_concurrency"


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
    parser.add_argument("--rows", type=int, default=20_000, help="rows to insert per mode")
    parser.add_argument("--batch", type=int, default=1_000, help="rows per insert call")
    parser.add_argument("--searches", type=int, default=200, help="queries per mode")
    parser.add_argument("--limit", type=int, default=5, help="hits per query")
    parser.add_argument("--index", default="AUTOINDEX", help="index type for the searches")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of all modes; the table keeps each mode's best time")
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="folder for concurrency.json and concurrency.md")
    parser.add_argument("--chart", type=Path, default=CHART, help="SVG chart to write")
    args = parser.parse_args(argv)
    if args.rows % args.batch or args.rows < args.searches:
        parser.error("--rows must be a multiple of --batch and at least --searches")
    return args


def connection() -> tuple[str, str, str]:
    """(uri, token, backend label); never returns the token inside the label."""
    uri = os.environ.get("MILVUS_URI")
    if uri:
        return uri, os.environ.get("MILVUS_TOKEN", ""), f"Milvus at {uri.split('@')[-1]}"
    folder = tempfile.mkdtemp(prefix="milvus-benchmark-")
    return os.path.join(folder, "benchmark.db"), "", "Milvus Lite (in process)"


def create_collection(uri: str, token: str, index_type: str = "FLAT"):
    """A fresh collection with one vector index, made with the sync client.

    AsyncMilvusClient cannot create an indexed collection on Milvus Lite 3.2 (pymilvus #3711).
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


def best_of(found: dict, measure: Measure) -> None:
    """Keep the fastest run of each (operation, mode), remembering every run."""
    key = (measure.operation, measure.mode)
    runs = found[key].runs if key in found else []
    if key not in found or measure.seconds < found[key].seconds:
        found[key] = measure
    found[key].runs = runs + [round(measure.seconds, 4)]


async def insert_modes(client, uri, token, vectors, batch, found: dict) -> None:
    rows = [{"id": i, "embedding": v} for i, v in enumerate(vectors)]
    batches = [rows[i:i + batch] for i in range(0, len(rows), batch)]

    async def sequential():
        return [await client.insert(COLLECTION, b) for b in batches]

    async def gather():
        return await asyncio.gather(*(client.insert(COLLECTION, b) for b in batches))

    async def one_call():
        return [await client.insert(COLLECTION, rows)]

    for mode, run in (("sequential", sequential), ("gather", gather), ("one call", one_call)):
        await client.drop_collection(COLLECTION)
        create_collection(uri, token)
        results, seconds = await timed(run())
        await client.flush(COLLECTION)
        counted = await client.query(COLLECTION, filter="", output_fields=["count(*)"])
        stored = counted[0]["count(*)"]
        inserted = sum(r["insert_count"] for r in results)
        if stored != inserted or inserted != len(rows):
            raise AssertionError(f"insert {mode}: {inserted} acknowledged, {stored} stored")
        best_of(found, Measure("insert", mode, len(results), stored, seconds))


async def search_modes(client, queries, limit, found: dict) -> None:
    """Searches the collection; each query is a stored row."""
    async def search(data):
        return await client.search(COLLECTION, data=data, limit=limit, output_fields=["id"])

    async def sequential():
        return [(await search([q]))[0] for q in queries]

    async def gather():
        answers = await asyncio.gather(*(search([q]) for q in queries))
        return [a[0] for a in answers]

    async def one_call():
        return list(await search(list(queries)))

    for mode, run, calls in (("sequential", sequential, len(queries)),
                             ("gather", gather, len(queries)), ("one call", one_call, 1)):
        groups, seconds = await timed(run())
        complete = [g for g in groups if len(g) == limit]
        if len(complete) != len(queries):
            raise AssertionError(f"search {mode}: {len(complete)} of {len(queries)} answered")
        best_of(found, Measure("search", mode, calls, len(complete), seconds))


async def measure(args, uri, token) -> list[Measure]:
    from pymilvus import AsyncMilvusClient
    vectors = np.random.default_rng(42).random((args.rows, DIM), dtype=np.float32)
    create_collection(uri, token)  # the first connection starts Milvus Lite if needed
    client = AsyncMilvusClient(uri=uri, token=token)
    step = args.rows // args.searches
    queries = vectors[::step][:args.searches]
    try:
        await client.search(COLLECTION, data=[vectors[0]], limit=1)  # warm up the channel
        found = {}
        for _ in range(args.repeat):  # rounds spread a busy moment over every mode
            await insert_modes(client, uri, token, vectors, args.batch, found)
        await client.drop_collection(COLLECTION)
        create_collection(uri, token, args.index)
        await client.insert(COLLECTION, [{"id": i, "embedding": v} for i, v in enumerate(vectors)])
        await client.flush(COLLECTION)
        await client.search(COLLECTION, data=list(queries[:10]), limit=args.limit)  # warm-up
        for _ in range(args.repeat):
            await search_modes(client, queries, args.limit, found)
        await client.drop_collection(COLLECTION)
    finally:
        await client.close()
    return list(found.values())


def machine_facts(backend: str) -> dict:
    return {
        "backend": backend,
        "pymilvus": version("pymilvus"),
        "milvus-lite": version("milvus-lite"),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def markdown_table(facts: dict, measures: list[Measure], sizes: dict) -> str:
    """The results as a Markdown table, with the speed-up over the sequential mode."""
    base = {m.operation: m.seconds for m in measures if m.mode == "sequential"}
    lines = ["| Operation | Mode | Calls | Checked | Seconds | Per second | vs sequential |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for m in measures:
        unit = "rows" if m.operation == "insert" else "queries"
        lines.append(f"| {m.operation} | {m.mode} | {m.calls:,} | {m.items:,} {unit} | "
                     f"{m.seconds:.2f} | {m.items / m.seconds:,.0f} | "
                     f"{base[m.operation] / m.seconds:.1f}x |")
    about = ", ".join(f"{k} {v}" for k, v in facts.items())
    shape = (f"Inserts: {sizes['rows']:,} rows of {DIM} dimensions in batches of "
             f"{sizes['batch']:,}, FLAT index. Searches: {sizes['searches']:,} queries, "
             f"{sizes['limit']} hits each, {sizes['index']} index, L2, ids only. "
             f"Best of {sizes['repeat']} rounds")
    return "\n".join(lines) + f"\n\n{shape}. Measured with {about}.\n"


def chart_image(svg: bytes) -> str:
    """The chart as an inline image: the same Markdown works on every language's page,
    whose folders sit at different depths (static-i18n copies docs/assets for one only)."""
    encoded = base64.b64encode(svg).decode("ascii")
    return f"![{CHART_ALT}](data:image/svg+xml;base64,{encoded})\n"


def write_results(folder: Path, facts: dict, measures: list[Measure], sizes: dict,
                  chart: Path) -> None:
    """concurrency.json (raw data) and concurrency.md (table and chart, for the page)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"machine": facts, "sizes": sizes, "measures": [asdict(m) for m in measures]}
    (folder / "concurrency.json").write_text(json.dumps(data, indent=2) + "\n")
    (folder / "concurrency.md").write_text(
        markdown_table(facts, measures, sizes) + "\n" + chart_image(chart.read_bytes()))


def draw_chart(path: Path, measures: list[Measure], title: str) -> None:
    """Horizontal bars, one panel per operation; byte-identical for identical numbers."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["svg.hashsalt"] = "milvus-docs-tested"
    plt.rcParams["svg.fonttype"] = "none"   # text stays text: smaller, searchable
    figure, axes = plt.subplots(2, 1, figsize=(7, 4.2))
    for ax, operation in zip(axes, ("insert", "search")):
        rows = [m for m in measures if m.operation == operation]
        bars = ax.barh([m.mode for m in rows], [m.seconds for m in rows], color="#4a7bd0")
        ax.bar_label(bars, labels=[f"{m.seconds:.2f} s" for m in rows], padding=3)
        ax.invert_yaxis()
        ax.set_title(f"{operation}: {rows[0].items:,} {'rows' if operation == 'insert' else 'queries'}",
                     loc="left", fontsize=10)
        ax.set_xlim(0, max(m.seconds for m in rows) * 1.25)
        ax.set_xlabel("seconds (lower is better)")
    figure.suptitle(title, fontsize=10)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="svg", metadata={"Date": None})
    plt.close(figure)


def main(argv=None) -> int:
    args = parse_args(argv)
    uri, token, backend = connection()
    measures = asyncio.run(measure(args, uri, token))
    facts = machine_facts(backend)
    sizes = {"rows": args.rows, "batch": args.batch, "searches": args.searches,
             "limit": args.limit, "index": args.index, "repeat": args.repeat}
    draw_chart(args.chart, measures, f"{backend}, pymilvus {facts['pymilvus']}")
    write_results(args.results, facts, measures, sizes, args.chart)
    print(markdown_table(facts, measures, sizes))
    print(f"wrote {args.results / 'concurrency.json'}, {args.results / 'concurrency.md'}, "
          f"{args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
