"""Every internal link and anchor of the built site resolves, in every language; external links
are listed in reports/external-links.md for a person to check (there is no internet here)."""
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools import links, site

REPORT = Path(__file__).resolve().parents[1] / "reports" / "external-links.md"


def _language_of(page_path: str) -> str:
    first = page_path.split("/", 1)[0]
    return first if first in site.languages() else site.DEFAULT_LANGUAGE


@pytest.mark.parametrize("lang", site.languages())
def test_internal_links_and_anchors_resolve(built_site, lang):
    site_url = site.config()["site_url"]
    mine = [l for l in links.links(built_site)
            if _language_of(l.page) == lang and not links.is_external(l, site_url)]
    assert mine, f"[{lang}] the built site has no internal links in this language"
    broken = [f"  /{l.page}: {l.target} -> {why}" for l in mine
              if (why := links.problem(built_site, site_url, l))]
    assert not broken, f"[{lang}] links that do not resolve:\n" + "\n".join(broken)


def test_external_links_are_listed(built_site):
    site_url = site.config()["site_url"]
    external = [l for l in links.links(built_site) if links.is_external(l, site_url)]
    malformed = [f"/{l.page}: {l.target}" for l in external
                 if urlsplit(l.target).scheme not in ("http", "https", "mailto", "tel")]
    assert not malformed, f"external links with an odd scheme: {malformed}"
    links.report(REPORT, external)
    listed = REPORT.read_text(encoding="utf-8")
    missing = [l.target for l in external if l.target not in listed]
    assert not missing, f"{REPORT} misses {missing}"
