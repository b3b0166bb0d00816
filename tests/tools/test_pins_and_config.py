"""tools/pins.py and tools/config.py: exact pins through includes; languages and the site URL."""
import pytest

from tools import config, pins


def test_pins_follow_includes_and_ignore_comments(tmp_path):
    (tmp_path / "more.txt").write_text("# site\nmkdocs==1.6.1  # the build\n")
    (tmp_path / "req.txt").write_text("-r more.txt\npymilvus==3.0.2\nloose>=1\n")
    assert pins.pinned_versions(tmp_path / "req.txt") == {"mkdocs": "1.6.1", "pymilvus": "3.0.2"}


def test_an_unpinned_package_is_named():
    with pytest.raises(KeyError, match="no-such-package"):
        pins.pins_of(["no-such-package"])


def test_languages_default_first_and_url_folders():
    assert config.languages()[0] == config.default_language() == "en"
    assert config.translations() == config.languages()[1:]
    assert config.lang_root("en") == "" and config.lang_root("de") == "de/"
    assert config.language_of_url("de/sdk-v2/") == "de"
    assert config.language_of_url("sdk-v2/") == config.language_of_url("/") == "en"


def test_site_url_comes_from_one_setting(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://docs.example.org/milvus")
    config.mkdocs_config.cache_clear()
    try:
        assert config.site_url() == "https://docs.example.org/milvus/"
    finally:
        monkeypatch.delenv("SITE_URL")
        config.mkdocs_config.cache_clear()
