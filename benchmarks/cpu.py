"""Where a command's CPU time goes, by kind of process (scripts/benchmark-site --suite prints it).

The suite is CPU-bound on two cores, so its wall time follows its CPU seconds; this says which
part of the suite spends them. getrusage gives the exact CPU time of the processes the command
waited for (not of one whose parent left without waiting). The split is sampled: psutil looks
at the command's process and its descendants a few times a second, so a process that lives
less than an interval is missed, and so is what a process spends after its last sample (or
after it left the tree, its parent gone); the report shows at least that remainder as "not
sampled". Other processes are not counted, but they compete for the cores: measure on an
otherwise idle machine.
"""
import re
import resource
import subprocess
import threading
from collections import Counter

import psutil

# (kind, pattern of the command line), first match wins
KINDS = [
    ("Chromium and Playwright (browser tests)", r"chrom|playwright/driver"),
    ("pip (shell blocks, matrix)", r"\bpip\b"),
    ("Milvus standalone", r"milvus run standalone"),
    ("milvus-lite servers", r"milvus-lite server"),
    ("Jupyter kernels (notebooks, with embedded Milvus Lite)", r"ipykernel"),
    ("site builds (mkdocs)", r"mkdocs"),
    ("page scripts and test modules (with embedded Milvus Lite)", r"snippets/|--rootdir"),
    ("pytest and its workers", r"pytest|execnet|exec\(eval\(sys\.stdin"),
]


def kind(command: str, kinds=KINDS) -> str:
    return next((name for name, pattern in kinds if re.search(pattern, command)), "other")


def _sample(seen: dict, root: psutil.Process):
    try:
        tree = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in tree:
        try:
            info = process.as_dict(["cmdline", "name", "cpu_times", "create_time"])
        except psutil.NoSuchProcess:   # gone since the tree was listed
            continue
        if not info["cpu_times"]:
            continue
        key = (process.pid, info["create_time"])
        # an exited process (a zombie until reaped) has no command line left: keep the last one
        command = " ".join(info["cmdline"] or []) or seen.get(key, (info["name"] or "",))[0]
        seen[key] = (command, info["cpu_times"].user + info["cpu_times"].system)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_by_kind(command: list[str], kinds=KINDS, interval: float = 0.25):
    """Run the command: its result, the CPU seconds its processes spent by kind (plus what the
    samples missed), and the exact CPU seconds of the processes it waited for."""
    seen, done, before = {}, threading.Event(), _children_cpu()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(child.pid)

    def sample():
        _sample(seen, root)
        while not done.wait(interval):
            _sample(seen, root)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    done.set()
    sampler.join()
    spent = Counter()
    for line, seconds in seen.values():
        spent[kind(line, kinds)] += seconds
    waited_for = _children_cpu() - before
    spent["not sampled (short-lived processes)"] = max(0.0, waited_for - sum(spent.values()))
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr), spent, waited_for


def report(spent: Counter, waited_for: float) -> str:
    lines = [f"  {seconds:6.1f} CPU-s  {name}" for name, seconds in spent.most_common() if seconds >= 0.5]
    return "\n".join([f"CPU seconds by kind of process, {sum(spent.values()):.0f} in all "
                      f"({waited_for:.0f} spent by the processes it waited for; the others, such as "
                      f"a browser its driver left, are only sampled):", *lines])
