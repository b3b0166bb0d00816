"""A real Milvus standalone server (PyPI `milvus==2.3.5`) on 127.0.0.1, for the tests.

The wheel ships Milvus 2.3.5 standalone (embedded etcd, local storage) as .lzma binaries and a
config template. Its own launcher (`milvus-server`) cannot run two servers at once (the
embedded etcd keeps 2379/2380, a second server dies and the launcher waits 180 s), so this
module runs the binary itself:

- the binaries are unpacked once into MILVUS_SERVER_CACHE (~/.cache/milvus-server/2.3.5);
- every port (gRPC, internal, etcd client and peer, metrics) is a free one, so servers of
  other runs (a benchmark, a second checkout) do not collide;
- `queryNode.gracefulStopTimeout` is 1 s (the default keeps it alive for minutes after SIGTERM
  once a collection has existed); stop() kills it 3 s after SIGTERM, and `setpriv --pdeathsig
  KILL` kills it if the thread that started it ends first;
- stop() removes the data folder and the files Milvus leaves in /tmp/milvus and /run/milvus.

A clean stop still logs "panic: context canceled" and exits with SIGABRT: not a failure.
Loading a collection with a sparse vector field crashes Milvus 2.3.5 (`running` turns False).
"""
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

try:
    import milvus  # the PyPI package "milvus==2.3.5": binaries and config template
except ImportError:   # tests/matrix/run.py's venvs: only Milvus Lite, no server is started
    milvus = None

HOST = "127.0.0.1"
# Placeholders of milvus/data/config.yaml.template that are ports.
_PORT_KEYS = ("root_coord_port", "proxy_port", "proxy_internal_port", "query_coord_port",
              "query_node_port", "index_coord_port", "index_node_port", "data_coord_port",
              "data_node_port", "etcd_port")


