"""Where a command's CPU time goes, by kind of process (scripts/benchmark-site --suite prints it).

The suite is CPU-bound on two cores, so its wall time follows its CPU seconds; this says which
part of the suite spends them. psutil samples every process of the machine a few times a
second; a process that lives less than a sample's interval is missed, so the kinds add up to a
little less than the whole.
"""
import re
import subprocess
import threading
from collections import Counter

import psutil

# (kind, pattern of the command line), first match wins
KINDS = [
    ("Chromium and Playwright (browser tests)", r"chrom|playwright/driver"),
    ("Milvus standalone", r"milvus run standalone"),
    ("Milvus Lite", r"milvus[-_]lite|milvus_lite"),
    ("Jupyter kernels (notebooks)", r"ipykernel"),
    ("site builds (mkdocs)", r"mkdocs"),
    ("page scripts and test modules", r"snippets/|--rootdir"),
    ("pytest and its workers", r"pytest|execnet|exec\(eval\(sys\.stdin"),
    ("pip (shell blocks, matrix)", r"\bpip\b"),
]


def kind(command: str) -> str:
    return next((name for name, pattern in KINDS if re.search(pattern, command)), "other")


def _sample(seen: dict, first: dict, started: bool):
    for process in psutil.process_iter(["cmdline", "name", "cpu_times", "create_time"]):
        info = process.info
        if not info["cpu_times"]:
            continue
        key = (process.pid, info["create_time"])
        spent = info["cpu_times"].user + info["cpu_times"].system
        first.setdefault(key, spent if not started else 0.0)   # what it had spent before
        # an exited process (a zombie until reaped) has no command line left: keep the last one
        command = " ".join(info["cmdline"] or []) or seen.get(key, (info["name"] or "",))[0]
        seen[key] = (command, spent - first[key])


def cpu_by_kind(command: list[str], interval: float = 0.25) -> tuple[subprocess.CompletedProcess, Counter]:
    """Run the command; its result and the CPU seconds every process spent meanwhile, by kind."""
    seen, first, done = {}, {}, threading.Event()
    _sample(seen, first, started=False)

    def sample():
        while not done.wait(interval):
            _sample(seen, first, started=True)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    result = subprocess.run(command, capture_output=True, text=True)
    done.set()
    sampler.join()
    spent = Counter()
    for line, seconds in seen.values():
        spent[kind(line)] += seconds
    return result, spent


def report(spent: Counter) -> str:
    lines = [f"  {seconds:6.1f} CPU-s  {name}" for name, seconds in spent.most_common() if seconds >= 0.5]
    return "\n".join([f"CPU seconds by kind of process, {sum(spent.values()):.0f} in all:", *lines])
