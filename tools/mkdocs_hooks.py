"""MkDocs hooks of this site (registered in mkdocs.yml)."""
import mkdocs.utils


def on_startup(command, dirty):
    # mkdocs-static-i18n only keeps "documentation pages", judged by this list, so without
    # ".ipynb" every notebook page vanishes from the build (static-i18n issue #198).
    if ".ipynb" not in mkdocs.utils.markdown_extensions:
        mkdocs.utils.markdown_extensions = (*mkdocs.utils.markdown_extensions, ".ipynb")
