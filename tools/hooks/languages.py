"""MkDocs hook: each language's site name, navigation titles and theme strings from locales/.

Pages are translated in docs/<lang>/; everything around them (site name and description,
the "Notebooks" nav title, permalink and palette titles, the "Output" label) comes from
locales/<lang>.yml. Per-page <link rel=alternate> tags are dropped: Material fetches a
sitemap.xml beside each, which fails for pages; the hreflang alternates live in the
sitemap.xml that static-i18n writes.
"""
import gzip
import logging
import html
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from tools import config as site_config

log = logging.getLogger("mkdocs.hooks.languages")

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">\n?')


@event_priority(-150)   # after static-i18n has picked this language's files
def on_files(files, config):
    """Files under docs/assets (a download, for example) in every language's build: static-i18n
    gives them to the default language only (fallback_to_default is off, so that a missing
    translation stays an error), and the translated pages link to them too."""
    i18n = config.plugins["i18n"]
    if i18n.current_language == i18n.default_language:
        return files
    assets = Path(config.docs_dir) / "assets"
    for path in sorted(p for p in assets.rglob("*") if p.is_file()):
        uri = path.relative_to(config.docs_dir).as_posix()
        if files.get_file_from_path(uri) is None:
            files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(100)   # before static-i18n applies each language's overrides
def on_config(config):
    english = site_config.strings(site_config.default_language())
    built = built_languages(os.environ.get("LANGUAGES", ""))
    for language in config.plugins["i18n"].config.languages:
        if built:
            language.build = language.locale in built
        strings = site_config.strings(language.locale)
        language.site_name = strings["site_name"]
        language.site_description = strings["site_description"]
        language.nav_translations = {english["nav"][key]: title
                                     for key, title in strings["nav"].items()}
    return config


def built_languages(wanted: str) -> set[str]:
    """LANGUAGES=de,fr builds those languages and the default one only, a quicker build for
    a preview (`LANGUAGES=de scripts/serve`); unset, the build follows mkdocs.yml."""
    if not wanted.strip():
        return set()
    codes = {code.strip() for code in wanted.split(",") if code.strip()}
    refusal = site_config.unknown_languages(codes) if codes else "no language named"
    if refusal:
        raise PluginError(f"LANGUAGES={wanted}: {refusal}")
    built = codes | {site_config.default_language()}
    log.info(f"LANGUAGES={wanted}: building {', '.join(c for c in site_config.languages() if c in built)} only")
    return built


def on_post_page(output, page, config):
    lang = site_config.language_of_url(page.file.src_uri)
    if lang != site_config.default_language():
        output = localize_ui(output, lang)
    return tag_languages(ALTERNATE.sub("", output))


def tag_languages(text: str) -> str:
    """Each language's full tag where a page or the sitemap names it (Material and static-i18n
    write the folder name: "pt" where Brazilian Portuguese is "pt-BR")."""
    for lang in site_config.languages():
        tag = site_config.language_tag(lang)
        if tag != lang:
            text = re.sub(rf'(\b(?:hreflang|lang)=")({re.escape(lang)})(")', rf"\g<1>{tag}\3", text)
    return text


@event_priority(-200)   # after static-i18n has written the sitemap
def on_post_build(config):
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if sitemap.exists():
        text = tag_languages(sitemap.read_text(encoding="utf-8"))
        sitemap.write_text(text, encoding="utf-8")
        sitemap.with_suffix(".xml.gz").write_bytes(gzip.compress(text.encode(), mtime=0))


def localize_ui(output: str, lang: str) -> str:
    """Theme and build strings around the page text (permalink titles, "Output", ...)."""
    english = site_config.strings(site_config.default_language())["ui"]
    strings = site_config.strings(lang)["ui"]
    for key, text in english.items():
        output = re.sub(rf'([">]){re.escape(text)}(["<])',
                        lambda m: m[1] + html.escape(strings[key]) + m[2], output)
    return output
