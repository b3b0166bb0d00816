"""A fresh clone holds every source file: .gitignore hides only what the tools generate.

A `site/` line once also hid `tests/site/`, so CI ran without seven of its test files while
every local run passed. This test fails where the hidden file exists, on the machine of the
person who wrote it (a clone cannot miss what it never got), for files in a folder git tracks;
an ignored top-level folder is taken to be generated output."""
import subprocess
from pathlib import Path

from tests.site.build import ROOT

CACHES = {"__pycache__", ".ipynb_checkpoints"}
# what a page's own command leaves when run in its folder (a Milvus Lite folder) is no source
SOURCE = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".json", ".ipynb", ".cjs", ".js", ".css", ".html", ""}


def _git(repo: Path, *args: str) -> list[str]:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def hidden_sources(repo: Path) -> list[str]:
    """Ignored files inside a folder that git tracks (a generated folder is ignored whole)."""
    tracked_folders = {p.split("/")[0] for p in _git(repo, "ls-files") if "/" in p}
    # the repository's own ignore files only, not the person's global one
    ignored = _git(repo, "-c", "core.excludesFile=/dev/null", "ls-files", "--others", "--ignored",
                   "--exclude-standard")
    return [p for p in ignored if p.split("/")[0] in tracked_folders and not CACHES & set(p.split("/"))
            and ".db/" not in p and Path(p).suffix in SOURCE]


def test_no_source_file_is_ignored():
    assert not hidden_sources(ROOT), "ignored by .gitignore, so missing from a clone and CI"


def test_an_unanchored_pattern_that_hides_a_test_folder_is_caught(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("site/\n__pycache__/\n*.db/\n")
    for name in ("tests/test_a.py", "tests/site/test_b.py", "tests/__pycache__/a.pyc", "site/index.html",
                 "tests/milvus_tutorial.db/LOCK"):   # a page's script run in its folder leaves this
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    _git(tmp_path, "add", ".")
    assert hidden_sources(tmp_path) == ["tests/site/test_b.py"]
