"""mkdocs-jupyter's render cache survives static-i18n's one build per language.

Read off the run's shared build (tests/site_build.py, MKDOCS_JUPYTER_CACHE=<shared>/jupyter-cache):
no second build is needed.
"""
import os
import re

from tests.site_build import ROOT
from tools import site


def _notebooks(lang: str) -> list:
    return sorted((ROOT / "notebooks" / lang).glob("*.ipynb"))


def test_every_language_keeps_its_notebooks_cached(built_site):
    """Each language's build used to evict the others' entries: only fr's survived."""
    cache = built_site.parent / "jupyter-cache"
    assert sum(len(_notebooks(lang)) for lang in site.languages()) == 10
    for lang in site.languages():
        entries = list((cache / lang).glob("*.json"))
        assert len(entries) == len(_notebooks(lang)), \
            f"[{lang}] {len(entries)} cache entries in {cache / lang} for {len(_notebooks(lang))} notebooks"


def test_translated_notebooks_come_from_the_prerendered_cache(built_site):
    """The second process renders the translations with mkdocs-jupyter's own cache key, so
    the language builds hit its entries instead of rendering again."""
    log = (built_site.parent / "site.built").read_text()
    hits = {os.path.realpath(p) for p in re.findall(r"Cache hit: (\S+)", log)}
    wanted = {str(p.resolve()) for lang in site.languages() if lang != site.DEFAULT_LANGUAGE
              for p in _notebooks(lang)}
    assert hits == wanted, f"cache hits {sorted(hits)}, not {sorted(wanted)}"
