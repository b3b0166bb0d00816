"""Build the site once per test run, shared by every xdist worker."""
import fcntl
import subprocess
import sys
from pathlib import Path


def build_once(shared_tmp: Path) -> Path:
    """`mkdocs build --strict` into shared_tmp/site; the first worker builds, others wait."""
    site_dir, done = shared_tmp / "site", shared_tmp / "site.built"
    with open(shared_tmp / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            env = {**_quiet_env(), "MKDOCS_JUPYTER_CACHE": str(shared_tmp / "jupyter-cache")}
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site_dir],
                capture_output=True, text=True, env=env)
            if result.returncode:
                raise AssertionError(f"mkdocs build --strict failed:\n{result.stderr}")
            done.write_text(result.stderr)
    return site_dir


def _quiet_env() -> dict:
    import os
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
