"""Outdated sections: found per English section, listed by `status`, shown by the build's banner."""
import subprocess
from types import SimpleNamespace

from material.plugins.search.plugin import Parser as SearchParser

from tests.translations.editing import edit
from tools import config, translations
from tools.hooks import outdated_banner


def test_a_stamped_translation_is_current(sample):
    assert translations.state(sample.de) == "current"
    assert translations.outdated_sections(sample.de) == []


def _translate_into_every_language(sample):
    """Status of a complete site: the German page stands in for the other languages too."""
    for lang in ("pt", "id", "fr"):
        copy = sample.german.parent.parent / lang / "sample.md"
        copy.parent.mkdir()
        copy.write_text(sample.german.read_text(encoding="utf-8"), encoding="utf-8")
        translations.stamp(f"docs/{lang}/sample.md")


def test_editing_one_english_paragraph_outdates_exactly_its_section(sample, capsys):
    _translate_into_every_language(sample)
    edit(sample.english, "sorted by their distance", "sorted by distance")
    assert translations.outdated_sections(sample.de) == ["search"]
    assert translations.main(["status"]) == 0, "outdated sections inform, they do not fail"
    out = capsys.readouterr().out
    for lang in ("de", "pt", "id", "fr"):
        assert f"outdated  docs/{lang}/sample.md  outdated sections: search\n" in out
    assert "0 current, 4 with outdated sections, 0 missing" in out
    translations.main(["stamp", sample.de, "search"])
    assert translations.state(sample.de) == "current"


def test_a_new_english_section_is_outdated_until_stamped(sample):
    edit(sample.english, "## Search { #search }", "## Filter { #filter }\n\nA new part.\n\n"
         "## Search { #search }")
    assert translations.outdated_sections(sample.de) == ["filter"]


def test_changing_the_title_outdates_the_top(sample):
    edit(sample.english, "title: Sample", "title: Another sample")
    assert translations.outdated_sections(sample.de) == ["(top)"]


def test_missing_translation_is_reported_and_fails_status(sample, capsys):
    sample.german.unlink()
    assert translations.state(sample.de) == "missing"
    assert translations.main(["status"]) == 1
    assert "missing   docs/de/sample.md" in capsys.readouterr().out


def _diff_after(edit_english):
    """Run `status --diff` once the scratch project is committed and then edited (it prints)."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "sample"], check=True)
    edit_english()
    translations.main(["status", "--diff"])


def test_status_diff_shows_the_english_change_from_git_history(sample, capsys):
    _diff_after(lambda: edit(sample.english, "sorted by their distance", "sorted by distance"))
    out = capsys.readouterr().out
    assert "--- #search ---" in out
    assert "-A search returns the nearest vectors of a collection, sorted by their distance." in out
    assert "+A search returns the nearest vectors of a collection, sorted by distance." in out


def test_status_diff_shows_a_changed_title_or_description(sample, capsys):
    """The front matter heads the page's first section: a stamp covers it, and so does the diff."""
    _diff_after(lambda: edit(sample.english, "title: Sample\n", "title: Sample page\n"))
    out = capsys.readouterr().out
    assert "--- #(top) ---" in out and "-Sample\n" in out and "+Sample page\n" in out, out


def _page(src_uri: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta={})


def test_the_banner_names_and_links_the_outdated_sections(sample):
    assert "i18n_outdated" not in outdated_banner.on_page_context({}, _page("de/sample.md"), None, None)
    edit(sample.english, "sorted by their distance", "sorted by distance")
    banner = outdated_banner.on_page_context({}, _page("de/sample.md"), None, None)["i18n_outdated"]
    assert banner["sections"] == [{"id": "search", "title": "Suchen", "url": "sample/#search"}]
    assert banner["url"] == "sample/"
    assert banner["title"] == config.strings("de")["outdated"]["title"]
    html = ('<h2 id="connect">Verbinden<a class="headerlink" href="#connect">¶</a></h2>'
            '<h2 id="search">Suchen<a class="headerlink" href="#search">¶</a></h2>')
    marked = outdated_banner.on_page_content(html, _page("de/sample.md"), None, None)
    assert marked.count("i18n-outdated-marker") == 1
    marker = config.strings("de")["outdated"]["marker"]
    assert f'<h2 id="search">Suchen <span class="i18n-outdated-marker" data-search-exclude>{marker}</span>' in marked
    assert _search_titles(marked) == ["Verbinden", "Suchen"], \
        "the outdated marker leaks into the search index's section titles"
    assert _search_titles(marked.replace(" data-search-exclude", ""))[-1] == f"Suchen {marker}"


def _search_titles(html: str) -> list[str]:
    """Section titles as Material's search plugin indexes them."""
    parser = SearchParser()
    parser.feed(html)
    return [title for section in parser.data if (title := "".join(section.title).strip())]
