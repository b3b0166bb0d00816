"""Every translation: present, same shape as English, in its own language, glossary kept.

Failures name the language, the page and the section (heading id). Sections whose English
text changed since the translation was stamped are reported, not failed (STRICT_TRANSLATIONS=1
fails on them, for releases).
"""
import os
import re
from pathlib import Path

import pytest
import yaml

from tests.translations import checks
from tools import config, pages, translations

pytestmark = pytest.mark.xdist_group("translations")   # the language detector loads once

LANGS = config.translations()
PAIRS = [(source, pages.translation_of(source, lang)) for source in pages.source_pages() for lang in LANGS]
EXISTING = [(en, tr) for en, tr in PAIRS if Path(tr).exists()]
ALL_PAGES = pages.all_pages()
STRICT = os.environ.get("STRICT_TRANSLATIONS") == "1"


def _ids(pairs):
    return [tr for _, tr in pairs]


@pytest.mark.parametrize("english, translated", PAIRS, ids=_ids(PAIRS))
def test_page_is_translated(english, translated):
    assert Path(translated).exists(), (
        f"[{Path(translated).parts[1]}] {translated}: missing translation of {english.path}")


@pytest.mark.parametrize("lang", LANGS)
def test_notebooks_folder_is_linked_into_the_docs(lang):
    link = pages.DOCS / lang / "notebooks"
    assert link.is_symlink() and link.resolve() == Path("notebooks", lang).resolve(), (
        f"[{lang}] {link} must be a symlink to ../../notebooks/{lang}")


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_outdated_sections_are_reported(english, translated, record_property):
    """Informs (the summary at the end of the run lists them); fails only when strict."""
    outdated = translations.outdated_sections(translated)
    record_property("outdated_sections", outdated)
    if outdated and STRICT:
        pytest.fail(f"[{pages.read(translated).lang}] {translated}: sections changed in English since "
                    f"the translation was stamped: {outdated} (scripts/translations status --diff)")


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_every_heading_has_an_explicit_id(page):
    unnamed = [s.id for s in page.sections if s.id.startswith("(no id")]
    assert not unnamed, (f"[{page.lang}] {page.path}: headings without an explicit id "
                         f"{{ #id }}, so links and anchors cannot match across languages: {unnamed}")


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_translation_has_the_structure_of_its_source(english, translated):
    problems = checks.structure_problems(english, pages.read(translated))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", ALL_PAGES, ids=[p.path for p in ALL_PAGES])
def test_every_paragraph_is_in_the_page_language(page):
    problems = checks.language_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_glossary_terms_are_respected(english, translated):
    problems = checks.glossary_problems(english, pages.read(translated))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_code_spans_are_those_of_the_english_section(english, translated):
    problems = checks.code_span_problems(english, pages.read(translated))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("english, translated", EXISTING, ids=_ids(EXISTING))
def test_numbers_are_those_of_the_english_section(english, translated):
    problems = checks.number_problems(english, pages.read(translated))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_file_follows_the_schema(lang):
    problems = checks.glossary_schema_problems(lang)
    assert not problems, "\n".join(problems)


def _keys(tree: dict) -> set[str]:
    return {key for key, _ in _items(tree)}


@pytest.mark.parametrize("lang", LANGS)
def test_site_strings_have_every_key_of_english(lang):
    english, strings = config.strings(config.default_language()), config.strings(lang)
    missing, extra = _keys(english) - _keys(strings), _keys(strings) - _keys(english)
    assert not missing and not extra, (
        f"[{lang}] locales/{lang}.yml: missing keys {sorted(missing)}, unknown keys {sorted(extra)}")
    assert {"{title}", "{url}"} <= set(re.findall(r"\{\w+\}", strings["notebook"]["generated_from"])), (
        f"[{lang}] locales/{lang}.yml: notebook.generated_from must keep {{title}} and {{url}}")
    untranslated = sorted(key for key, value in _items(strings) if translations.TODO.strip() in str(value))
    assert not untranslated, f"[{lang}] locales/{lang}.yml: strings still to translate: {untranslated}"


def _items(tree: dict, prefix: str = ""):
    for key, value in tree.items():
        yield from (_items(value, f"{prefix}{key}.") if isinstance(value, dict) else [(f"{prefix}{key}", value)])


def test_the_glossary_readme_shows_a_real_entry():
    readme = (checks.GLOSSARY / "README.md").read_text(encoding="utf-8")
    lang, example = re.search(r"An entry of `(\w+)\.yml`:\n\n```yaml\n(.*?)```", readme, re.S).groups()
    shown = yaml.safe_load(example)["terms"][0]
    real = next((t for t in checks.glossary(lang) if t["en"] == shown["en"]), None)
    assert real and real["use"] == shown["use"] and set(shown["avoid"]) <= set(real.get("avoid", [])), \
        f"locales/glossary/README.md shows {shown}, but {lang}.yml has {real}"
