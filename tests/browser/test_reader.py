"""What a reader sees in Chromium, served from 127.0.0.1: every page of every language, the
default language's notebook pages and one translated notebook page."""

import nbformat
import pytest

from tests.browser.site_pages import SitePage, by_page, same_page_in, site_pages
from tests.browser.reader import serious
from tools import config, pages, snippets

# Every page, but of the notebook pages only the default language's and one translated sample:
# a translated notebook page is its English one with the prose of its translated page, which
# tests/site/test_notebook_pages.py checks without a browser; the sample is the longest
# notebook in German, whose compound words are the likeliest to overflow a phone's width.
BROWSER_SAMPLE = "de:/de/notebooks/async-milvus-client/"
PAGES = [p for p in site_pages() if not p.notebook or p.lang == config.default_language() or p.id == BROWSER_SAMPLE]
assert BROWSER_SAMPLE in {p.id for p in PAGES}, f"no page {BROWSER_SAMPLE} to read as the translated notebook sample"
NOTEBOOK_PAGES = [p for p in PAGES if p.notebook]
CONTENT_PAGES = [p for p in PAGES if not p.notebook]


@pytest.mark.parametrize("page", by_page(PAGES))
def test_page_loads_cleanly_and_offline(readings, page):
    visit = readings(page).visit
    where = f"[{page.lang}] {visit.url}"
    assert visit.status == 200, f"{where} answered {visit.status}"
    # the most telling first: requests name their URL, console messages often do not
    assert not visit.outside, f"{where} requested something off the local server: {visit.outside}"
    assert not visit.failed, f"{where} has failed requests: {visit.failed}"
    assert not visit.console_errors, f"{where} logged console errors: {visit.console_errors}"


@pytest.mark.parametrize("page", by_page(PAGES))
def test_no_serious_accessibility_violation(readings, page):
    reading = readings(page)
    found = serious(reading.axe)
    assert not found, f"[{page.lang}] {reading.visit.url}: axe-core violations:\n" + "\n".join(
        f"  {v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in found)


@pytest.mark.parametrize("page", by_page(PAGES))
def test_language_switcher_offers_the_same_page(readings, site_server, page):
    reading = readings(page)
    where = f"[{page.lang}] {reading.visit.url}"
    offered = reading.switcher
    tags = {config.language_tag(lang): lang for lang in config.languages()}
    assert set(offered) == set(tags), f"{where}: the switcher offers {sorted(offered)}"
    for tag, href in offered.items():
        lang = tags[tag]
        twin = same_page_in(page, lang)
        assert twin, f"{where}: {page.source} has no {lang} version for the switcher to land on"
        assert href == site_server + twin.path, f"{where}: switcher's {lang} entry goes to {href}"


def _code_blocks_on(page: SitePage) -> list[tuple[str, str]]:
    """(what, expected copy) for each code block of the source page, in page order."""
    return [(f"{block.where} ({block.lang} {block.include and ':'.join(filter(None, block.include))})",
             snippets.code_of(block)) for block in pages.read(page.source).blocks]


@pytest.mark.parametrize("page", by_page(CONTENT_PAGES))
def test_every_code_block_has_a_copy_button(readings, page):
    reading = readings(page)
    blocks = len(pages.read(page.source).blocks)
    assert reading.copy_buttons == blocks, \
        f"[{page.lang}] {reading.visit.url}: {reading.copy_buttons} copy buttons for {blocks} code blocks"


# A translation shows the very code blocks of its English page (tests/translations/checks.py,
# structure_problems), with the same script: the default language's pages stand for all.
SOURCES = [p for p in PAGES if p.lang == config.default_language()]
ENGLISH_WITH_CODE = [p for p in SOURCES if not p.notebook and pages.read(p.source).blocks]


@pytest.mark.parametrize("page", by_page(ENGLISH_WITH_CODE))
def test_copy_button_copies_exactly_the_code(readings, page):
    reading = readings(page)
    where = f"[{page.lang}] {reading.visit.url}"
    expected = _code_blocks_on(page)
    assert len(reading.copied) == len(expected), f"{where}: copied {len(reading.copied)} of {len(expected)} blocks"
    for (what, code), got in zip(expected, reading.copied):
        assert got.rstrip("\n") == code.rstrip("\n"), \
            f"{where}: copy button of {what} copied:\n{got!r}\ninstead of:\n{code!r}"


@pytest.mark.parametrize("page", by_page(NOTEBOOK_PAGES))
def test_notebook_page_shows_code_and_outputs_and_downloads(readings, page):
    reading = readings(page)
    shown, where = reading.notebook, f"[{page.lang}] {reading.visit.url}"
    assert shown["links"], f"{where}: no link to download the notebook"
    assert shown["status"] == 200, f"{where}: the download link answered {shown['status']}"
    notebook = nbformat.reads(shown["text"], as_version=4)
    nbformat.validate(notebook)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    with_output = [c for c in code_cells if c.outputs]
    assert shown["inputs"] == len(code_cells), \
        f"{where} shows {shown['inputs']} code inputs, the notebook has {len(code_cells)}"
    assert with_output and shown["outputs"] >= len(with_output), \
        f"{where} shows {shown['outputs']} outputs for {len(with_output)} cells with output"


@pytest.mark.parametrize("page", by_page(SOURCES))
def test_dark_mode_toggle_switches_the_scheme(readings, page):
    reading = readings(page)
    assert reading.looks["dark"]["scheme"] == "slate", \
        f"[{page.lang}] {reading.visit.url}: in dark mode the page shows scheme {reading.looks['dark']['scheme']}"


@pytest.mark.parametrize("page", by_page(PAGES))
def test_no_horizontal_overflow_at_desktop_or_phone_width(readings, page):
    reading = readings(page)
    assert len(reading.looks) == 2 and "phone" in reading.looks, \
        f"[{page.lang}] {reading.visit.url}: read at {list(reading.looks)}, not at desktop and phone width"
    for look, seen in reading.looks.items():
        assert seen["overflow"] <= 0, f"[{page.lang}] {reading.visit.url} ({look}): content is " \
                                      f"{seen['overflow']}px wider than the screen: {seen['widest']}"


@pytest.mark.parametrize("page", by_page(CONTENT_PAGES))
def test_copy_page_button_copies_the_markdown_twin(readings, built_site, page):
    reading = readings(page)
    where = f"[{page.lang}] {reading.visit.url}"
    strings = config.strings(page.lang)["page"]
    assert reading.copied_page["label"] == strings["copy_markdown"], f"{where}: the button reads {reading.copied_page['label']!r}"
    twin = (built_site / page.path / "index.md").read_text(encoding="utf-8")
    assert reading.copied_page["copied"] == twin, f"{where}: the button did not copy the page's Markdown twin"