def _free_ports(count: int) -> list[int]:
    """Return `count` distinct ports that are free on HOST right now."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind((HOST, 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _unpack_binaries(cache: Path) -> Path:
    """Unpack the binaries shipped in the wheel into cache/bin (once; locked for parallel runs)."""
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        milvus._initialize_data_files(str(cache))  # skips files whose md5 already matches
    return cache / "bin"


class MilvusServer:
    """One Milvus 2.3.5 standalone process listening on 127.0.0.1 with free ports.

    data_dir: folder for config, logs and data; created at start, deleted at stop.
    timeout: seconds to wait for the server to answer: 2-3 s usually, plus 5-15 s
        the first time, when the binaries are unpacked.
    """

    def __init__(self, data_dir: str | os.PathLike, timeout: float = 120.0):
        self.data_dir = Path(data_dir).resolve()
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.port = self.metrics_port = 0
        self.alias = ""

    @property
    def uri(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        """False once the process has exited: Milvus 2.3.5 aborts (SIGABRT), for example,
        when it loads a collection that has a SPARSE_FLOAT_VECTOR field."""
        return self.proc is not None and self.proc.poll() is None

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "milvus.log"

    @property
    def version(self) -> str:
        from pymilvus import MilvusClient
        client = MilvusClient(uri=self.uri)
        try:
            return client.get_server_version()
        finally:
            client.close()

    def start(self) -> "MilvusServer":
        if self.proc:
            raise RuntimeError("server already started")
        cache = Path(os.environ.get("MILVUS_SERVER_CACHE",
                                    Path.home() / ".cache" / "milvus-server" / milvus.__version__))
        bin_dir = _unpack_binaries(cache)
        if self.data_dir.exists() and any(self.data_dir.iterdir()):
            raise RuntimeError(f"data_dir {self.data_dir} is not empty (it is deleted at stop)")
        conf, logs, data = (self.data_dir / d for d in ("configs", "logs", "data"))
        for d in (conf, logs, data):
            d.mkdir(parents=True, exist_ok=True)

        *ports, etcd_peer, self.metrics_port = _free_ports(len(_PORT_KEYS) + 2)
        values = dict(zip(_PORT_KEYS, ports))
        self.port, etcd_port = values["proxy_port"], values["etcd_port"]
        values.update(
            etcd_data_dir=data / "etcd.data", local_storage_dir=data,
            rocksmq_data_dir=data / "rocksmq", system_log_path=logs,
            etcd_log_path=logs / "etcd.log")
        self.alias = f"{os.getpid()}-{self.port}"

        # Embedded etcd listens on 2379/2380 unless given an etcd config file.
        etcd_url, peer_url = f"http://{HOST}:{etcd_port}", f"http://{HOST}:{etcd_peer}"
        (conf / "embedEtcd.yaml").write_text(
            f"listen-client-urls: {etcd_url}\nadvertise-client-urls: {etcd_url}\n"
            f"listen-peer-urls: {peer_url}\ninitial-advertise-peer-urls: {peer_url}\n"
            f"initial-cluster: default={peer_url}\n")
        template = (Path(milvus.__file__).parent / "data" / "config.yaml.template").read_text()
        # Fill "{{ key(type): default }}" placeholders; every one has a value above or a default.
        def fill(m):
            key, _, default = m.group(1).partition(":")
            key = key.split("(")[0].strip()
            return str(values.get(key, default.strip()))
        text = re.sub(r"\{\{(.*?)\}\}", fill, template)
        text = re.sub(r"(?m)^(\s+)ip:\s*(#.*)?$", rf"\1ip: {HOST}", text)  # advertise 127.0.0.1
        text = text.replace("\netcd:\n", f"\netcd:\n  config:\n    path: {conf / 'embedEtcd.yaml'}\n", 1)
        # Once a collection exists, the query node waits this long (default 30 s) at SIGTERM.
        text = text.replace("\nqueryNode:\n", "\nqueryNode:\n  gracefulStopTimeout: 1\n", 1)
        # The query coordinator checks every 1 s and pulls the distribution every 0.5 s: every
        # 0.1 s, a release takes 0.2 s instead of 1 s (a load still takes 1.5-2.5 s).
        text = re.sub(r"(?m)^(queryCoord:\n(?:  .*\n)*?)  checkInterval: \d+", r"\1  checkInterval: 100", text, 1)
        text = re.sub(r"(?m)^(queryCoord:\n(?:  .*\n)*?)  distPullInterval: \d+", r"\1  distPullInterval: 100", text, 1)
        (conf / "milvus.yaml").write_text(text)
        shutil.copy(Path(milvus.__file__).parent / "data" / "glog.conf", conf)  # required by knowhere

        env = dict(os.environ, DEPLOY_MODE="STANDALONE", METRICS_PORT=str(self.metrics_port),
                   MILVUSCONF=f"{conf}/",
                   LD_LIBRARY_PATH=f"{bin_dir}:{os.environ.get('LD_LIBRARY_PATH', '')}")
        cmd = [str(bin_dir / "milvus"), "run", "standalone", "--alias", self.alias]
        if shutil.which("setpriv"):  # util-linux: SIGTERM to Milvus if this process dies first
            cmd = ["setpriv", "--pdeathsig", "KILL", "--", *cmd]
        with open(self.log_file, "wb") as log:   # noqa: SIM115 (the process keeps writing it)
            self.proc = subprocess.Popen(
                cmd,
                cwd=self.data_dir, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the terminal does not reach it; stop() does
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop(keep_data=True)  # keep the log for the error message, then delete
            shutil.rmtree(self.data_dir, ignore_errors=True)
            raise
        return self

    def _wait_ready(self) -> None:
        """Poll the health endpoint, then a gRPC call; fail with the log if it exits or hangs."""
        from pymilvus import MilvusClient
        deadline = time.monotonic() + self.timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"milvus exited with code {self.proc.returncode} during startup:\n"
                                   + self._log_tail())
            if time.monotonic() > deadline:
                raise TimeoutError(f"milvus did not answer within {self.timeout} s:\n" + self._log_tail())
            try:
                url = f"http://{HOST}:{self.metrics_port}/healthz"
                with urllib.request.urlopen(url, timeout=2) as r:
                    if b"OK" in r.read():
                        client = MilvusClient(uri=self.uri, timeout=5)
                        client.list_collections()
                        client.close()
                        return
            except Exception:  # not up yet
                pass
            time.sleep(0.25)

    def _log_tail(self, lines: int = 60) -> str:
        try:
            tail = self.log_file.read_text(errors="replace").splitlines()[-lines:]
            return "\n".join(line[:300] for line in tail)
        except OSError as e:
            return f"(no log: {e})"

    def stop(self, keep_data: bool = False) -> None:
        """SIGTERM, SIGKILL after 3 s, then delete data_dir. Milvus exits within about 1 s,
        except after a collection was dropped: then it waits for SIGKILL (measured: it did not
        exit in 20 s). Its data is deleted anyway."""
        if self.proc:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            # Milvus leaves /tmp/milvus/server_id_<pid> even on a clean exit, and its
            # pid file (/run/milvus, or /tmp/milvus if /run is not writable) after SIGKILL.
            for leftover in (f"/tmp/milvus/server_id_{self.proc.pid}",
                             f"/run/milvus/standalone-{self.alias}.pid",
                             f"/tmp/milvus/standalone-{self.alias}.pid"):
                Path(leftover).unlink(missing_ok=True)
            for run_dir in ("/tmp/milvus", "/run/milvus"):  # created by Milvus; drop if empty
                try:
                    os.rmdir(run_dir)
                except OSError:
                    pass  # missing, or still used by another server
            self.proc = None
        if not keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self) -> "MilvusServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class SharedServer:
    """One Milvus server per test process, started in a thread by the first test that asks for
    it, and started again by the next one that asks after a request crashed it or stop(). The
    thread lives as long as the server: `setpriv --pdeathsig` kills the server if it ends."""

    def __init__(self):
        self.server: MilvusServer | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None
        self.ready, self.done = threading.Event(), threading.Event()
        self.stopping: list[threading.Thread] = []

    def start_in_background(self, folder: Path):
        if self.thread is None:
            self.ready.clear()
            self.done = threading.Event()   # the new server's own: an earlier one may be stopping
            self.thread = threading.Thread(target=self._serve, args=(folder, self.done), daemon=True)
            self.thread.start()

    def _serve(self, folder: Path, done: threading.Event):
        server = MilvusServer(Path(tempfile.mkdtemp(dir=folder, prefix="milvus-")) / "data")
        try:
            server.start()
            self.server = server
        except BaseException as error:   # re-raised by get(), in the test that needs it
            self.error = error
            return
        finally:
            self.ready.set()
        done.wait()
        server.stop()

    def get(self, folder: Path) -> MilvusServer:
        self.start_in_background(folder)
        self.ready.wait()
        if self.error:
            raise RuntimeError(f"the suite's Milvus server did not start: {self.error}")
        if not self.server.running:       # a request crashed it: the next test gets a new one
            self.stop()
            return self.get(folder)
        return self.server

    def stop(self, wait: bool = True):
        """Stop the server, if one runs (wait=False: it stops in the background, and the next
        stop() waits for it); a later get() starts a new one."""
        self.done.set()
        if self.thread:
            self.stopping.append(self.thread)
        self.thread = self.server = self.error = None
        while wait and self.stopping:
            self.stopping.pop().join(30)


SHARED = SharedServer()
