"""tools/snippets.py: named sections as pymdownx.snippets shows them, and what breaks them."""
import pytest

from tools import snippets

CODE = '''import os
# --8<-- [start:outer]
def main():
    # --8<-- [start:inner]
    value = 1
    # --8<-- [end:inner]
    return value
# --8<-- [end:outer]
'''


@pytest.fixture
def code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(CODE)
    snippets.sections.cache_clear()
    yield "a.py"
    snippets.sections.cache_clear()


def test_sections_are_dedented_and_nested_markers_removed(code):
    assert snippets.section(code, "inner").code == "value = 1\n"
    assert snippets.section(code, "outer").code == "def main():\n    value = 1\n    return value\n"
    assert snippets.section(code, "inner").where == "a.py:5-5"


def test_whole_file_drops_markers_and_shown_picks_the_right_form(code, tmp_path):
    assert "--8<--" not in snippets.whole_file(code)
    assert snippets.shown(code) == snippets.whole_file(code)
    assert snippets.shown(code, "inner") == "value = 1\n"
    (tmp_path / "t.md").write_text("| a |\n")
    assert snippets.shown("t.md") == "| a |\n"


def test_unknown_section_and_unpaired_markers_are_named(code, tmp_path):
    with pytest.raises(KeyError, match="a.py has no section 'nope'"):
        snippets.section(code, "nope")
    (tmp_path / "b.py").write_text("# --8<-- [start:x]\npass\n")
    with pytest.raises(ValueError, match=r"b.py: sections never ended: \['x'\]"):
        snippets.sections("b.py")
