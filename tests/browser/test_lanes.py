"""How the browser tests are laid out on workers: in lanes, and language by language."""
import pytest

from tests.browser.conftest import by_language, refuse_outside_a_lane
from tests.browser.site_pages import lane

HOME = "tests/browser/test_home.py::"


class _Item:
    def __init__(self, nodeid: str, lang: str | None = None, marks=()):
        self.nodeid, self.marks = nodeid, [m.mark for m in marks]
        if lang:
            self.callspec = type("Callspec", (), {"params": {"lang": lang}})

    def iter_markers(self, name):
        return (m for m in self.marks if m.name == name)


def test_home_page_tests_run_language_by_language():
    """In pytest's order (test by test) every test of a language would load its home page again."""
    home = [_Item(f"{HOME}{test}[{lang}]", lang) for test in ("search", "switch") for lang in ("en", "de")]
    other = _Item("tests/browser/test_reader.py::test_page[en]", "en")
    ordered = by_language([home[0], other, *home[1:]])
    assert [i.nodeid.removeprefix(HOME) for i in ordered] == [
        "search[en]", "tests/browser/test_reader.py::test_page[en]", "switch[en]", "search[de]", "switch[de]"]


def test_a_browser_test_in_no_lane_is_refused():
    refuse_outside_a_lane(_Item("t::in_lane", marks=[lane("de")]))
    with pytest.raises(pytest.fail.Exception, match=r"t::loose uses the browser but is in xdist group\(s\) \['x'\], not one lane"):
        refuse_outside_a_lane(_Item("t::loose", marks=[pytest.mark.xdist_group("x")]))
    with pytest.raises(pytest.fail.Exception, match="not one lane"):
        refuse_outside_a_lane(_Item("t::two", marks=[lane("de"), pytest.mark.xdist_group("x")]))
