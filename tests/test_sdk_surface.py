"""Pages state facts about the installed SDK: the method table and the pinned versions."""
import re
from pathlib import Path

import pytest
from pymilvus import AsyncMilvusClient

from tools import site

TUTORIALS = [p for lang in site.languages() for p in site.pages(lang)
             if p.endswith("/async-milvus-client.md")]
PINS = site.pinned_versions()
PIN_IN_TEXT = re.compile(r"\b([a-z][\w-]*)==([\w.]+)")
VERSION_ROW = re.compile(r"^\|\s*`([\w-]+)`\s*\|\s*([\d][\w.]*)\s*\|", re.M)


def public_methods(cls) -> set[str]:
    return {n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n))}


def section_text(page: str, heading_id: str) -> str:
    text = Path(page).read_text(encoding="utf-8")
    match = re.search(rf"^##[^\n]*\{{\s*#{heading_id}\s*\}}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"{page}: no section with id #{heading_id}"
    return match[1]


@pytest.mark.parametrize("page", TUTORIALS)
def test_method_table_matches_installed_async_client(page):
    rows = [l for l in section_text(page, "methods").splitlines() if l.startswith("|")]
    listed = [name for row in rows for name in re.findall(r"`(\w+)`", row)]
    duplicates = {n for n in listed if listed.count(n) > 1}
    installed = public_methods(AsyncMilvusClient)
    assert not duplicates, f"{page}#methods lists twice: {sorted(duplicates)}"
    assert not installed - set(listed), f"{page}#methods misses: {sorted(installed - set(listed))}"
    assert not set(listed) - installed, f"{page}#methods lists methods that do not exist: " \
                                        f"{sorted(set(listed) - installed)}"


@pytest.mark.parametrize("page", [p for lang in site.languages() for p in site.pages(lang)])
def test_versions_on_pages_are_the_pinned_ones(page):
    text = Path(page).read_text(encoding="utf-8")
    # what a reader installs, and the version tables; other pins (old releases a page
    # downloads to compare) are history, not a claim about what this site runs
    installs = "\n".join(l for l in text.splitlines() if "pip install" in l)
    stated = PIN_IN_TEXT.findall(installs) + VERSION_ROW.findall(text)
    wrong = [f"{name} {version} (pinned: {PINS.get(name, 'not pinned')})"
             for name, version in stated if PINS.get(name) != version]
    assert not wrong, f"{page} states versions other than requirements.txt: {wrong}"
