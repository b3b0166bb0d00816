"""Pages state facts about the installed SDK: the method table and the pinned versions."""
import re

import pytest
from pymilvus import AsyncMilvusClient

from tools import pages, pins

TUTORIALS = [p for p in pages.all_pages() if p.name == "async-milvus-client"]
ALL_PAGES = pages.all_pages()
PIN_IN_TEXT = re.compile(r"\b([a-z][\w-]*)==([\w.]+)")
VERSION_ROW = re.compile(r"^`([\w-]+)` \| ([\d][\w.]*)$")


def public_methods(cls) -> set[str]:
    return {n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n))}


@pytest.mark.parametrize("page", TUTORIALS, ids=[p.path for p in TUTORIALS])
def test_method_table_matches_installed_async_client(page):
    rows = [p.text for p in page.section("all-methods").paragraphs if p.kind == "table row"]
    listed = [name for row in rows[1:] for name in re.findall(r"`(\w+)`", row)]
    duplicates = {n for n in listed if listed.count(n) > 1}
    installed = public_methods(AsyncMilvusClient)
    where = page.where("all-methods")
    assert not duplicates, f"{where} lists twice: {sorted(duplicates)}"
    assert not installed - set(listed), f"{where} misses: {sorted(installed - set(listed))}"
    assert not set(listed) - installed, f"{where} lists methods that do not exist: " \
                                        f"{sorted(set(listed) - installed)}"
    counted = [p.text for p in page.section("all-methods").paragraphs if p.kind == "title"]
    assert any(str(len(installed)) in title for title in counted), \
        f"{where}: its title does not count the {len(installed)} methods: {counted}"


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_versions_on_pages_are_the_pinned_ones(page):
    # what a reader installs, and the version tables; other pins (old releases a page
    # downloads to compare) are history, not a claim about what this site runs
    installs = [line for b in page.shell_blocks for line in b.body.splitlines() if "pip install" in line]
    rows = [p.text for s in page.sections for p in s.paragraphs if p.kind == "table row"]
    stated = [m for line in installs for m in PIN_IN_TEXT.findall(line)]
    stated += [m.groups() for row in rows if (m := VERSION_ROW.match(row))]
    known = pins.pinned_versions()
    wrong = [f"{name} {version} (pinned: {known.get(name, 'not pinned')})"
             for name, version in stated if known.get(name) != version]
    assert not wrong, f"{page.path} states versions other than requirements.txt: {wrong}"
