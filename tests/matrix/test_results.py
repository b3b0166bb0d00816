"""Reading a cell's runs: pytest's JUnit report per page, the error line, pip's reason, versions."""
import copy
from pathlib import Path

from tests.matrix import results
from tests.matrix.run import select_expression, summary

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = ["async-milvus-client", "sdk-v2"]


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_a_step_that_raises_stops_the_page_and_names_its_error():
    # Python 3.10.13, pymilvus 2.6.17, milvus-lite 2.5.1 (trimmed report of a real run)
    page = results.pages_of_run(read("junit-py3.10-lite2.5.1.xml"), PAGES)["async-milvus-client"]
    assert page["result"] == results.FAILED
    assert page["failed_step"] == "task_group"   # the step after it failed only because of it
    assert page["error"] == "AttributeError: module 'asyncio' has no attribute 'TaskGroup'"


def test_rows_that_come_back_in_another_order_are_a_difference_not_a_failure():
    page = results.pages_of_run(read("junit-py3.10-lite2.5.1.xml"), PAGES)["async-milvus-client"]
    assert page["different"] == [{
        "step": "hybrid_search", "block": "Output", "kind": results.ORDER,
        "diff": ["+8986 0.0164 search row its to short to every sentence random row",
                 "-8986 0.0164 search row its to short to every sentence random row"]}]


def test_a_page_whose_steps_all_pass_passes():
    assert results.pages_of_run(read("junit-py3.10-lite2.5.1.xml"), PAGES)["sdk-v2"] == {
        "result": results.PASSED, "steps": 2, "passed": 2}


def test_other_printed_lines_are_summed_up_by_the_words_that_changed():
    # Python 3.11.7, pymilvus 2.5.18, milvus-lite 2.5.1: other methods, then pkg_resources
    page = results.pages_of_run(read("junit-pkg-resources.xml"), PAGES)["async-milvus-client"]
    assert (page["result"], page["failed_step"]) == (results.FAILED, "connect")
    assert page["error"] == "ModuleNotFoundError: No module named 'pkg_resources'"
    [methods] = page["different"]
    assert methods["kind"] == results.OTHER
    assert methods["diff"][2] == ("same name, other parameters: -get_load_state -list_collections "
                                  "-refresh_load -search -transfer_replica -update_password")


def test_a_page_with_no_step_in_the_report_was_not_run():
    assert results.pages_of_run(read("junit-pkg-resources.xml"), PAGES)["sdk-v2"]["result"] == results.NOT_RUN


def test_the_error_line_of_a_syntax_error_a_timeout_and_a_milvus_error():
    syntax = ('E     File "snippets/async-milvus-client/tutorial.py", line 205\n'
              "E       except* TimeoutError:\nE             ^\nE   SyntaxError: invalid syntax\n"
              "\ntests/pages/test_steps.py:29: SyntaxError\n")
    assert results.error_line("invalid syntax (tutorial.py, line 205)", syntax) == "SyntaxError: invalid syntax"
    timeout = ("tests.harness.article_run.StepFailed: docs/en/a.md, section #b, step 'b' "
               "(snippets/a/a.py:1-2): timed out after 120 s")
    assert results.error_line(timeout, "E   " + timeout) == "timed out after 120 s"
    milvus = ("E   pymilvus.exceptions.MilvusException: <MilvusException: (code=1100, "
              "message=invalid parameter)>\n")
    assert results.error_line("", milvus) == "MilvusException: <MilvusException: (code=1100, message=invalid parameter)>"


def test_pips_reason_keeps_the_conflict_and_drops_the_chatter():
    assert results.pip_reason(read("pip-conflict.log")) == (
        "Cannot install grpcio==1.68.0 and pymilvus==2.5.18 because these package versions have "
        "conflicting dependencies. The conflict is caused by: The user requested grpcio==1.68.0; "
        "pymilvus 2.5.18 depends on grpcio!=1.68.0, !=1.68.1, !=1.69.0, !=1.70.0, !=1.70.1, "
        "!=1.71.0, !=1.72.1, !=1.73.0 and >=1.49.1")
    missing = ("ERROR: Could not find a version that satisfies the requirement pymilvus==9.9.9 "
               "(from versions: 0.1.0, 2.6.17, 3.0.0, 3.0.1, 3.0.2, 3.0.3)\n"
               "ERROR: No matching distribution found for pymilvus==9.9.9\n")
    assert results.pip_reason(missing) == (
        "Could not find a version that satisfies the requirement pymilvus==9.9.9 (from versions: "
        "…, 2.6.17, 3.0.0, 3.0.1, 3.0.2, 3.0.3) No matching distribution found for pymilvus==9.9.9")


def test_installed_versions_from_pip_freeze():
    freeze = "grpcio==1.85.3\nmilvus_lite==2.5.1\nnumpy==2.2.6\npip==23.2.1\npymilvus==2.6.17\n"
    assert results.freeze_versions(freeze, ("pymilvus", "milvus-lite", "setuptools")) == {
        "pymilvus": "2.6.17", "milvus-lite": "2.5.1", "setuptools": "absent"}


def test_the_steps_of_one_backend_and_the_asked_pages():
    assert select_expression("2.5.1", PAGES, all_pages=True) == "lite-2.5.1:"
    assert select_expression("3.2.2", ["sdk-v2"], all_pages=False) == "lite-3.2.2:sdk-v2:"


def test_the_progress_line_of_a_cell():
    record = {"pages": {"async-milvus-client": {"result": results.FAILED, "failed_step": "connect",
                                                "error": "E: x"},
                        "sdk-v2": {"result": results.DIFFERENT, "different": [{"step": "orm_v1"}]}}}
    assert summary(record) == "async-milvus-client failed at connect (E: x); sdk-v2 passed with different output (orm_v1)"


def test_a_chained_error_keeps_its_cause():
    # Python 3.13.0, pymilvus 2.6.17, milvus-lite 2.5.1: pymilvus hides why milvus_lite failed
    page = results.pages_of_run(read("junit-chained.xml"), ["sdk-v2"])["sdk-v2"]
    assert (page["failed_step"], page["cause"]) == ("connect", "ModuleNotFoundError: No module named 'pkg_resources'")
    assert page["error"].startswith("ConnectionConfigException: <ConnectionConfigException: (code=1, "
                                    "message=milvus-lite is required for local database connections.")


def test_a_page_that_newly_fails_is_a_regression_and_a_known_failure_is_not():
    from tools import tested_with
    previous = tested_with.load(tested_with.newest())
    assert results.regressions(previous, previous) == []
    current = copy.deepcopy(previous)
    latest = next(c for c in current["cells"] if c["why"] == "latest")
    latest["pages"]["sdk-v2"] = {"result": results.FAILED, "failed_step": "connect", "error": "ImportError: x"}
    assert results.regressions(previous, current) == [
        f"{latest['id']}: sdk-v2 failed at step 'connect' (was passed): ImportError: x"]
    current["cells"].append({**latest, "id": "py3.14-pymilvus-3.0.2-lite-3.2.2"})
    assert len(results.regressions(previous, current)) == 2


def test_a_partial_run_does_not_replace_the_full_one(tmp_path):
    from tools import tested_with
    full, partial = tmp_path / "matrix-2026-01-01-0000.json", tmp_path / "matrix-2026-01-02-0000.json"
    full.write_text('{"cells": []}')
    partial.write_text('{"cells": [], "partial": true}')
    assert tested_with.newest(tmp_path) == full
