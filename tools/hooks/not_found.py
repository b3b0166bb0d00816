"""MkDocs hook: one "not found" page per language, and the default language's at the root.

mkdocs-static-i18n renders 404.html once per language into the same place, so the last
language built would win. Each language's 404 goes to <lang>/404.html instead (for hosts that
serve a folder's own 404 page), and the root keeps the default language's, whose script
(overrides/404.html) shows the message in the language of the missing address.
"""
import re
from pathlib import Path
from urllib.parse import urlsplit

from tools import config as site_config
from tools.hooks import languages

_root_page = {}


def _homes() -> dict[str, str]:
    """{language: its home's address path}; a path, not a relative link: a 404 page is served
    at any depth."""
    root = urlsplit(site_config.site_url()).path
    return {lang: root + site_config.lang_root(lang) for lang in site_config.languages()}


def on_template_context(context, template_name, config):
    """The message of every language, for the one page that shows the reader's."""
    if template_name == "404.html":
        homes = _homes()
        context["not_found"] = {lang: {**site_config.strings(lang)["not_found"], "home_url": homes[lang]}
                                for lang in site_config.languages()}
    return context


def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    # languages named by their full tag ("pt-BR", not the folder name), as on every page
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        _root_page["html"] = languages.tag_languages(output)
        return _root_page["html"]
    folder = Path(config.site_dir) / i18n.current_language
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "404.html").write_text(languages.tag_languages(switch_to_homes(output)), encoding="utf-8")
    return _root_page.get("html", languages.tag_languages(output))


SWITCHER_LINK = re.compile(r'(<a href=")[^"]*(" hreflang="([^"]+)" class="md-select__link">)')


def switch_to_homes(output: str) -> str:
    """The language switcher of a language's 404 page leads to each language's home: it is
    rendered after that build's pages, and static-i18n leaves it the last page's links."""
    homes = _homes()
    return SWITCHER_LINK.sub(lambda m: m[1] + homes[m[3]] + m[2] if m[3] in homes else m[0], output)
