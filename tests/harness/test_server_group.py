"""Every test on the Milvus server is in its one xdist group: tests/conftest.py refuses to
run a suite where one is not (a UsageError at collection)."""
from dataclasses import dataclass, field

import pytest

from tests.conftest import outside_the_server_group
from tests.harness.engines import BACKEND_IDS, SERVER_GROUP


@dataclass
class Collected:
    nodeid: str
    groups: list[str] = field(default_factory=list)
    fixturenames: tuple = ()

    def iter_markers(self, name):
        assert name == "xdist_group"
        return [pytest.mark.xdist_group(group).mark for group in self.groups]


SERVER = BACKEND_IDS["milvus-server"]


def test_a_test_on_the_server_outside_its_group_is_named():
    fact = Collected(f"tests/facts/test_x.py::test_y[{SERVER}]")                        # no group
    step = Collected(f"tests/pages/test_steps.py::test_step[{SERVER}:p:01-a]", ["milvus-server:p"])
    both = Collected(f"tests/facts/test_x.py::test_z[{SERVER}]", [SERVER_GROUP, "other"])
    by_fixture = Collected("tests/x.py::test_uri", fixturenames=("milvus_server_uri",))
    fine = [Collected(f"tests/facts/test_x.py::test_y[{SERVER}]", [SERVER_GROUP]),
            Collected("tests/facts/test_x.py::test_y[lite-3.2.2]")]
    assert outside_the_server_group([fact, step, both, by_fixture, *fine]) == \
        [fact.nodeid, step.nodeid, both.nodeid, by_fixture.nodeid]
