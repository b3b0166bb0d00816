"""benchmarks/cpu.py names the kind of each process and counts what a command's children spend."""
import sys

from benchmarks.cpu import cpu_by_kind, kind

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.8: pass"


def test_each_kind_of_process_is_named():
    assert kind("/usr/lib/chromium/chromium --type=renderer") == "Chromium and Playwright (browser tests)"
    assert kind("/root/.cache/milvus-server/2.3.5/bin/milvus run standalone --alias 1") == "Milvus standalone"
    assert kind(".venv/bin/python .venv/bin/milvus-lite server --data-dir x") == "Milvus Lite"
    assert kind("python -m ipykernel_launcher -f k.json") == "Jupyter kernels (notebooks)"
    assert kind("python -u -c import sys;exec(eval(sys.stdin.readline()))") == "pytest and its workers"
    assert kind("python /work/main/snippets/async-milvus-client/tutorial.py") == "page scripts and test modules"


def test_a_child_that_burns_cpu_is_counted():
    result, spent = cpu_by_kind([sys.executable, "-c", BURN])
    assert result.returncode == 0
    assert spent["other"] >= 0.4, spent
