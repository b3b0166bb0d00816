"""MkDocs hook: with a repository configured (REPO_URL), edit and Colab links; with none, neither.

Every page gets an edit link; a notebook page's leads to the page it is generated from
(the notebook itself is rewritten by scripts/make-notebooks), and it gets an "Open in Colab"
link. Without a repository there is no link at all, not even a dead edit link.
"""
from tools import config as site_config


def on_config(config):
    if not config.repo_url:
        config.edit_uri = None   # mkdocs would otherwise warn, page by page, and strict fails
    return config


def on_page_context(context, page, config, nav):
    if page.file.src_uri.endswith(".ipynb") and page.edit_url:
        lang, _, name = page.file.src_uri.partition("/notebooks/")
        page.edit_url = page.edit_url.removesuffix(page.file.src_uri) + f"{lang}/{name.removesuffix('.ipynb')}.md"
    if page.file.src_uri.endswith(".ipynb") and (url := colab_url(config, page.file.src_uri)):
        lang = site_config.language_of_url(page.file.src_uri)
        context["colab_url"] = url
        context["i18n_colab"] = site_config.strings(lang)["notebook"]["colab"]
    return context


def colab_url(config, src_uri: str) -> str | None:
    """Colab opens a notebook from GitHub: the committed notebooks/<lang>/<name>.ipynb."""
    repo = (config.repo_url or "").rstrip("/")
    if not repo.startswith("https://github.com/"):
        return None
    branch = (config.edit_uri or "edit/main/").strip("/").split("/")[1]
    lang, _, name = src_uri.partition("/notebooks/")
    return f"https://colab.research.google.com/github/{repo.removeprefix('https://github.com/')}" \
           f"/blob/{branch}/notebooks/{lang}/{name}"
