"""The exact versions this site is tested with: the `==` pins of requirements.txt and its includes."""
import sys
from functools import cache
from pathlib import Path

REQUIREMENTS = Path("requirements.txt")


@cache
def pinned_versions(path: Path = REQUIREMENTS) -> dict[str, str]:
    """{package name as written: version} of every exact pin, following `-r` includes."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(pinned_versions(path.parent / line[3:].strip()))
        elif "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins


def suite_python() -> str:
    """The Python the suite and the pages' outputs run on (scripts/bootstrap's .venv), as 3.x."""
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def pins_of(names: list[str]) -> list[str]:
    """`name==version` for each named package (a KeyError names a package that is not pinned)."""
    pins = pinned_versions()
    return [f"{name}=={pins[name]}" for name in names]

