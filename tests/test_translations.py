"""Translations: complete, current, same shape as English, in the right language, glossary kept.

Every failure names the language, the page and the section (heading id). The checkers live
in tools/i18n.py; the synthetic cases at the end prove that each one fails when it should.
"""
import re
from xml.etree import ElementTree
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
import yaml

from tools import i18n, mkdocs_hooks, site

pytestmark = pytest.mark.xdist_group("translations")   # the language detector loads once

LANGS = i18n.translations()
PAIRS = [(en, str(site.DOCS / lang / Path(en).name)) for en in site.pages() for lang in LANGS]
EXISTING = [(en, tr) for en, tr in PAIRS if Path(tr).exists()]
ALL_PAGES = [p for lang in site.languages() for p in site.pages(lang)]
NOTEBOOKS = sorted(Path("notebooks", site.DEFAULT_LANGUAGE).glob("*.ipynb"))


def _ids(pairs):
    return [tr for _, tr in pairs]


# --- the real pages -------------------------------------------------------------------------

@pytest.mark.parametrize("english, translated", PAIRS, ids=_ids(PAIRS))
def test_page_is_translated(english, translated):
    assert Path(translated).exists(), (
        f"[{site.language_of(translated)}] {translated}: missing translation of {english}")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.name for n in NOTEBOOKS])
def test_notebook_is_translated(lang, notebook):
    assert Path("notebooks", lang, notebook.name).exists(), (
        f"[{lang}] notebooks/{lang}/{notebook.name}: missing (translate "
        f"docs/{lang}/{notebook.stem}.md, then run scripts/make-notebooks)")


@pytest.mark.parametrize("lang", LANGS)
def test_notebooks_folder_is_linked_into_the_docs(lang):
    link = site.DOCS / lang / "notebooks"
    assert link.is_symlink() and link.resolve() == Path("notebooks", lang).resolve(), (
        f"[{lang}] {link} must be a symlink to ../../notebooks/{lang}")


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_translation_is_current(english, translated):
    assert i18n.state(translated) == "current", (
        f"[{site.language_of(translated)}] {translated}: outdated, its source_hash is not the hash "
        f"of {english} ({i18n.source_hash(english)}); update the translation, then run "
        f"scripts/translations stamp {translated}")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_heading_has_an_explicit_id(page):
    unnamed = [s.id for s in i18n.page_sections(page) if s.id.startswith("(no id")]
    assert not unnamed, (f"[{site.language_of(page)}] {page}: headings without an explicit id "
                         f"{{ #id }}, so links and anchors cannot match across languages: {unnamed}")


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_translation_has_the_structure_of_its_source(english, translated):
    problems = i18n.structure_problems(english, translated)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_paragraph_is_in_the_page_language(page):
    problems = i18n.language_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_glossary_terms_are_respected(english, translated):
    problems = i18n.glossary_problems(english, translated)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_file_follows_the_schema(lang):
    path = i18n.GLOSSARY / f"{lang}.yml"
    assert path.exists(), f"[{lang}] {path} is missing"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("terms"), list) and data["terms"], (
        f"[{lang}] {path}: needs a non-empty top-level `terms:` list")
    for number, term in enumerate(data["terms"], 1):
        assert isinstance(term, dict) and set(term) <= {"en", "use", "avoid"}, (
            f"[{lang}] {path}: term {number} has keys other than en, use, avoid: {term}")
        assert isinstance(term.get("en"), str) and isinstance(term.get("use"), str), (
            f"[{lang}] {path}: term {number} needs `en` and `use` strings: {term}")
        avoid = term.get("avoid", [])
        assert isinstance(avoid, list) and all(isinstance(a, str) for a in avoid), (
            f"[{lang}] {path}: `avoid` of {term['en']!r} must be a list of strings")
        assert term["use"].lower() not in [a.lower() for a in avoid], (
            f"[{lang}] {path}: {term['en']!r} both uses and avoids {term['use']!r}")


def _keys(tree: dict, prefix: str = "") -> set[str]:
    return {k for key, value in tree.items()
            for k in (_keys(value, f"{prefix}{key}.") if isinstance(value, dict)
                      else {f"{prefix}{key}"})}


