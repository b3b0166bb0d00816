"""Budgets of the site, measured (run by scripts/benchmark-site; not a timed test).

Per page, on a cold cache: bytes transferred (headers and bodies, search index and its
language files included) and DOMContentLoaded, the median of a few loads. Then the strict
build time and, with --suite, the wall time of the whole scripts/test.
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SitePage, site_pages
from tests.browser.reader import Visit, settle
from tests.browser.server import serve
from tools import site

PAGE_BYTES, DCL_MS, BUILD_S, SUITE_S = 600_000, 300, 10, 90
DCL = """() => { const n = performance.getEntriesByType('navigation')[0];
                 return n.domContentLoadedEventEnd - n.startTime; }"""


def build(site_dir: Path) -> float:
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir",
                    str(site_dir)], check=True, env={**__import__("os").environ,
                                                     "NO_MKDOCS_2_WARNING": "1"})
    return time.monotonic() - start


def measure(browser, base: str, page: SitePage, loads: int) -> tuple[int, float]:
    """(bytes transferred on a cold first load, median DOMContentLoaded in ms)."""
    sizes, dcl = [], []
    for _ in range(loads):
        context = browser.new_context()          # cold cache every time
        tab = context.new_page()
        visit, responses = Visit(base + page.path, 0), []
        tab.on("request", lambda r: visit.in_flight.add(r))
        tab.on("requestfinished", lambda r: (visit.in_flight.discard(r), responses.append(r)))
        tab.on("requestfailed", lambda r: visit.in_flight.discard(r))
        tab.goto(visit.url, wait_until="load")
        settle(tab, visit)
        dcl.append(tab.evaluate(DCL))
        sizes.append(sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                         for r in responses))
        context.close()
    return sizes[0], statistics.median(dcl)


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", action="store_true", help="also time the whole scripts/test")
    parser.add_argument("--loads", type=int, default=3, help="loads per page for the median")
    args = parser.parse_args()
    missed = 0
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        build_s = build(Path(tmp) / "site")
        print(f"{'page':<48} {'bytes':>9} {'DCL ms':>7}")
        with serve(Path(tmp) / "site", site.config()["site_url"]) as base, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for page in site_pages():
                size, dcl = measure(browser, base, page, args.loads)
                ok = size <= PAGE_BYTES and dcl < DCL_MS
                missed += not ok
                print(f"/{page.path:<47} {size:>9,} {dcl:>7.0f}  {mark(ok)}")
            browser.close()
    print(f"strict build of {len(site.languages())} languages: {build_s:.1f} s "
          f"(budget < {BUILD_S} s) {mark(build_s < BUILD_S)}")
    missed += build_s >= BUILD_S
    if args.suite:
        start = time.monotonic()
        result = subprocess.run(["scripts/test", "-q"], capture_output=True, text=True)
        suite_s = time.monotonic() - start
        tail = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
        print(f"scripts/test: {suite_s:.1f} s (budget <= {SUITE_S} s) {mark(suite_s <= SUITE_S)}"
              f"; exit {result.returncode}: {tail}")
        missed += suite_s > SUITE_S
    print(f"budgets: each page <= {PAGE_BYTES:,} bytes, DOMContentLoaded < {DCL_MS} ms; "
          f"{missed} missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
