"""mkdocs-jupyter's render cache survives static-i18n's one build per language.

The shared build of the run (tests/site_build.py, MKDOCS_JUPYTER_CACHE=<shared>/jupyter-cache)
is the first, cold build; this test makes the second.
"""
import os
import re
import subprocess
import sys

from tests.site_build import ROOT
from tools import site


def test_second_build_renders_no_notebook(built_site, tmp_path):
    cache = built_site.parent / "jupyter-cache"
    notebooks = {lang: sorted((ROOT / "notebooks" / lang).glob("*.ipynb"))
                 for lang in site.languages()}
    assert sum(map(len, notebooks.values())) == 10
    for lang, paths in notebooks.items():   # each language keeps its own entries
        assert len(list((cache / lang).glob("*.json"))) == len(paths), lang
    entries = {p: p.stat().st_mtime_ns for p in cache.rglob("*.json")}

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "--site-dir", tmp_path],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MKDOCS_JUPYTER_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr
    assert "Cache miss" not in result.stderr
    hits = {os.path.realpath(p) for p in re.findall(r"Cache hit: (\S+)", result.stderr)}
    assert hits == {str(p.resolve()) for paths in notebooks.values() for p in paths}
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.json")} == entries
