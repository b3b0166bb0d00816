"""Every shell command a page shows runs here, as a reader would type it, in an empty folder.

A few things cannot run as typed, and each is rewritten in one visible way (REWRITES, named
in the failure message): `pip install` resolves against the package index without
installing, a Milvus address on localhost:19530 becomes a `milvus-lite server` of the suite
(the commands' behaviour on a real server is what tests/facts proves), a server command runs
in the background until the block's other commands are done, and the benchmark runs at a
small size. Translations show the same blocks (tests/translations).
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.engines import environ_for_lite, free_port
from tools import pages

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = str(Path(sys.executable).parent)
TIMEOUT = 300
BLOCKS = list({b.body: b for p in pages.source_pages() for b in p.shell_blocks}.values())

REWRITES = [
    # (what a reader types, what runs here, why)
    (re.compile(r"\bpip install\b"), "pip install --dry-run --quiet --disable-pip-version-check",
     "resolved against the package index, not installed"),
    (re.compile(r"(?m)^(milvus-lite server .*)$"), r"\1 --port $LITE_PORT & SERVER=$!; wait_for $LITE_PORT",
     "the server runs in the background, on a free port, until the block is done"),
    (re.compile(r"http://(localhost|127\.0\.0\.1):19530"), "$MILVUS_SERVER_URI",
     "a milvus-lite server of the suite stands in for a Milvus server on the default port"),
    (re.compile(r"(?m)^(python \S*benchmark\S*\.py.*)$"), r"\1 --rows 300 --batch 100 --searches 6 --repeat 1",
     "the benchmark runs at a small size"),
]
DOWNLOAD = re.compile(r"\]\((?P<path>(?:\.\./)+assets/downloads/[^)]+)\)")
PRELUDE = """set -euo pipefail
wait_for() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; return 1; }
trap '[ -n "${SERVER:-}" ] && kill $SERVER' EXIT
"""
CONNECT = ('\npython -c "import os, pymilvus; pymilvus.MilvusClient(uri=os.environ[\'MILVUS_URI\'], '
           'token=os.environ.get(\'MILVUS_TOKEN\', \'\')).list_collections()"\n')


def runnable(body: str) -> tuple[str, list[str]]:
    """The script that runs here for a block, and the rewrites applied to it."""
    applied = []
    for pattern, replacement, why in REWRITES:
        if pattern.search(body):
            body = pattern.sub(replacement, body)
            applied.append(why)
    if "export MILVUS_URI=" in body:
        body += CONNECT
        applied.append("after the exports, a client connects with them")
    return PRELUDE + body.replace("scripts/", f"{ROOT}/scripts/"), applied


def download_files(block, folder: Path):
    """The files the page offers for download, where a reader saves them: the current folder."""
    page = pages.read(block.page)
    for link in DOWNLOAD.finditer(page.text):
        shutil.copy(Path(block.page).parent / link["path"], folder)


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.page}:{b.line}" for b in BLOCKS])
def test_shell_block_runs(block, tmp_path, lite_server):
    script, applied = runnable(block.body)
    download_files(block, tmp_path)
    env = {**environ_for_lite(), "PATH": f"{VENV_BIN}:{os.environ['PATH']}",
           "MILVUS_SERVER_URI": lite_server, "LITE_PORT": str(free_port())}
    try:
        result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{block.where}: the shell block did not finish within {TIMEOUT} s")
    assert result.returncode == 0, (
        f"{block.where}: the shell block failed (exit {result.returncode})"
        f"{' after these rewrites: ' + '; '.join(applied) if applied else ''}:\n{block.body}\n"
        f"{result.stderr[-2000:]}")
