"""Lighthouse's scores of every page of the built site, next to the theme's floor.

Lighthouse (mobile profile, pinned in package-lock.json) reads each page served
gzip-compressed like a real static host, and an empty Material page built with the same theme
settings: the theme's floor, measured in the same run.

Run by scripts/benchmark-site --lighthouse. Prints the four scores and the largest contentful
paint per page; a page's performance should be within 2 points of the floor, the other
categories 100.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from tests.browser.reader import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.browser.server import serve
from tools import config

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url: str) -> dict:
    """Lighthouse's four scores (0-100) and the largest contentful paint (ms) of one page."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, timeout=300)
    if result.returncode:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    found = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    found["lcp"] = round(report["audits"]["largest-contentful-paint"]["numericValue"])
    return found


def theme_floor(tmp: Path) -> Path:
    """An empty page built with the site's theme settings (language, palette, features)."""
    theme = {k: v for k, v in config.mkdocs_config()["theme"].items() if k != "custom_dir"}
    project = tmp / "floor"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# An empty page\n\nOne paragraph of text.\n")
    floor = {"site_name": "Floor", "site_url": "http://127.0.0.1/", "theme": theme, "plugins": ["search"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(floor))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return project / "site"


def report(site_dir: Path, site_url: str, paths: list[str]) -> int:
    """Print the table; return how many pages miss the goal."""
    missed = 0
    print(f"{'page':<40} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'LCP ms':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        with serve(theme_floor(Path(tmp)), "http://127.0.0.1/", compress=True) as base:
            floor = scores(base)
        print(f"{'(empty Material page: the floor)':<40} " + _row(floor))
        with serve(site_dir, site_url, compress=True) as base:
            for path in paths:
                found = scores(base + path)
                ok = found["performance"] >= floor["performance"] - 2 and \
                    all(found[c] == 100 for c in CATEGORIES[1:])
                missed += not ok
                print(f"/{path:<39} {_row(found)}  {'ok' if ok else 'MISSED'}")
    return missed


def _row(found: dict) -> str:
    return " ".join(f"{found[c]:>5}" for c in CATEGORIES) + f" {found['lcp']:>7}"
