"""The built site's pages for LLM assistants, and its repository links.

Pages for LLM assistants: Markdown twins, llms.txt, llms-full.txt. With a repository
configured: the edit and "Open in Colab" links."""
import pytest

from tests.site import links
from tests.site.build import REPOSITORY
from tools import config, pages, snippets
from tools.llms import LINK, twin_url

ALL_PAGES = pages.all_pages()
NOTEBOOK_PAGES = pages.notebook_pages()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_every_page_has_a_markdown_twin_with_every_code_block_and_output(built_site, page):
    path = built_site / page.url_path / "index.md"
    assert path.exists(), f"{page.path}: no Markdown twin at /{page.url_path}index.md"
    text = path.read_text(encoding="utf-8")
    twin = set(_lines(text))
    for block in page.blocks:
        missing = [line for line in _lines(snippets.code_of(block)) if line not in twin]
        assert not missing, f"{block.where}: the twin lacks {missing[:3]}"
    assert "--8<--" not in text, f"{page.path}: an include is left in the twin"


@pytest.mark.parametrize("lang", config.languages())
def test_llms_txt_lists_every_page_of_its_language_with_working_links(built_site, lang):
    index = (built_site / config.lang_root(lang) / "llms.txt").read_text(encoding="utf-8")
    listed = LINK.findall(index)
    assert listed == [twin_url(p) for p in pages.all_pages(lang)], f"[{lang}] llms.txt lists {listed}"
    dead = {url: why for url in listed if (why := links.problem(built_site, config.site_url(), links.Link("", url)))}
    assert not dead, f"[{lang}] llms.txt: dead links {dead}"
    full = (built_site / config.lang_root(lang) / "llms-full.txt").read_text(encoding="utf-8")
    assert all(f"# {p.title}\n" in full for p in pages.all_pages(lang)), f"[{lang}] llms-full.txt misses a page"


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_every_page_has_an_edit_link_to_its_source(built_site, page):
    html = (built_site / page.html_path).read_text(encoding="utf-8")
    wanted = f"{REPOSITORY}/edit/main/{page.path}"
    assert f'href="{wanted}"' in html, f"{page.path}: no edit link to {wanted}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=[p.path for p in NOTEBOOK_PAGES])
def test_every_notebook_page_opens_its_notebook_in_colab(built_site, page):
    html = (built_site / page.notebook_url_path / "index.html").read_text(encoding="utf-8")
    wanted = (f"https://colab.research.google.com/github/{REPOSITORY.removeprefix('https://github.com/')}"
              f"/blob/main/{page.notebook_path.as_posix()}")
    assert f'href="{wanted}"' in html, f"{page.path}: the notebook page has no link to {wanted}"
    source = f"{REPOSITORY}/edit/main/{page.path}"   # the page it is generated from, not the notebook
    assert f'href="{source}"' in html and "/edit/main/docs/" + page.lang + "/notebooks/" not in html, \
        f"{page.path}: the notebook page's edit link does not lead to {source}"