@pytest.mark.parametrize("lang", LANGS)
def test_site_strings_have_every_key_of_english(lang):
    english, strings = site.strings(site.DEFAULT_LANGUAGE), site.strings(lang)
    missing, extra = _keys(english) - _keys(strings), _keys(strings) - _keys(english)
    assert not missing and not extra, (
        f"[{lang}] locales/{lang}.yml: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
    assert {"{title}", "{url}"} <= set(re.findall(r"\{\w+\}", strings["notebook"]["generated_from"])), (
        f"[{lang}] locales/{lang}.yml: notebook.generated_from must keep {{title}} and {{url}}")


# --- the built site -------------------------------------------------------------------------

def _built(built_site, page: str) -> Path:
    return built_site / site.page_url(page).removeprefix(site.config()["site_url"]) / "index.html"


def _sitemap_alternates(built_site) -> dict[str, dict[str, str]]:
    """{page URL: {hreflang: URL}} from the built sitemap.xml."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    found = {}
    for url in root.findall("s:url", ns):
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        for href in links.values():
            found[href] = links
    return found


def _heading_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]+)"', html)


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_built_translation_has_language_alternates_and_anchors(built_site, english, translated):
    lang = site.language_of(translated)
    html = _built(built_site, translated).read_text(encoding="utf-8")
    where = f"[{lang}] {translated}"
    assert f'<html lang="{lang}"' in html, f"{where}: <html lang> is not {lang}"
    assert 'rel="alternate"' not in html, f"{where}: <link rel=alternate> makes Material fetch a missing sitemap"
    expected = {code: site.page_url(str(site.DOCS / code / Path(english).name))
                for code in site.languages()}
    alternates = _sitemap_alternates(built_site).get(site.page_url(translated))
    assert alternates == expected, f"{where}: sitemap hreflang alternates {alternates} != {expected}"
    switcher = dict((code, href) for href, code in
                    re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">', html))
    for code, url in expected.items():
        landed = urljoin(site.page_url(translated), switcher.get(code, "?"))
        assert landed == url, f"{where}: the language switcher leads to {landed} for {code}, not {url}"
    english_ids = _heading_ids(_built(built_site, english).read_text(encoding="utf-8"))
    assert _heading_ids(html) == english_ids, f"{where}: heading ids differ from {english}"


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_built_outdated_banner_matches_status(built_site, english, translated):
    html = _built(built_site, translated).read_text(encoding="utf-8")
    outdated = i18n.state(translated) != "current"
    banner = site.strings(site.language_of(translated))["outdated"]["title"]
    assert ("i18n-outdated" in html) == outdated and (banner in html) == outdated, (
        f"[{site.language_of(translated)}] {translated}: the outdated banner is "
        f"{'missing' if outdated else 'shown'} although the translation is {i18n.state(translated)}")


# --- synthetic inputs: each checker fails when it should, naming language, page, section ---

ENGLISH = """---
title: Sample
packages: [pymilvus]
---

# Sample { #sample }

This sample page explains how a reader connects to the database and searches it.

## Connect { #connect }

Open a connection to the server before you create anything, then keep it for every step.

```python
--8<-- "snippets/x/x.py:connect"
```

!!! note "Good to know"
    The client keeps one connection for the whole program and closes it at the end.

## Search { #search }

| Field | Type |
|---|---|
| `id` | int |

A search returns the nearest vectors of a collection, sorted by their distance.
"""
GERMAN = """---
title: Beispiel
packages: [pymilvus]
source_hash: {hash}
---

# Beispiel {{ #sample }}

Diese Beispielseite erklärt, wie man sich mit der Datenbank verbindet und darin sucht.

## Verbinden {{ #connect }}

Öffne eine Verbindung zum Server, bevor du etwas anlegst, und behalte sie für jeden Schritt.

```python
--8<-- "snippets/x/x.py:connect"
```

!!! note "Gut zu wissen"
    Der Client hält eine Verbindung für das ganze Programm und schließt sie am Ende.

## Suchen {{ #search }}

| Feld | Typ |
|---|---|
| `id` | int |

Eine Suche liefert die nächsten Vektoren einer Collection, sortiert nach ihrem Abstand.
"""


@pytest.fixture
def sample(tmp_path, monkeypatch):
    """docs/en/sample.md and a current German translation, in a scratch folder."""
    monkeypatch.chdir(tmp_path)
    i18n.page_sections.cache_clear()
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "de").mkdir()
    english = tmp_path / "docs/en/sample.md"
    english.write_text(ENGLISH, encoding="utf-8")
    german = tmp_path / "docs/de/sample.md"
    german.write_text(GERMAN.format(hash=i18n.source_hash("docs/en/sample.md")), encoding="utf-8")
    yield SimpleNamespace(en="docs/en/sample.md", de="docs/de/sample.md", german=german,
                          english=english)
    i18n.page_sections.cache_clear()


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    i18n.page_sections.cache_clear()


def test_sample_translation_passes_every_check(sample):
    assert i18n.state(sample.de) == "current"
    assert i18n.structure_problems(sample.en, sample.de) == []
    assert i18n.language_problems(sample.de) == []
    assert i18n.language_problems(sample.en) == []
    terms = [{"en": "collection", "use": "Collection", "avoid": ["Sammlung"]}]
    assert i18n.glossary_problems(sample.en, sample.de, terms) == []


def test_deleted_section_is_named(sample):
    text = sample.german.read_text(encoding="utf-8")
    sample.german.write_text(text[:text.index("## Suchen")], encoding="utf-8")
    problems = i18n.structure_problems(sample.en, sample.de)
    assert problems == ["[de] docs/de/sample.md, section #search: missing (it is in docs/en/sample.md)"]


def test_changed_heading_id_and_order_are_named(sample):
    _edit(sample.german, "{ #connect }", "{ #verbinden }")
    problems = "\n".join(i18n.structure_problems(sample.en, sample.de))
    assert "section #connect: missing" in problems and "section #verbinden: not in" in problems


def test_dropped_admonition_table_code_and_include_are_named(sample):
    _edit(sample.german, '!!! note "Gut zu wissen"\n', "")
    _edit(sample.german, "|---|---|\n", "")
    _edit(sample.german, "x.py:connect", "x.py:search")
    problems = "\n".join(i18n.structure_problems(sample.en, sample.de))
    assert "[de] docs/de/sample.md, section #connect: 0 admonitions, but docs/en/sample.md has 1" in problems
    assert "section #search: 0 tables" in problems
    assert "section #connect: snippet includes ['snippets/x/x.py:search']" in problems


def test_changed_code_block_or_output_title_is_named(sample):
    _edit(sample.german, '```python\n--8<--', '```python title="Beispiel"\n--8<--')
    problems = i18n.structure_problems(sample.en, sample.de)
    assert len(problems) == 1 and problems[0].startswith(
        "[de] docs/de/sample.md, section #connect: code block differs from docs/en/sample.md"), problems


def test_paragraph_left_in_english_is_named(sample):
    _edit(sample.german, "Öffne eine Verbindung zum Server, bevor du etwas anlegst, und behalte sie "
          "für jeden Schritt.", "Open a connection to the server before you create anything, then "
          "keep it for every step.")
    problems = i18n.language_problems(sample.de)
    assert len(problems) == 1 and problems[0].startswith(
        "[de] docs/de/sample.md, section #connect: paragraph at line 13 reads as en"), problems


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "La recherche renvoie les vecteurs les plus proches d'une collection, triés par distance."),
    ("pt", "A busca devolve os vetores mais próximos de uma coleção, ordenados pela distância."),
    ("id", "Pencarian mengembalikan vektor terdekat dari sebuah koleksi, diurutkan menurut jaraknya."),
])
def test_paragraph_in_another_wrong_language_is_named(sample, lang, sentence):
    _edit(sample.german, "Eine Suche liefert die nächsten Vektoren einer Collection, sortiert nach "
          "ihrem Abstand.", sentence)
    problems = i18n.language_problems(sample.de)
    assert len(problems) == 1 and f"section #search: paragraph at line 28 reads as {lang}" in problems[0]


def test_code_spans_api_names_and_urls_do_not_count_as_english(sample):
    _edit(sample.german, "Eine Suche liefert", "Mit `client.search(collection_name, data=vectors, "
          "limit=10, output_fields=['text'])` und https://milvus.io/docs/search.md liefert "
          "AsyncMilvusClient eine Suche")
    assert i18n.language_problems(sample.de) == []


def test_glossary_avoided_and_missing_terms_are_named(sample):
    terms = [{"en": "collection", "use": "Collection", "avoid": ["Sammlung"]},
             {"en": "server", "use": "Server", "avoid": []}]
    _edit(sample.german, "einer Collection", "einer Sammlung")
    problems = i18n.glossary_problems(sample.en, sample.de, terms)
    assert problems == [
        "[de] docs/de/sample.md, section #search: glossary term 'collection' should be rendered 'Collection'",
        "[de] docs/de/sample.md, section #search: 'Sammlung' is to be avoided; the glossary says "
        "'Collection' for 'collection'"]


def test_glossary_ignores_avoided_words_in_code(sample):
    terms = [{"en": "collection", "use": "Collection", "avoid": ["Sammlung"]}]
    _edit(sample.german, "| int |", "| int `Sammlung` |")
    assert i18n.glossary_problems(sample.en, sample.de, terms) == []


def test_editing_english_makes_the_translation_outdated_and_stamp_fixes_it(sample, capsys):
    _edit(sample.english, "sorted by their distance", "sorted by distance")
    assert i18n.state(sample.de) == "outdated"
    assert i18n.main(["status"]) == 1
    assert "outdated  docs/de/sample.md" in capsys.readouterr().out
    i18n.main(["stamp", sample.de])
    assert i18n.state(sample.de) == "current"
    assert "source_hash: " + i18n.source_hash(sample.en) in sample.german.read_text(encoding="utf-8")


def test_missing_translation_is_reported(sample, capsys):
    sample.german.unlink()
    assert i18n.state(sample.de) == "missing"
    assert i18n.main(["status"]) == 1
    assert "missing   docs/de/sample.md" in capsys.readouterr().out


def test_banner_hook_flags_an_outdated_translation():
    """The build computes the hash itself: a wrong source_hash shows the localized banner."""
    english = site.pages()[0]
    name = Path(english).name

    def context(recorded):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=f"de/{name}"),
                               meta={"source_hash": recorded}, url=f"de/{Path(name).stem}/")
        return mkdocs_hooks.on_page_context({}, page=page, config=None, nav=None)

    assert "i18n_outdated" not in context(i18n.source_hash(english))
    banner = context("000000000000")["i18n_outdated"]
    assert banner["title"] == site.strings("de")["outdated"]["title"]
    assert banner["url"] == f"{Path(name).stem}/"
