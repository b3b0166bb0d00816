"""benchmarks/cpu.py names the kind of each process and counts what a command's children spend."""
import subprocess
import sys
import threading

import psutil

from benchmarks.cpu import KINDS, _sample, cpu_by_kind, kind

# burns 0.5 CPU-seconds; the marker names it for the test's own kind
BURN = "import time  # cpu-test-burner\nt = time.process_time()\nwhile time.process_time() - t < 0.5: pass"
SHORT = "import time  # cpu-test-short\nt = time.process_time()\nwhile time.process_time() - t < 0.1: pass"


def test_each_kind_of_process_is_named():
    assert kind("/usr/lib/chromium/chromium --type=renderer").startswith("Chromium")
    assert kind("/root/.cache/milvus-server/2.3.5/bin/milvus run standalone --alias 1") == "Milvus standalone"
    assert kind(".venv/bin/python .venv/bin/milvus-lite server --data-dir x") == "milvus-lite servers"
    assert kind('python -m pip install --dry-run "pymilvus==3.0.2" "milvus-lite==3.2.2"').startswith("pip")
    assert kind("python -m ipykernel_launcher -f k.json").startswith("Jupyter kernels")
    assert kind(".venv/bin/python -m mkdocs build --strict").startswith("site builds")
    assert kind("python -u -c import sys;exec(eval(sys.stdin.readline()))") == "pytest and its workers"
    assert kind("python /work/main/snippets/async-milvus-client/tutorial.py").startswith("page scripts")


def test_a_child_that_burns_cpu_is_counted_and_short_ones_add_up_to_the_total():
    kinds = [("burner", "cpu-test-burner"), *KINDS]
    many_short = "; ".join(f"{sys.executable} -c '{SHORT}'" for _ in range(5))
    result, spent, waited_for = cpu_by_kind(["bash", "-c", f"{sys.executable} -c '{BURN}'; {many_short}"], kinds)
    assert result.returncode == 0, result.stderr
    assert 0.3 <= spent["burner"] <= 0.9, spent
    # five children of 0.1 CPU-s (plus interpreter start-up) each, mostly between two samples
    assert 0.9 <= sum(spent.values()) <= 3.2, spent
    assert abs(sum(spent.values()) - waited_for) < 0.3, (spent, waited_for)


def test_a_process_outside_the_command_is_not_counted():
    """Other xdist workers start processes while the command runs: not the command's."""
    outside = threading.Timer(0.3, subprocess.run, [[sys.executable, "-c", BURN]])
    outside.start()
    _, spent, _ = cpu_by_kind(["sleep", "1.5"], [("burner", "cpu-test-burner"), *KINDS])
    outside.join()
    assert spent["burner"] == 0, spent


def test_a_process_gone_between_listing_and_reading_is_skipped():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    gone = psutil.Process(child.pid)
    child.wait()

    class Root(psutil.Process):
        def children(self, recursive=False):
            return [gone]
    seen = {}
    _sample(seen, Root())
    assert [command for command, _ in seen.values()] == [" ".join(psutil.Process().cmdline())]
