"""The engines a fact runs on: `target` is one of them, named (with its version) in the test id.

Every test that takes `target` runs on Milvus Lite embedded in the test process, on a
`milvus-lite server`, on the suite's Milvus standalone server, and on MILVUS_URI when set
(whatever engine answers there). `@pytest.mark.engines("lite")` or `("server")` keeps a
fact to the engines it is about; the test then holds each engine to what it does.
"""
import os
from dataclasses import dataclass

import pytest

from tests.harness.engines import BACKEND_IDS, LITE_VERSION, SERVER_GROUP, SERVER_VERSION, Engine, detect

TARGETS = {"lite": Engine("lite", LITE_VERSION), "lite-server": Engine("lite", LITE_VERSION),
           "milvus-server": Engine("server", SERVER_VERSION)}


@dataclass(frozen=True)
class Target:
    name: str          # backend name
    uri: str
    token: str
    engine: Engine

    @property
    def where(self) -> str:
        return f"on {self.engine.label} ({self.name})"


def pytest_configure(config):
    config.addinivalue_line("markers", "engines(*kinds): the engine kinds ('lite', 'server') a fact is about")


def _targets() -> dict[str, Engine]:
    found = dict(TARGETS)
    if os.environ.get("MILVUS_URI"):
        found["external"] = detect(os.environ["MILVUS_URI"], os.environ.get("MILVUS_TOKEN", ""))
    return found


def pytest_generate_tests(metafunc):
    if "target" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("engines")
    kinds = set(marker.args) if marker else {"lite", "server"}
    names = [name for name, engine in _targets().items() if engine.kind in kinds]
    metafunc.parametrize("target", [
        pytest.param(n, id=BACKEND_IDS[n] if n != "external" else f"external-{_targets()[n].label}",
                     marks=[pytest.mark.xdist_group(SERVER_GROUP)] if n == "milvus-server" else [])
        for n in names], indirect=True)


@pytest.fixture
def target(request, tmp_path) -> Target:
    name = request.param
    if name == "lite":
        return Target(name, str(tmp_path / "facts.db"), "", TARGETS[name])
    if name == "lite-server":
        return Target(name, request.getfixturevalue("lite_server"), "", TARGETS[name])
    if name == "milvus-server":
        return Target(name, request.getfixturevalue("milvus_server_uri"), "", TARGETS[name])
    return Target(name, os.environ["MILVUS_URI"], os.environ.get("MILVUS_TOKEN", ""), _targets()[name])
