"""Where documented code runs: Milvus Lite, a `milvus-lite server`, Milvus standalone, any Milvus.

A backend gives the environment (MILVUS_URI, MILVUS_TOKEN) the pages' code reads; its engine
says what answers there (Milvus Lite or a Milvus server, and which version), read from the
server itself, so that each fact is held to what that engine does.
"""
import os
import socket
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.version import Version

SERVER_START_TIMEOUT = 30


def _installed(name: str) -> str:
    """A package's version; "absent" where it is not installed (the matrix's venvs, without
    the Milvus standalone build: tests/matrix/run.py runs only the "lite" backend there)."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


LITE_VERSION = _installed("milvus-lite")
SERVER_VERSION = _installed("milvus")     # the Milvus standalone build the suite runs
# backend name -> test id (known before anything starts, so that ids name the versions)
BACKEND_IDS = {"lite": f"lite-{LITE_VERSION}", "lite-server": f"lite-server-{LITE_VERSION}",
               "milvus-server": f"milvus-{SERVER_VERSION}", "external": "external"}

# Every test on the suite's Milvus standalone server runs in this xdist group, so on one
# worker: one server per run instead of one per worker (each idles at about 0.03 CPU-s a
# second), and those tests, which mostly wait for the server, overlap with the other workers'
# CPU work. tests/conftest.py refuses a test on the server outside it.
SERVER_GROUP = "milvus-server"


def environ_for_lite() -> dict[str, str]:
    """This process's environment without MILVUS_URI/MILVUS_TOKEN: code then uses Milvus Lite."""
    return {k: v for k, v in os.environ.items() if k not in ("MILVUS_URI", "MILVUS_TOKEN")}


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Engine:
    kind: str        # "lite" (Milvus Lite, embedded or `milvus-lite server`) or "server"
    version: str     # Milvus Lite's version for "lite", Milvus' for "server"

    @property
    def label(self) -> str:
        return f"Milvus Lite {self.version}" if self.kind == "lite" else f"Milvus {self.version}"

    def older_than(self, needed: str) -> bool:
        """True on a Milvus server older than `needed` (Milvus Lite has every feature it has)."""
        return self.kind == "server" and Version(self.version) < Version(needed)


def engine_from_version(answer: str) -> Engine:
    """What get_server_version() answers: "milvus_lite-3.2.2", "v2.3.5-lite", "v2.6.1"..."""
    if answer.startswith("milvus_lite-"):
        return Engine("lite", answer.removeprefix("milvus_lite-"))
    return Engine("server", answer.lstrip("v").split("-")[0])


def detect(uri: str, token: str = "") -> Engine:
    from pymilvus import MilvusClient
    client = MilvusClient(uri=uri, token=token)
    try:
        return engine_from_version(client.get_server_version())
    finally:
        client.close()


class LiteServer:
    """A `milvus-lite server` process on a free 127.0.0.1 port, stopped by stop()."""

    def __init__(self, data_dir: Path):
        self.port = free_port()
        self.log = data_dir.parent / f"milvus-lite-server-{self.port}.log"
        cli = Path(sys.executable).with_name("milvus-lite")
        self.process = subprocess.Popen(
            [cli, "server", "--data-dir", data_dir, "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_listening(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"milvus-lite server exited early:\n{self.log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"milvus-lite server not listening after {SERVER_START_TIMEOUT} s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Backend:
    """One place the pages' code runs; `server_uri` is the suite's Milvus server (milvus-server)."""

    def __init__(self, name: str, tmp: Path, server_uri: str | None = None):
        self.name, self.server = name, None
        if name == "lite":
            self.uri = None  # the code's own default: a Milvus Lite folder in the working dir
            self.engine = Engine("lite", LITE_VERSION)
        elif name == "lite-server":
            self.server = LiteServer(tmp / "server.db")
            self.uri, self.engine = self.server.uri, Engine("lite", LITE_VERSION)
        elif name == "milvus-server":
            self.uri, self.engine = server_uri, Engine("server", SERVER_VERSION)
        elif name == "external":
            self.uri = os.environ["MILVUS_URI"]   # the tests add it only when set
            self.engine = detect(self.uri, os.environ.get("MILVUS_TOKEN", ""))
        else:
            raise ValueError(f"unknown backend {name!r}")

    @property
    def env(self) -> dict:
        """Variables to set for the code; None unsets one."""
        token = os.environ.get("MILVUS_TOKEN") if self.name == "external" else None
        return {"MILVUS_URI": self.uri, "MILVUS_TOKEN": token}

    def close(self):
        if self.server:
            self.server.stop()
