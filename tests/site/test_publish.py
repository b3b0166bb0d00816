"""The site as scripts/build publishes it links only to its public address.

Without a repository configured, no edit or Colab link appears (the suite's own build has one
configured: tests/site/test_llms_and_repository_links.py checks those links). That build is
made for the default language only (LANGUAGES): a missing repository takes the same branch of
tools/hooks/repository.py in every language (static-i18n allows no per-language repo_url or
edit_uri), and the suite's build, which has every language and the same public address, is
checked for local addresses too."""
import os
import re
import subprocess

import pytest

from tests.site.build import PUBLIC_URL, ROOT
from tools import config

pytestmark = pytest.mark.xdist_group("publish")   # one second build, on one worker
LOCAL = re.compile(r'(?:href|src)="(?:https?:)?//(?:localhost|127\.0\.0\.1)[:/]|\]\(https?://(?:localhost|127\.)')


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = tmp_path_factory.mktemp("published") / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("REPO_URL", "EDIT_URI")}
    env.update(SITE_URL=PUBLIC_URL, SITE_DIR=str(site), LANGUAGES=config.default_language(),
               MKDOCS_JUPYTER_CACHE=str(site.parent / "jupyter-cache"))
    result = subprocess.run([ROOT / "scripts/build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"scripts/build failed:\n{result.stderr[-3000:]}"
    return site


def test_build_refuses_a_local_address(tmp_path):
    result = subprocess.run([ROOT / "scripts/build"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "SITE_URL": "http://127.0.0.1:8000/", "SITE_DIR": str(tmp_path)})
    assert result.returncode == 2 and "is a local address" in result.stderr


@pytest.mark.parametrize("build", ["published", "built_site"])
def test_nothing_published_links_to_a_local_address(request, build):
    site = request.getfixturevalue(build)
    offenders = [str(p.relative_to(site)) for p in site.rglob("*")
                 if p.suffix in (".html", ".ipynb", ".md", ".txt") and LOCAL.search(p.read_text("utf-8"))]
    assert not offenders, f"{build}: files that link to a local address: {offenders}"


def test_without_a_repository_there_are_no_edit_or_colab_links(published):
    pages_with = [str(p.relative_to(published)) for p in published.rglob("index.html")
                  if "colab.research.google.com" in (text := p.read_text("utf-8")) or 'rel="edit"' in text]
    assert not pages_with, f"edit or Colab links without a repository configured: {pages_with}"
