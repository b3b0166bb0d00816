"""pymilvus' release history (evidence/pymilvus_history.json) and how a page states a count."""
import json
import re
from functools import cache
from pathlib import Path

HISTORY = Path("evidence/pymilvus_history.json")


@cache
def releases() -> dict[str, dict]:
    """{version: what evidence/pymilvus_history.py read in its wheel}, oldest first."""
    return {r["version"]: r for r in json.loads(HISTORY.read_text(encoding="utf-8"))["versions"]}


def coroutines(version: str) -> int:
    return releases()[version]["public_coroutines_count"]


def states(text: str, version: str, count: int) -> bool:
    """The text gives `count` for `version`: the number follows the version, with no other
    number between ("2.4.11 already exported it, with 11", "2.5.3 had 18")."""
    alone = r"(?!\.?\d)"   # not followed by more digits (a sentence's full stop may follow)
    return re.search(rf"(?<![\d.]){re.escape(version)}{alone}\D{{0,40}}?(?<![\d.]){count}{alone}",
                     text) is not None
