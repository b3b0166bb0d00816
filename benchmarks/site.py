"""Budgets of the site, measured (run by scripts/benchmark-site; not a timed test).

Per page, on a cold cache: bytes transferred (headers and bodies, search index and its
language files included), DOMContentLoaded and first contentful paint, the medians of a few
loads. Then the strict build time, cold and warm, and with --suite the wall time of the whole
scripts/test and its CPU seconds by kind of process (benchmarks/cpu.py).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.site_pages import SitePage, site_pages
from tests.browser.reader import CHROMIUM, CHROMIUM_ARGS, Visit, settle
from tests.browser.server import serve
from benchmarks import cpu, lighthouse
from tools import config

PAGE_BYTES, DCL_MS, BUILD_S, SUITE_S = 600_000, 300, 10, 90
# DOMContentLoaded (Material's bundle runs before it) and first contentful paint, in ms
TIMES = """() => { const n = performance.getEntriesByType('navigation')[0];
                   const paint = performance.getEntriesByName('first-contentful-paint')[0];
                   return [n.domContentLoadedEventEnd - n.startTime, paint ? paint.startTime : -1]; }"""


def build(site_dir: Path, cache: Path) -> float:
    """Seconds of one strict build; cold when `cache` (mkdocs-jupyter's) is empty."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir",
                    str(site_dir)], check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MKDOCS_JUPYTER_CACHE": str(cache)})
    return time.monotonic() - start


def measure(browser, base: str, page: SitePage, loads: int) -> tuple[int, float, float]:
    """(bytes transferred on a cold first load, median DOMContentLoaded and first
    contentful paint in ms)."""
    sizes, dcl, fcp = [], [], []
    for _ in range(loads):
        context = browser.new_context()          # cold cache every time
        tab = context.new_page()
        visit, responses = Visit(base + page.path, 0), []
        tab.on("request", lambda r: visit.in_flight.add(r))
        tab.on("requestfinished", lambda r: (visit.in_flight.discard(r), responses.append(r)))
        tab.on("requestfailed", lambda r: visit.in_flight.discard(r))
        tab.goto(visit.url, wait_until="load")
        settle(tab, visit)
        loaded, painted = tab.evaluate(TIMES)
        dcl.append(loaded)
        fcp.append(painted)
        sizes.append(sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                         for r in responses))
        context.close()
    return sizes[0], statistics.median(dcl), statistics.median(fcp)


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def pages_report(site_dir: Path, loads: int) -> int:
    """Print each page's bytes, DOMContentLoaded and first paint; the number of misses."""
    from playwright.sync_api import sync_playwright
    missed = 0
    print(f"{'page':<48} {'bytes':>9} {'DCL ms':>7} {'FCP ms':>7}")
    with serve(site_dir, config.site_url()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for page in site_pages():
            size, dcl, fcp = measure(browser, base, page, loads)
            ok = size <= PAGE_BYTES and dcl < DCL_MS
            missed += not ok
            print(f"/{page.path:<47} {size:>9,} {dcl:>7.0f} {fcp:>7.0f}  {mark(ok)}")
        browser.close()
    return missed


def builds_report(tmp: Path) -> int:
    """Print a cold build (empty notebook cache) and a warm one (cache kept); 1 if missed."""
    cold = build(tmp / "cold", tmp / "cache")
    warm = build(tmp / "warm", tmp / "cache")
    langs = len(config.languages())
    print(f"strict build of {langs} languages, cold: {cold:.1f} s, warm: {warm:.1f} s "
          f"(budget < {BUILD_S} s) {mark(cold < BUILD_S and warm < BUILD_S)}")
    return int(cold >= BUILD_S or warm >= BUILD_S)


def suite_report() -> int:
    start = time.monotonic()
    result, spent, waited_for = cpu.cpu_by_kind(["scripts/test", "-q"])
    suite_s = time.monotonic() - start
    tail = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"scripts/test: {suite_s:.1f} s (budget <= {SUITE_S} s) {mark(suite_s <= SUITE_S)}"
          f"; exit {result.returncode}: {tail}")
    print(cpu.report(spent, waited_for))
    return int(suite_s > SUITE_S)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", action="store_true", help="also time the whole scripts/test")
    parser.add_argument("--loads", type=int, default=3, help="loads per page for the median")
    parser.add_argument("--lighthouse", action="store_true",
                        help="also Lighthouse's scores per page, next to an empty Material page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        missed = builds_report(Path(tmp))
        missed += pages_report(Path(tmp) / "cold", args.loads)
        if args.lighthouse:
            missed += lighthouse.report(Path(tmp) / "cold", config.site_url(), [p.path for p in site_pages()])
    if args.suite:
        missed += suite_report()
    print(f"budgets: each page <= {PAGE_BYTES:,} bytes, DOMContentLoaded < {DCL_MS} ms; "
          f"{missed} missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
