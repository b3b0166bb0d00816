"""The site's settings: mkdocs.yml (languages, public URL) and each language's strings in locales/."""
import os
from functools import cache
from pathlib import Path

import yaml

LOCALES = Path("locales")


@cache
def mkdocs_config() -> dict:
    """mkdocs.yml, with its !ENV tags read as their defaults (or the variable, when set)."""
    loader = type("Loader", (yaml.SafeLoader,), {})

    def env_tag(load, node):
        *names, default = load.construct_sequence(node)
        return next((os.environ[n] for n in names if os.environ.get(n)), default)
    loader.add_constructor("!ENV", env_tag)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda l, s, n: None)
    return yaml.load(Path("mkdocs.yml").read_text(), Loader=loader)


def _i18n() -> dict:
    return next(p["i18n"] for p in mkdocs_config()["plugins"] if isinstance(p, dict) and "i18n" in p)


def languages() -> list[str]:
    """Every language of the site, the default one first."""
    return [lang["locale"] for lang in _i18n()["languages"]]


def default_language() -> str:
    return next(lang["locale"] for lang in _i18n()["languages"] if lang.get("default"))


def unknown_languages(codes) -> str:
    """What a refusal of `codes` says when some are not languages of mkdocs.yml, else ""."""
    if unknown := set(codes) - set(languages()):
        return f"not languages of mkdocs.yml: {', '.join(sorted(unknown))} (known: {', '.join(languages())})"
    return ""


def translations() -> list[str]:
    """The languages translated from the default one."""
    return [lang for lang in languages() if lang != default_language()]


def language_tag(lang: str) -> str:
    """The language's BCP 47 tag for <html lang> and hreflang ("pt-BR" for the folder "pt"):
    the language's `theme: {language: ...}` in mkdocs.yml, else the folder name."""
    entry = next(entry for entry in _i18n()["languages"] if entry["locale"] == lang)
    return (entry.get("theme") or {}).get("language", lang)


def site_url() -> str:
    """The public address of the site, ending in "/" (one setting: SITE_URL or mkdocs.yml)."""
    return mkdocs_config()["site_url"].rstrip("/") + "/"


def lang_root(lang: str) -> str:
    """A language's folder in site URLs: "" for the default language, else "<lang>/"."""
    return "" if lang == default_language() else f"{lang}/"


def language_of_url(path: str) -> str:
    """The language of a URL path relative to the site root ("de/x/" -> "de", "x/" -> "en")."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in translations() else default_language()


@cache
def strings(lang: str) -> dict:
    """The site's own strings in `lang` (locales/<lang>.yml)."""
    return yaml.safe_load((LOCALES / f"{lang}.yml").read_text(encoding="utf-8"))
