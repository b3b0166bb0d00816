"""A translated notebook page is its English one with other prose, checked without a browser.

Chromium reads the English notebook pages (tests/browser/), so everything of a translated
notebook page that is not prose must be the English one's: what it loads, its inline scripts
and styles (the accessibility fixes among them), its cells, outputs and keyboard-focusable
scrollers; Material's configuration and `lang` must be its translated page's, which the
browser reads too. Its prose is the Markdown of its translated page, where the browser checks
accessibility and overflow at a phone's width; nbconvert renders it with other markup, so the
browser also reads one translated notebook page (BROWSER_SAMPLE in tests/browser/test_reader.py:
the longest notebook in the language with the longest words). These checks stand in for a
browser on the others (about 1.5 CPU-seconds each there).
"""
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

import nbformat
import pytest

from tests.site.built import material_config
from tools import config, pages

TRANSLATED = [p for p in pages.notebook_pages() if p.lang != config.default_language()]
# Material's inline script that scopes its saved settings to the site's root: only the number
# of "../" differs with the page's depth
SCOPE = re.compile(r'__md_scope=new URL\("[./]*",location\)')


@dataclass
class Shown:
    """What a built page loads, runs and shows."""
    lang: str = ""                                 # <html lang>
    loads: set = field(default_factory=set)        # URLs of scripts, images (not data:) and <link>s
    scripts: list = field(default_factory=list)    # inline scripts, Material's scope made depth-free
    styles: list = field(default_factory=list)     # inline styles
    focusable: int = 0                             # elements a keyboard can reach (tabindex=0)
    config: dict = field(default_factory=dict)     # Material's configuration, its paths absolute
    code_cells: int = 0
    outputs: int = 0
    downloads: list = field(default_factory=list)  # absolute URLs of the .ipynb download links
    switcher: dict = field(default_factory=dict)   # hreflang -> absolute URL


