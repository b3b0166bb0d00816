"""Build the site once per test run, shared by every xdist worker.

The build starts in the background as soon as a worker has collected a test that needs it,
so its ~10 s overlap with the tests that don't.
"""
import fcntl
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"   # what the tests leave for a person: screenshots, reports
# The suite builds the site as a host would: on a public address (served locally under its
# path), with a repository configured (edit and Colab links); tests/site/test_publish.py
# builds it again without one.
PUBLIC_URL = "https://docs.example.org/milvus/"
REPOSITORY = "https://github.com/example/milvus-docs-tested"


BACKGROUND: list[subprocess.Popen] = []   # kept, so that no running build is garbage-collected


def shared_tmp(config) -> Path:
    """The run's base temporary folder, the same for every xdist worker."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def start_in_background(shared: Path):
    """Begin build_once(shared) in a child process; the first caller of the run starts it."""
    try:
        open(shared / "site.started", "x").close()
    except FileExistsError:
        return
    # a failed background build leaves no site.built: build_once() then reports the error
    BACKGROUND.append(subprocess.Popen([sys.executable, "-m", "tests.site.build", str(shared)], cwd=ROOT,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))


def build_once(shared: Path) -> Path:
    """`mkdocs build --strict` into shared/site; the first process builds, others wait."""
    site_dir, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            # every language, whatever LANGUAGES a person's shell holds for a quick preview
            env = {**{k: v for k, v in os.environ.items() if k != "LANGUAGES"}, "NO_MKDOCS_2_WARNING": "1",
                   "REPO_URL": REPOSITORY, "MKDOCS_JUPYTER_CACHE": str(shared / "jupyter-cache")}
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
                capture_output=True, text=True, env=env, cwd=ROOT)
            if result.returncode:
                raise AssertionError(f"mkdocs build --strict failed:\n{result.stderr}")
            done.write_text(result.stderr)
    return site_dir


if __name__ == "__main__":
    try:
        build_once(Path(sys.argv[1]))
    except AssertionError:
        sys.exit(1)
