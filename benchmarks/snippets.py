"""How much the step harness costs: a page's steps under pytest vs the same code as one script.

Prints wall times (best of --repeat runs) of:
  script   the page's complete script, `python <file>`, on Milvus Lite in an empty folder
  steps    `pytest tests/test_steps.py` for that page on the embedded Lite backend only
  build    `mkdocs build --strict`
and, with --suite, the README's whole test command.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.harness.engines import BACKEND_IDS, environ_for_lite
from tools import pages

ROOT = Path(__file__).resolve().parents[1]


def wall(cmd, cwd=ROOT, env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def best(repeat, cmd, **kwargs) -> float:
    return min(wall(cmd, **kwargs) for _ in range(repeat))


def measure_page(page: pages.Page, repeat: int):
    script = ROOT / page.scripts[0].path
    env = environ_for_lite()
    with tempfile.TemporaryDirectory() as tmp:
        t_script = best(repeat, [sys.executable, script], cwd=tmp, env=env)
    t_steps = best(repeat, [sys.executable, "-m", "pytest", "tests/pages/test_steps.py", "-q",
                            "-n", "0", "-k", f"{BACKEND_IDS['lite']}:{page.name}:"], env=env)
    print(f"{page.path}\n  script {t_script:6.2f} s\n  steps  {t_steps:6.2f} s"
          f"\n  ratio  {t_steps / t_script:6.2f}  (target <= 1.3)")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--suite", action="store_true", help="also time scripts/test")
    args = parser.parse_args()
    for page in pages.source_pages():
        if page.scripts:
            measure_page(page, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        t_build = best(args.repeat, [sys.executable, "-m", "mkdocs", "build", "--strict",
                                     "--site-dir", tmp])
    print(f"strict site build {t_build:6.2f} s  (target < 10)")
    if args.suite:
        print(f"whole test command {wall(['scripts/test']):6.2f} s")


if __name__ == "__main__":
    main()
