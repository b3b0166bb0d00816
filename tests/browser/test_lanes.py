"""How the browser tests are laid out on workers: in lanes, and language by language
(tests/browser/conftest.py)."""
import pytest

from tests.browser.conftest import HOME_TESTS, pytest_collection_modifyitems, pytest_runtest_setup
from tests.harness.groups import Collected


def test_home_page_tests_run_language_by_language():
    """In pytest's order (test by test) every test of a language would load its home page again."""
    home = [Collected(f"{HOME_TESTS}{test}[{lang}]", lang=lang) for test in ("search", "switch") for lang in ("en", "de")]
    items = [home[0], Collected("tests/browser/test_reader.py::test_page[en]", lang="en"), *home[1:]]
    pytest_collection_modifyitems(items)
    assert [i.nodeid.removeprefix(HOME_TESTS) for i in items] == [
        "search[en]", "tests/browser/test_reader.py::test_page[en]", "switch[en]", "search[de]", "switch[de]"]


@pytest.mark.parametrize("groups", [[], ["browser-x"], ["browser-0", "browser-1"]],
                         ids=["no group", "not a lane", "two lanes"])
def test_a_browser_test_in_no_lane_is_refused(groups):
    item = Collected("t::loose", groups, fixturenames=("browser",))
    with pytest.raises(pytest.fail.Exception, match=r"t::loose uses the browser but is in xdist group\(s\)"):
        pytest_runtest_setup(item)


def test_tests_in_a_lane_or_without_a_browser_run():
    pytest_runtest_setup(Collected("t::in_lane", ["browser-1"], fixturenames=("browser",)))
    pytest_runtest_setup(Collected("t::twice", ["browser-1", "browser-1"], fixturenames=("browser",)))
    pytest_runtest_setup(Collected("t::no_browser", ["x"], fixturenames=("tmp_path",)))
