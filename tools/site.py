"""Where things live: pages, languages, notebooks."""
from pathlib import Path

DOCS = Path("docs")
DEFAULT_LANGUAGE = "en"


def english_pages() -> list[str]:
    """English pages that run code, as repository-relative paths, sorted."""
    from tools.pages import steps
    pages = sorted(str(p) for p in (DOCS / DEFAULT_LANGUAGE).glob("*.md"))
    return [p for p in pages if steps(p)]
