"""MkDocs hook: one search index per language, which each page of that language loads.

mkdocs-static-i18n merges the entries of every language into one search/search_index.json
(its issue #271), so a search on a German page also finds English, French... pages. After
the build, split_index() writes each language its own index: the default language's at
search/search_index.json, the others' at <lang>/search/search_index.json, each with the
lunr settings Material uses for that language. on_post_page points Material's `base` on a
translated page at <lang>/, so the page loads its language's index. (Material also reads
`base` for navigation.instant and version selectors; this site uses neither.)
"""
import json
import re
from functools import cache
from pathlib import Path

import material
from mkdocs.plugins import event_priority

from tools import config as site_config

LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"
SEARCH_KEY = re.compile(r'"search\.config\.(lang|pipeline|separator)":\s*"((?:[^"\\]|\\.)*)"')


@cache
def material_search_config(lang: str) -> dict:
    """lunr language, pipeline and separator from Material's translation of `lang`.

    lunr has no Indonesian stemmer; Material's Indonesian settings then keep lunr's English
    tokenizer but drop the stemmer, stop words and trimmer (an empty pipeline), so whole
    Indonesian words match as they are written.
    """
    values = {}
    for name in ("en", lang):      # Material falls back to English for keys a language lacks
        path = LANGUAGES / f"{name}.html"
        for key, value in SEARCH_KEY.findall(path.read_text(encoding="utf-8")):
            values[key] = json.loads(f'"{value}"')
    return {"lang": [values["lang"]],
            "separator": values["separator"],
            "pipeline": [p for p in re.split(r"\s*,\s*", values["pipeline"].strip()) if p]}


CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">.*?"base":\s*")([^"]*)"',
                           re.S)


def on_post_page(output, page, config):
    lang = site_config.language_of_url(page.file.src_uri)
    if lang == site_config.default_language():
        return output
    # Material fetches search/search_index.json under `base`: the language's own index
    return CONFIG_SCRIPT.sub(lambda m: f'{m[1]}{m[2].rstrip("/")}/{lang}/"', output, 1)


@event_priority(-200)   # after static-i18n has merged every language's entries into one index
def on_post_build(config):
    split_index(Path(config["site_dir"]), site_config.languages(), site_config.default_language())


def split_index(site_dir: Path, languages: list[str], default: str) -> None:
    root = site_dir / "search" / "search_index.json"
    if not root.exists():
        return
    merged = json.loads(root.read_text(encoding="utf-8"))
    for lang in languages:
        docs = [_relative(doc, lang, default) for doc in merged["docs"]
                if site_config.language_of_url(doc["location"]) == lang]
        if not docs and lang != default:
            continue     # a build of fewer languages (static-i18n builds them one by one)
        config = {**merged["config"], **material_search_config(site_config.language_tag(lang))}
        target = root if lang == default else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")


def _relative(doc: dict, lang: str, default: str) -> dict:
    """Locations relative to the language's root, where its pages set Material's `base`."""
    if lang == default:
        return doc
    return {**doc, "location": doc["location"].removeprefix(f"{lang}/")}
