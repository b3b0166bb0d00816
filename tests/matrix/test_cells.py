"""The matrix's cells: one line per question through the pinned cell, the machine's Pythons."""
from tests.matrix import cells
from tests.matrix.cells import Cell, latest, pinned, select_cells, series

PINS = {"pymilvus": "3.0.2", "milvus-lite": "3.2.2"}
PYTHONS = ["3.13", "3.10", "3.12", "3.11"]


def test_every_question_has_its_cells():
    chosen = select_cells(PYTHONS, "3.11", PINS)
    pm, lite = pinned("pymilvus", "3.0.2"), pinned("milvus-lite", "3.2.2")
    old_lite = series("milvus-lite", "2.5")
    assert [c.python for c in chosen if c.why == "python"] == ["3.10", "3.11", "3.12", "3.13"]
    assert all(c.pymilvus == pm and c.milvus_lite == lite for c in chosen if c.why == "python")
    assert {(c.python, c.pymilvus.label) for c in chosen if c.why == "pymilvus"} == {
        ("3.10", "2.5.x"), ("3.10", "2.6.x"), ("3.13", "2.5.x"), ("3.13", "2.6.x")}
    assert Cell("3.13", latest("pymilvus"), latest("milvus-lite"), "latest") in chosen
    assert {(c.python, c.pymilvus.label) for c in chosen if c.milvus_lite == old_lite} == {
        ("3.11", "3.0.2"), ("3.11", "2.5.x"), ("3.10", "2.6.x"), ("3.13", "2.6.x")}
    assert len({c.id for c in chosen}) == len(chosen) == 13
    assert [c.id for c in chosen if cells.is_pinned(c, "3.11", PINS)] == ["py3.11-pymilvus-3.0.2-lite-3.2.2"]


def test_requirements_name_a_series_or_a_release():
    assert series("pymilvus", "2.6").requirement == "pymilvus>=2.6,<2.7"
    assert series("milvus-lite", "2.5") == cells.Want("milvus-lite>=2.5,<2.6", "2.5.x")
    assert pinned("pymilvus", "3.0.2").requirement == "pymilvus==3.0.2"
    assert latest("pymilvus").requirement == "pymilvus"


def test_one_python_gives_each_cell_once():
    chosen = select_cells(["3.12"], "3.11", PINS)   # the suite's Python missing: the newest stands in
    assert len({c.id for c in chosen}) == len(chosen) == 7
    assert {c.python for c in chosen} == {"3.12"}


def test_the_newest_patch_of_each_python_from_310_on(tmp_path):
    for name in ["3.9.18", "3.10.2", "3.10.13", "3.12.1", "3.12.1t", "3.14-dev", "3.13.0"]:
        folder = tmp_path / "versions" / name / "bin"
        folder.mkdir(parents=True)
        minor = ".".join(name.split(".")[:2]).removesuffix("-dev")
        (folder / f"python{minor}").touch()
    (tmp_path / "versions" / "3.13.0" / "bin" / "python3.13").unlink()   # a broken install
    found = cells.pyenv_pythons(tmp_path)
    assert list(found) == ["3.10", "3.12"]
    assert found["3.10"] == tmp_path / "versions" / "3.10.13" / "bin" / "python3.10"
