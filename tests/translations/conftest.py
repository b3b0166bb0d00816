"""A scratch project (sample/): docs/en/sample.md and its current German translation."""
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from tools import config, pages, translations

SAMPLE = Path(__file__).parent / "sample"
ROOT = Path(__file__).resolve().parents[2]


def _forget_settings():
    config.mkdocs_config.cache_clear()
    config.strings.cache_clear()


@pytest.fixture
def sample(tmp_path, monkeypatch):
    shutil.copytree(SAMPLE, tmp_path, dirs_exist_ok=True)
    shutil.copytree(ROOT / "locales", tmp_path / "locales", ignore=shutil.ignore_patterns("stamps"))
    monkeypatch.chdir(tmp_path)
    _forget_settings()
    translations.stamp("docs/de/sample.md")
    english, german = tmp_path / "docs/en/sample.md", tmp_path / "docs/de/sample.md"
    yield SimpleNamespace(en="docs/en/sample.md", de="docs/de/sample.md", english=english,
                           german=german, read=lambda: (pages.read(english.relative_to(tmp_path)),
                                                        pages.read(german.relative_to(tmp_path))))
    _forget_settings()
