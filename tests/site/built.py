"""Reading the built site: a language's search index and the pages' configuration script."""
import json
import re
from pathlib import Path

from tools import config


def search_index(built_site: Path, lang: str) -> dict:
    path = built_site / config.lang_root(lang) / "search" / "search_index.json"
    assert path.exists(), f"[{lang}] {path.relative_to(built_site)}: no search index"
    return json.loads(path.read_text(encoding="utf-8"))


def material_config(html: str) -> dict:
    """The JSON Material reads from <script id="__config"> (its `base`, translations...)."""
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                html, re.S)[1])
