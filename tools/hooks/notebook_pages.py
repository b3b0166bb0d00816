"""MkDocs hook: notebooks as pages of every language, served with the site's own links.

- mkdocs-static-i18n keeps only "documentation pages", judged by mkdocs' list of Markdown
  extensions, so without ".ipynb" in it every notebook page vanishes (static-i18n #198);
- the notebook a reader downloads (and the page rendered from it) links to the site's pages,
  not to the Markdown sources the committed notebook links to (tools/notebooks.publish);
- a notebook page repeats its page: it stays out of search, and its download button is localized.
"""
import os
from pathlib import Path

import mkdocs.utils
from mkdocs.plugins import event_priority

from tools import config as site_config
from tools import notebooks


def on_startup(command, dirty):
    if ".ipynb" not in mkdocs.utils.markdown_extensions:
        mkdocs.utils.markdown_extensions = (*mkdocs.utils.markdown_extensions, ".ipynb")


def published_copy(config, source: str) -> str:
    """Write the published form of a notebook of docs_dir next to mkdocs-jupyter's cache."""
    jupyter = config.plugins["mkdocs-jupyter"]
    base = Path(jupyter.__dict__.get("base_cache_dir", jupyter.config["cache_dir"]))
    relative = Path(os.path.abspath(source)).relative_to(os.path.abspath(config.docs_dir))
    target = base.parent / f"{base.name}-published" / relative
    published = notebooks.publish(Path(source).read_text(encoding="utf-8"), Path(source))
    if not target.exists() or target.read_text(encoding="utf-8") != published:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(published, encoding="utf-8")
    return str(target)


@event_priority(-150)   # after static-i18n has sorted the files of docs_dir by language
def on_files(files, config):
    for file in files:
        if file.src_uri.endswith(".ipynb"):
            file.abs_src_path = published_copy(config, str(Path(config.docs_dir) / file.src_uri))
    return files


@event_priority(50)   # before Material's search plugin indexes the page
def on_page_context(context, page, config, nav):
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        lang = site_config.language_of_url(page.file.src_uri)
        context["i18n_download"] = site_config.strings(lang)["notebook"]["download"]
    return context

