"""`scripts/translations new-lang` gives a site that builds and checks that name what is left.

It runs in a copy of the project; every translation check names what is left to translate in
the new language."""
import os
import shutil
import subprocess
import sys

import pytest

from tests.site.build import ROOT

pytestmark = pytest.mark.xdist_group("new-language")
COPIED = ["docs", "locales", "snippets", "notebooks", "tools", "overrides", "benchmarks", "tests",
          "evidence", "mkdocs.yml", "requirements.txt", "requirements", "pyproject.toml"]


def _run(*command, cwd, **env) -> str:
    result = subprocess.run([sys.executable, *command], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cwd), **env})
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    copy = tmp_path_factory.mktemp("new-language")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    _run("-m", "tools.translations", "new-lang", "es", "Español", cwd=copy)
    _run("-m", "tools.generated", "es", cwd=copy)   # the other languages' fragments are copied
    _run("-m", "tools.notebooks", cwd=copy)
    return copy


def test_the_site_builds_with_the_new_language(project):
    # English and the new language only, to keep the build short
    _run("-m", "mkdocs", "build", "--strict", "-q", "--site-dir", str(project / "site"), cwd=project, LANGUAGES="es")
    page = (project / "site" / "es" / "sdk-v2" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page, "the new language's pages do not say they are in Spanish"
    assert (project / "site" / "es" / "notebooks" / "sdk-v2" / "index.html").exists()


def test_every_check_names_what_is_left_to_translate(project):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "addopts=",
         "tests/translations/test_pages.py", "-k", "es/ or [es]", "--tb=short"],
        cwd=project, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(project)})
    assert result.returncode == 1, result.stdout[-3000:]
    for failure in ("docs/es/sdk-v2.md, section #tldr: paragraph at line",          # still English
                    "glossary term 'collection' should be rendered 'TODO(translate):'",
                    "[es] locales/es.yml: strings still to translate"):
        assert failure in result.stdout, f"the checks do not say {failure!r}:\n{result.stdout[-3000:]}"
