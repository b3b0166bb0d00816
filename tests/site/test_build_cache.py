"""mkdocs-jupyter's render cache survives static-i18n's one build per language.

Read off the run's shared build (tests/site/build.py, MKDOCS_JUPYTER_CACHE=<shared>/jupyter-cache):
no second build is needed.
"""
import re
from pathlib import Path

import pytest

from tools import config, pages


def _notebooks(lang: str) -> list[str]:
    return sorted(p.notebook_path.name for p in pages.notebook_pages() if p.lang == lang)


@pytest.mark.parametrize("lang", config.languages())
def test_every_language_keeps_its_notebooks_cached(built_site, lang):
    """Each language's build used to evict the others' entries: only the last one's survived."""
    entries = list((built_site.parent / "jupyter-cache" / lang).glob("*.json"))
    assert _notebooks(lang), f"[{lang}] no notebooks: nothing to check"
    assert len(entries) == len(_notebooks(lang)), \
        f"[{lang}] {len(entries)} cache entries for the notebooks {_notebooks(lang)}"


def test_translated_notebooks_come_from_the_prerendered_cache(built_site):
    """The second process renders the translations with mkdocs-jupyter's own cache key, so
    the language builds hit its entries instead of rendering again."""
    log = (built_site.parent / "site.built").read_text()
    # published copies: <cache>-published/<lang>/notebooks/<name>.ipynb
    hits = sorted(f"{Path(p).parts[-3]}/{Path(p).name}" for p in re.findall(r"Cache hit: (\S+)", log))
    wanted = sorted(f"{lang}/{name}" for lang in config.translations() for name in _notebooks(lang))
    assert hits == wanted, f"cache hits {hits}, not {wanted}"
