"""Where things live: languages, pages, their URLs and the site's own strings."""
import os
from functools import cache
from pathlib import Path

import yaml

DOCS = Path("docs")
LOCALES = Path("locales")
DEFAULT_LANGUAGE = "en"


@cache
def config() -> dict:
    """mkdocs.yml, with its !ENV tags read as their defaults."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda l, node: l.construct_sequence(node)[-1])
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda l, s, n: None)
    return yaml.load(Path("mkdocs.yml").read_text(), Loader=loader)


@cache
def pinned_versions() -> dict[str, str]:
    """{package: version} of every exact pin in requirements.txt."""
    lines = Path("requirements.txt").read_text().split()
    return dict(line.split("==", 1) for line in lines if "==" in line)


def environ_for_lite() -> dict[str, str]:
    """This process's environment without MILVUS_URI/MILVUS_TOKEN: code then uses Milvus Lite."""
    return {k: v for k, v in os.environ.items() if k not in ("MILVUS_URI", "MILVUS_TOKEN")}


def languages() -> list[str]:
    i18n = next(p["i18n"] for p in config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    return [lang["locale"] for lang in i18n["languages"]]


@cache
def strings(lang: str) -> dict:
    return yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))


def language_of(page: str) -> str:
    return Path(page).relative_to(DOCS).parts[0]


def lang_root(lang: str) -> str:
    """A language's folder in site URLs: "" for the default language, else "<lang>/"."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_url(page: str) -> str:
    """Absolute URL of a page (or notebook) of docs/<lang>/ on the published site."""
    lang = language_of(page)
    path = Path(page).relative_to(DOCS / lang).with_suffix("")
    if path.name == "index":
        path = path.parent
    return config()["site_url"] + lang_root(lang) + ("" if str(path) == "." else f"{path.as_posix()}/")


def pages(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    return sorted(str(p) for p in (DOCS / lang).glob("*.md"))


def english_pages() -> list[str]:
    """English pages that run code."""
    from tools.pages import steps
    return [p for p in pages() if steps(p)]


def notebook_pages() -> list[str]:
    """Pages, in every language, that have a notebook twin."""
    from tools.pages import steps
    return [p for lang in languages() for p in pages(lang) if steps(p)]
