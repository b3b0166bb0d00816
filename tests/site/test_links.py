"""Every internal link and anchor of the built site resolves, in every language.

External links are listed in artifacts/external-links.md for a person to check (there is no
internet here)."""
from urllib.parse import urlsplit

import pytest

from tests.site import links
from tests.site.build import ARTIFACTS
from tools import config


@pytest.mark.parametrize("lang", config.languages())
def test_internal_links_and_anchors_resolve(built_site, lang):
    site_url = config.site_url()
    mine = [l for l in links.links(built_site)
            if config.language_of_url(l.page) == lang and not links.is_external(l, site_url)]
    assert mine, f"[{lang}] the built site has no internal links in this language"
    broken = [f"  /{l.page}: {l.target} -> {why}" for l in mine
              if (why := links.problem(built_site, site_url, l))]
    assert not broken, f"[{lang}] links that do not resolve:\n" + "\n".join(broken)


def test_external_links_are_well_formed_and_listed(built_site):
    external = [l for l in links.links(built_site) if links.is_external(l, config.site_url())]
    malformed = [f"/{l.page}: {l.target}" for l in external
                 if urlsplit(l.target).scheme not in ("http", "https", "mailto", "tel")]
    assert not malformed, f"external links with an odd scheme: {malformed}"
    links.report(ARTIFACTS / "external-links.md", external)