class _Reader(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url, self.shown, self.script, self.style = url, Shown(), None, False

    def handle_starttag(self, tag, attrs):
        attrs, shown = dict(attrs), self.shown
        classes = (attrs.get("class") or "").split()
        if tag == "html":
            shown.lang = attrs.get("lang", "")
        if tag in ("script", "img") and (src := attrs.get("src")) and not src.startswith("data:"):
            shown.loads.add(urljoin(self.url, src))      # (data: is an image in the prose, no request)
        if tag == "link" and attrs.get("rel") not in ("canonical", "prev", "next"):   # addresses of pages
            shown.loads.add(f"{attrs.get('rel')} {urljoin(self.url, attrs.get('href', ''))}")
        if tag == "script" and not attrs.get("src"):
            self.script = attrs
        self.style = tag == "style"
        if attrs.get("tabindex") == "0":
            shown.focusable += 1
        if "jp-CodeCell" in classes and "id" in attrs:   # nbconvert nests two such divs per cell
            shown.code_cells += 1
        if "jp-OutputArea-output" in classes:
            shown.outputs += 1
        if tag == "a" and (attrs.get("href") or "").endswith(".ipynb") and "download" in attrs:
            shown.downloads.append(urljoin(self.url, attrs["href"]))
        if tag == "a" and "md-select__link" in classes:
            shown.switcher[attrs["hreflang"]] = urljoin(self.url, attrs["href"])

    def handle_data(self, data):
        if self.style and data.strip():
            self.shown.styles.append(data)
        if self.script is None or not data.strip():
            return
        if self.script.get("id") != "__config":   # the configuration: material_config()
            self.shown.scripts.append(SCOPE.sub("__md_scope=<the site's root>", data))

    def handle_endtag(self, tag):
        if tag == "script":
            self.script = None
        self.style = False


def shown_in(html: str, url: str) -> Shown:
    reader = _Reader(url)
    reader.feed(html)
    reader.shown.config = {key: urljoin(url, value) if key in ("base", "search") else value
                           for key, value in material_config(html).items()}
    return reader.shown


def shown(built_site, url_path: str) -> Shown:
    return shown_in((built_site / url_path / "index.html").read_text(encoding="utf-8"), config.site_url() + url_path)


def differences(mine: Shown, english: Shown, translated: Shown, notebook_url: str, code_cells: int,
                twins: dict) -> list[str]:
    """How a translated notebook page differs from its English one in what is not prose, and
    from its translated page in Material's configuration (its language's strings and search)."""
    found = []
    if mine.loads != english.loads:
        found.append(f"loads {sorted(mine.loads ^ english.loads)} where the English page does not, or the reverse")
    if mine.scripts != english.scripts:
        found.append("runs other inline scripts than the English page")
    if mine.styles != english.styles:
        found.append("has other inline styles than the English page")
    if mine.focusable != english.focusable:
        found.append(f"has {mine.focusable} elements a keyboard can reach, the English page {english.focusable}")
    if mine.lang != translated.lang:
        found.append(f"says lang={mine.lang!r}, its translated page lang={translated.lang!r}")
    if mine.config != translated.config:
        found.append(f"Material's configuration {mine.config} is not its translated page's {translated.config}")
    if (mine.code_cells, mine.outputs) != (english.code_cells, english.outputs):
        found.append(f"shows {mine.code_cells} code cells and {mine.outputs} outputs, the English page "
                     f"{english.code_cells} and {english.outputs}")
    if mine.code_cells != code_cells:
        found.append(f"shows {mine.code_cells} code cells, its notebook has {code_cells}")
    if mine.downloads != [notebook_url]:
        found.append(f"offers {mine.downloads} to download, not {notebook_url}")
    if mine.switcher != twins:
        found.append(f"its language switcher offers {mine.switcher}, not {twins}")
    return found


@pytest.mark.parametrize("page", TRANSLATED, ids=[p.path for p in TRANSLATED])
def test_a_translated_notebook_page_is_its_english_one_with_other_prose(built_site, page):
    english = pages.source_of(page)
    notebook_url = config.site_url() + page.notebook_url_path + f"{page.name}.ipynb"
    downloaded = nbformat.reads((built_site / page.notebook_url_path / f"{page.name}.ipynb").read_text(), 4)
    nbformat.validate(downloaded)
    code_cells = sum(cell.cell_type == "code" for cell in downloaded.cells)
    twins = {config.language_tag(p.lang): config.site_url() + p.notebook_url_path
             for p in pages.notebook_pages() if p.name == page.name}
    reference = shown(built_site, english.notebook_url_path)
    assert all((reference.loads, reference.scripts, reference.styles, reference.focusable, reference.config,
                reference.code_cells, reference.lang)), f"read too little on {english.notebook_url_path}: {reference}"
    found = differences(shown(built_site, page.notebook_url_path), reference, shown(built_site, page.url_path),
                        notebook_url, code_cells, twins)
    assert not found, f"{page.notebook_url_path}, compared with {english.notebook_url_path}:\n  " + "\n  ".join(found)


PAGE = """<html lang="de"><head><link rel="stylesheet" href="../../../assets/main.css">
<link rel="canonical" href="https://site/de/notebooks/x/"><style id="a11y-fixes">.md-select{right:0}</style>
<script>__md_scope=new URL("../../..",location)</script>
<script id="__config" type="application/json">{"base": "../../../de/", "search": "../../../w.js", "translations": {}}</script>
</head><body><a href="./" hreflang="de" class="md-select__link">Deutsch</a>
<a href="x.ipynb" download class="md-button">Download</a><img src="data:image/svg+xml;base64,AA==">
<div class="jp-Cell jp-CodeCell"><div class="jp-Cell jp-CodeCell" id="cell-id=a">
<div class="jp-OutputArea-output" tabindex="0">1</div></div></div>
<script src="../../../assets/bundle.js"></script></body></html>"""


def test_what_a_page_loads_runs_and_shows_is_read():
    seen = shown_in(PAGE, "https://site/de/notebooks/x/")
    assert seen.loads == {"stylesheet https://site/assets/main.css", "https://site/assets/bundle.js"}
    assert seen.scripts == ["__md_scope=<the site's root>"]
    assert (seen.lang, seen.styles, seen.focusable) == ("de", [".md-select{right:0}"], 1)
    assert seen.config == {"base": "https://site/de/", "search": "https://site/w.js", "translations": {}}
    assert (seen.code_cells, seen.outputs) == (1, 1)
    assert seen.downloads == ["https://site/de/notebooks/x/x.ipynb"]
    assert seen.switcher == {"de": "https://site/de/notebooks/x/"}


def test_each_difference_from_the_english_page_is_named():
    url = "https://site/de/notebooks/x/"
    english = shown_in(PAGE, url)
    fine = dict(english=english, translated=english, notebook_url=url + "x.ipynb", code_cells=1,
                twins={"de": url})
    assert differences(shown_in(PAGE, url), **fine) == []
    planted = {
        "loads ['https://site/assets/extra.js']": PAGE.replace("</body>", '<script src="../../../assets/extra.js"></script></body>'),
        "runs other inline scripts": PAGE.replace("</body>", "<script>broken(</script></body>"),
        "Material's configuration": PAGE.replace('"translations": {}', '"translations": {"a": "b"}'),
        "shows 2 code cells and 1 outputs, the English page 1 and 1":
            PAGE.replace("</body>", '<div class="jp-CodeCell" id="cell-id=b"></div></body>'),
        "offers [] to download": PAGE.replace(" download ", " "),
        "has other inline styles": PAGE.replace('<style id="a11y-fixes">.md-select{right:0}</style>', ""),
        "has 0 elements a keyboard can reach, the English page 1": PAGE.replace(' tabindex="0"', ""),
        "says lang='en', its translated page lang='de'": PAGE.replace('lang="de"', 'lang="en"'),
        "loads ['alternate https://site/de/notebooks/x/sitemap.xml']":
            PAGE.replace("</head>", '<link rel="alternate" href="sitemap.xml"></head>'),
        "its language switcher offers {}": PAGE.replace("md-select__link", "other"),
    }
    for named, page in planted.items():
        found = differences(shown_in(page, url), **fine)
        assert any(named in difference for difference in found), f"{named!r} not named in {found}"
