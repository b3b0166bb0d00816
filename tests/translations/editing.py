"""Editing a page of the scratch project in a test, as a writer would."""
from pathlib import Path


def edit(path: Path, old: str, new: str):
    """Replace `old` (which must be there) with `new` in the file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
