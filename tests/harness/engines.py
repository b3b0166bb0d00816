"""Where the documented code runs: Milvus Lite in a file, a `milvus-lite server`, or any Milvus."""
import os
import socket
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

SERVER_START_TIMEOUT = 30


def environ_for_lite() -> dict[str, str]:
    """This process's environment without MILVUS_URI/MILVUS_TOKEN: code then uses Milvus Lite."""
    return {k: v for k, v in os.environ.items() if k not in ("MILVUS_URI", "MILVUS_TOKEN")}


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    """Gives the environment (MILVUS_URI, MILVUS_TOKEN) that documented code reads."""

    def __init__(self, name: str, tmp: Path):
        self.name, self.server = name, None
        if name == "lite":
            self.uri = None  # the code's own default: a Milvus Lite folder in the working dir
        elif name == "lite-server":
            self.server = LiteServer(tmp / "server.db")
            self.uri = self.server.uri
        elif name == "external":
            self.uri = os.environ["MILVUS_URI"]  # tests/test_steps.py adds it only when set
        else:
            raise ValueError(f"unknown backend {name!r}")

    @property
    def env(self) -> dict:
        """Variables to set for the code; None unsets one."""
        token = os.environ.get("MILVUS_TOKEN") if self.name == "external" else None
        return {"MILVUS_URI": self.uri, "MILVUS_TOKEN": token}

    @property
    def is_lite(self) -> bool:
        return self.name != "external"

    def close(self):
        if self.server:
            self.server.stop()
