"""MkDocs hook: a translation whose English sections changed since it was stamped says which.

The banner above the page names each outdated section and links to it on the English page;
each outdated heading carries a small marker. Which sections are outdated comes from
tools/translations.py, the same function `scripts/translations status` prints.
"""
import html
import re

from tools import config as site_config
from tools import pages, translations
from tools.markdown import TOP


def _translated_page(page) -> str | None:
    lang = site_config.language_of_url(page.file.src_uri)
    if lang == site_config.default_language() or not page.file.src_uri.endswith(".md"):
        return None
    return str(pages.DOCS / page.file.src_uri)


def on_page_context(context, page, config, nav):
    path = _translated_page(page)
    outdated = translations.outdated_sections(path) if path else []
    if outdated:
        translated, source = pages.read(path), pages.source_of(pages.read(path))
        titles = {s.id: s.title for s in translated.sections}
        context["i18n_outdated"] = {
            **site_config.strings(translated.lang)["outdated"],
            "url": source.url_path,
            "sections_label": site_config.strings(translated.lang)["outdated"]["sections"],
            "sections": [{"id": sid, "title": titles.get(sid) or translated.title,
                          "url": source.url_path + (f"#{sid}" if sid != TOP else "")}
                         for sid in outdated],
        }
    return context


def on_page_content(content, page, config, files):
    """The marker after each outdated heading's text."""
    path = _translated_page(page)
    if not path:
        return content
    marker = site_config.strings(pages.read(path).lang)["outdated"]["marker"]
    for sid in translations.outdated_sections(path):
        content = re.sub(rf'(<h[1-6] id="{re.escape(sid)}"[^>]*>.*?)(<a class="headerlink"|</h[1-6]>)',
                         lambda m: f'{m[1]} <span class="i18n-outdated-marker" data-search-exclude>{html.escape(marker)}</span>{m[2]}',
                         content, count=1, flags=re.S)
    return content
