"""MkDocs hook: Markdown twins of the pages, and each language's llms.txt and llms-full.txt.

Every page gets its twin at <page>/index.md, for readers who hand the docs to an LLM
assistant (tools/llms.py).

No maintained plugin fits here (a hook written where a library should do it):
mkdocs-llmstxt writes one llms.txt for the whole site from the built HTML, while static-i18n
builds each language separately. And a twin must be the page's Markdown with its snippet
includes and outputs resolved: a plugin that copies the Markdown source leaves the includes
unresolved, and one that converts the built HTML loses the Markdown's admonitions and code
block titles.
"""
from pathlib import Path

from mkdocs.plugins import event_priority

from tools import config as site_config
from tools import llms, pages


@event_priority(-50)   # before static-i18n (-100) starts the other languages from the default one
def on_post_build(config):
    lang = config.plugins["i18n"].current_language
    site = Path(config.site_dir)
    for page in pages.all_pages(lang):
        (site / page.url_path).mkdir(parents=True, exist_ok=True)
        (site / page.url_path / "index.md").write_text(llms.twin(page), encoding="utf-8")
    root = site / site_config.lang_root(lang)
    (root / "llms.txt").write_text(llms.llms_txt(lang), encoding="utf-8")
    (root / "llms-full.txt").write_text(llms.llms_full_txt(lang), encoding="utf-8")


def on_page_context(context, page, config, nav):
    """The "Copy page as Markdown" button above a page (not a notebook page) fetches its twin."""
    if page.file.src_uri.endswith(".md"):
        strings = site_config.strings(site_config.language_of_url(page.file.src_uri))["page"]
        context["i18n_copy_page"] = {"label": strings["copy_markdown"], "copied": strings["copied"],
                                     "twin": "index.md"}
    return context
