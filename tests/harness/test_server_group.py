"""A test on the Milvus server outside its one xdist group fails and says why (tests/conftest.py):
it would start a second server on another worker."""
import re

import pytest

from tests.conftest import pytest_runtest_setup, refuse_outside_the_server_group
from tests.harness.engines import BACKEND_IDS, SERVER_GROUP
from tests.harness.groups import Collected

SERVER = BACKEND_IDS["milvus-server"]


@pytest.mark.parametrize("item", [
    Collected(f"tests/facts/test_x.py::test_y[{SERVER}]"),                                   # no group
    Collected(f"tests/pages/test_steps.py::test_step[{SERVER}:p:01-a]", ["milvus-server:p"]),  # another
    Collected(f"tests/facts/test_x.py::test_z[{SERVER}]", [SERVER_GROUP, "other"]),          # two
    Collected("tests/x.py::test_uri", fixturenames=("milvus_server_uri",)),                   # by fixture
], ids=["no group", "another group", "two groups", "by fixture"])
def test_a_test_on_the_server_outside_its_group_fails_and_is_named(item):
    with pytest.raises(pytest.fail.Exception, match=re.escape(f"{item.nodeid} uses the Milvus server but is in xdist")):
        pytest_runtest_setup(item)


def test_tests_in_the_group_or_off_the_server_run():
    pytest_runtest_setup(Collected(f"tests/facts/test_x.py::test_y[{SERVER}]", [SERVER_GROUP]))
    pytest_runtest_setup(Collected(f"tests/facts/test_x.py::test_y[{SERVER}]", [SERVER_GROUP, SERVER_GROUP]))
    pytest_runtest_setup(Collected("tests/facts/test_x.py::test_y[lite-3.2.2]", ["lite-server:p"]))
    with pytest.raises(pytest.fail.Exception):   # the fixture checks whoever asks for the server
        refuse_outside_the_server_group(Collected("tests/x.py::test_getfixturevalue"))
