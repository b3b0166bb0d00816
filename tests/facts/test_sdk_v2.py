"""The SDK v2 page's verdicts and statements, each a test that fails when it stops being true.

Each runs on the engines it names; the verdict table of docs/en/sdk-v2.md must name these
tests (the first test here checks that)."""
import ast
import asyncio
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from pymilvus import AsyncMilvusClient, DataType, MilvusClient

from tests.facts import history
from tests.facts.rpcs import record_sync
from tests.harness.asyncio_thread import run_async
from tools import benchmark_report, generated, pages

PAGE = pages.read("docs/en/sdk-v2.md")
DIM = 16


def verdict_rows(page: pages.Page) -> list[list[str]]:
    rows = [p.text for p in page.section("verdicts").paragraphs if p.kind == "table row"]
    return [[cell.strip() for cell in row.split(" | ")] for row in rows[1:]]


def known_tests() -> set[str]:
    return {node.name for path in Path("tests").rglob("test_*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def verdict_problems(page: pages.Page, known: set[str]) -> list[str]:
    """Rows whose verdict no test guards: each names tests that exist, or says it was not checked."""
    problems = []
    for claim, verdict, evidence in verdict_rows(page):
        named = re.findall(r"`(test_\w+)`", evidence)
        if verdict.startswith("**Not checked here"):
            continue
        if not named:
            problems.append(f"{page.where('verdicts')}: the verdict on {claim!r} names no test")
        problems += [f"{page.where('verdicts')}: the verdict on {claim!r} names {name}, which does "
                     "not exist" for name in named if name not in known]
    return problems


def test_every_verdict_names_a_test_that_exists():
    problems = verdict_problems(PAGE, known_tests())
    assert not problems, "\n".join(problems)


def test_a_verdict_without_a_test_is_named(tmp_path):
    page = tmp_path / "docs/en/case.md"
    page.parent.mkdir(parents=True)
    page.write_text("## Verdicts { #verdicts }\n\n| Claim | Verdict | Evidence |\n|---|---|---|\n"
                    "| Fast | **True.** | checked once by hand |\n| Safe | **True.** | `test_gone` |\n")
    assert verdict_problems(pages.read(page), {"test_other"}) == [
        "[en] " + str(page) + ", section #verdicts: the verdict on 'Fast' names no test",
        "[en] " + str(page) + ", section #verdicts: the verdict on 'Safe' names test_gone, which does not exist"]


def _row(claim_start: str) -> str:
    return next(" | ".join(r) for r in verdict_rows(PAGE) if r[0].startswith(claim_start))


# -- the claims -------------------------------------------------------------------------------

def test_release_history_is_what_the_page_says():
    found = history.releases()
    first = next(v for v, r in found.items() if r["exports_async_client"])
    first_25 = next(v for v, r in found.items() if r["exports_async_client"] and v.startswith("2.5."))
    row = _row("`AsyncMilvusClient` is available since")
    for version in (first, first_25, "2.5.3", "3.0.2"):
        assert history.states(row, version, history.coroutines(version)), (
            f"{PAGE.where('verdicts')}: the row does not give {version} its "
            f"{history.coroutines(version)} public coroutines: {row}")
    assert (first, first_25) == ("2.4.11", "2.5.1"), PAGE.where("verdicts")


def test_a_count_given_to_another_version_is_not_stated():
    assert history.states("2.4.11 already exported it, with 11 public coroutines", "2.4.11", 11)
    assert not history.states("2.4.11 already exported it, with 15 public coroutines", "2.4.11", 11)
    assert not history.states("2.5.3 had 12 and 2.5.1 had 18", "2.5.3", 18)
    assert not history.states("3.0.2 has 116", "3.0", 116)
    assert history.states("in the 2.5 line, 2.5.1 was first, with 12.", "2.5.1", 12)


def test_parameter_differences_are_the_ones_the_tutorial_prints():
    printed = Path("snippets/async-milvus-client/output/methods.txt").read_text()
    only_sync = eval(re.search(r"only on MilvusClient: (\[.*\])", printed)[1])
    other = eval(re.search(r"same name, other parameters: (\[.*\])", printed)[1])
    row = _row("`AsyncMilvusClient` takes the same parameters")
    numbers = {3: "Three", 6: "six"}
    assert (len(only_sync), len(other)) == (3, 6) and all(numbers[n] in row for n in numbers), \
        f"{PAGE.where('verdicts')}: the tutorial prints {only_sync} and {other}; the row says: {row}"


def _schema():
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=DIM)
    index = MilvusClient.prepare_index_params()
    index.add_index("embedding", index_type="FLAT", metric_type="L2")
    return schema, index


def _fresh(client, name):
    if client.has_collection(name):
        client.drop_collection(name)


def test_one_call_creates_indexes_and_loads(target):
    client = MilvusClient(uri=target.uri, token=target.token)
    _fresh(client, "facts_one_call")
    schema, index = _schema()
    client.create_collection("facts_one_call", schema=schema, index_params=index)
    where = f"{PAGE.where('custom-setup')} {target.where}"
    assert client.list_indexes("facts_one_call") == ["embedding"], where
    assert client.get_load_state("facts_one_call")["state"].name == "Loaded", where
    client.drop_collection("facts_one_call")
    client.close()


def test_async_one_call_setup_needs_a_server(target):
    async def create():
        client = AsyncMilvusClient(uri=target.uri, token=target.token)
        schema, index = _schema()
        try:
            await client.drop_collection("facts_async_one_call")
            await client.create_collection("facts_async_one_call", schema=schema, index_params=index)
            return (await client.get_load_state("facts_async_one_call"))["state"].name
        except Exception as error:
            return error
        finally:
            await client.close()
    outcome = run_async(create())
    where = f"{PAGE.where('async')} {target.where}"
    if target.engine.kind == "lite":
        assert "UNIMPLEMENTED" in repr(outcome), f"{where}: now {outcome!r}"
    else:
        assert outcome == "Loaded", f"{where}: {outcome!r}"


def test_quick_setup_picks_what_the_page_names(target):
    client = MilvusClient(uri=target.uri, token=target.token)
    _fresh(client, "facts_quick")
    client.create_collection("facts_quick", dimension=DIM)
    description, index = client.describe_collection("facts_quick"), client.describe_index("facts_quick", "vector")
    found = ([f["name"] for f in description["fields"]], description["enable_dynamic_field"],
             index["index_type"], index["metric_type"], client.get_load_state("facts_quick")["state"].name)
    client.drop_collection("facts_quick")
    client.close()
    assert found == (["id", "vector"], True, "AUTOINDEX", "COSINE", "Loaded"), \
        f"{PAGE.where('quick-setup')} {target.where}: {found}"


def test_milvus_client_takes_rows_not_columns(tmp_path):
    client = MilvusClient(uri=str(tmp_path / "c.db"))
    client.create_collection("columns", dimension=DIM)
    with pytest.raises(Exception, match="The Input data type is inconsistent with defined schema"):
        client.insert("columns", [[1, 2], np.ones((2, DIM)).tolist()])
    client.close()


def test_orm_works_and_warns_on_most_calls(target):
    from pymilvus import Collection, CollectionSchema, FieldSchema, connections
    from pymilvus.decorators import PyMilvusDeprecationWarning
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fields = [FieldSchema("id", DataType.INT64, is_primary=True),
                  FieldSchema("embedding", DataType.FLOAT_VECTOR, dim=DIM)]
        schema = CollectionSchema(fields)
        quiet = len(caught)
        connections.connect(alias="facts", uri=target.uri, token=target.token)
        MilvusClient(uri=target.uri, token=target.token).drop_collection("facts_orm")
        collection = Collection("facts_orm", schema, using="facts", consistency_level="Strong")
        collection.insert([[1, 2], np.ones((2, DIM), dtype=np.float32)])
        collection.flush()
        count = collection.num_entities
        connections.disconnect("facts")
    warned = [str(w.message) for w in caught if issubclass(w.category, PyMilvusDeprecationWarning)]
    where = f"{PAGE.where('orm-vs-client')} {target.where}"
    assert quiet == 0 and count == 2, f"{where}: schema warnings {quiet}, {count} rows"
    assert all("will be removed in PyMilvus 3.1" in w for w in warned) and len(warned) >= 5, f"{where}: {warned}"


def test_gathered_inserts_all_arrive(target):
    async def insert():
        sync = MilvusClient(uri=target.uri, token=target.token)
        _fresh(sync, "facts_gather")
        schema, index = _schema()
        sync.create_collection("facts_gather", schema=schema, index_params=index, consistency_level="Strong")
        sync.close()
        client = AsyncMilvusClient(uri=target.uri, token=target.token)
        vectors = np.random.default_rng(1).random((500, DIM), dtype=np.float32)
        batches = [[{"id": i, "embedding": vectors[i]} for i in range(s, s + 100)] for s in range(0, 500, 100)]
        results = await asyncio.gather(*(client.insert("facts_gather", b) for b in batches))
        counted = await client.query("facts_gather", filter="", output_fields=["count(*)"])
        await client.drop_collection("facts_gather")
        await client.close()
        return sum(r["insert_count"] for r in results), counted[0]["count(*)"]
    assert run_async(insert()) == (500, 500), f"{PAGE.where('async')} {target.where}"


def _rows(count: int, start: int) -> list[dict]:
    vectors = np.random.default_rng(start).random((count, DIM), dtype=np.float32)
    return [{"id": start + i, "embedding": v} for i, v in enumerate(vectors)]


def test_schema_cache_saves_describe_calls(tmp_path):
    """Five inserts ask for the schema once; clearing pymilvus' cache makes the next ask again."""
    from pymilvus.client.cache import GlobalCache
    client = MilvusClient(uri=str(tmp_path / "cache.db"))
    schema, index = _schema()
    client.create_collection("facts_cache", schema=schema, index_params=index)
    GlobalCache.schema.clear()

    def five_inserts():
        for start in range(0, 50, 10):
            client.insert("facts_cache", _rows(10, start))
    calls = [m for m, _ in record_sync(client, five_inserts)]
    GlobalCache.schema.clear()
    again = [m for m, _ in record_sync(client, lambda: client.insert("facts_cache", _rows(10, 50)))]
    client.close()
    where = PAGE.where("verdicts")
    assert calls.count("Insert") == 5 and calls.count("DescribeCollection") == 1, f"{where}: {calls}"
    assert again.count("DescribeCollection") == 1, f"{where}: no new schema lookup after clearing: {again}"


# -- #benchmark: the sentences come from the times; the verdict follows them -------------------

def test_benchmark_findings_follow_the_measured_times():
    assert benchmark_report.compare([2.0, 2.1], [1.0, 1.2]) == "slower"
    assert benchmark_report.compare([1.0, 1.1], [1.2, 1.5]) == "faster"
    assert benchmark_report.compare([0.1, 0.2], [1.0, 1.5]) == "times"
    assert benchmark_report.compare([1.0, 1.3], [1.2, 1.5]) == "overlap"
    assert benchmark_report.compare([1.17, 1.18], [1.2, 1.5]) == "overlap", "within 5%: a draw"
    data = benchmark_report.load(sorted(generated.RESULTS.glob("concurrency-*lite*.json"))[0])
    sentence = benchmark_report.finding(benchmark_report.by_key(data), "insert", "gather", "en")
    runs = benchmark_report.by_key(data)["insert", "gather"]["runs"]
    assert benchmark_report.span(runs, "en") in sentence


def test_verdict_on_throughput_matches_the_measurements():
    row = _row("Async gives")
    for path in sorted(generated.RESULTS.glob("concurrency-*.json")):
        data = benchmark_report.load(path)
        measures = benchmark_report.by_key(data)
        words = {op: benchmark_report.compare(measures[op, "gather"]["runs"], measures[op, "sequential"]["runs"])
                 for op in ("insert", "search")}
        if "Lite" in data["machine"]["engine"]:
            assert not {"faster", "times"} & set(words.values()) and "**Not on Milvus Lite.**" in row, \
                f"{PAGE.where('verdicts')}: gather on Milvus Lite: {words}; the row says: {row}"
        else:
            assert len(set(words.values())) > 1 and "depends on the operation" in row, \
                f"{PAGE.where('verdicts')}: gather on {data['machine']['engine']}: {words}; the row says: {row}"
