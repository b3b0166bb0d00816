"""Each translation check fails when it should, naming language, page and section (sample/)."""
import pytest

from tests.translations import checks
from tests.translations.editing import edit

pytestmark = pytest.mark.xdist_group("translations")   # the language detector loads once
TERMS = [{"en": "collection", "use": "Collection", "avoid": ["Sammlung"]}]


def test_sample_translation_passes_every_check(sample):
    en, de = sample.read()
    assert checks.structure_problems(en, de) == []
    assert checks.language_problems(de) == []
    assert checks.language_problems(en) == []
    assert checks.glossary_problems(en, de, TERMS) == []
    assert checks.number_problems(en, de) == []
    assert checks.code_span_problems(en, de) == []


def test_deleted_section_is_named(sample):
    text = sample.german.read_text(encoding="utf-8")
    sample.german.write_text(text[:text.index("## Suchen")], encoding="utf-8")
    assert checks.structure_problems(*sample.read()) == [
        "[de] docs/de/sample.md, section #search: missing (it is in docs/en/sample.md)"]


def test_changed_heading_id_and_order_are_named(sample):
    edit(sample.german, "{ #connect }", "{ #verbinden }")
    problems = "\n".join(checks.structure_problems(*sample.read()))
    assert "section #connect: missing" in problems and "section #verbinden: not in" in problems


def test_dropped_admonition_table_and_changed_include_are_named(sample):
    edit(sample.german, '!!! note "Gut zu wissen"\n    ', "")
    edit(sample.german, "|---|---|\n", "")
    problems = "\n".join(checks.structure_problems(*sample.read()))
    assert "[de] docs/de/sample.md, section #connect: 0 note admonitions, but docs/en/sample.md has 1" in problems
    assert "section #search: 0 tables" in problems
    edit(sample.german, "x.py:connect", "x.py:search")
    problems = "\n".join(checks.structure_problems(*sample.read()))
    assert "section #connect: snippet includes ['snippets/x/x.py:search']" in problems


def test_an_admonition_of_another_kind_is_named(sample):
    edit(sample.german, '!!! note "Gut zu wissen"', '!!! warning "Gut zu wissen"')
    problems = "\n".join(checks.structure_problems(*sample.read()))
    assert "section #connect: 0 note admonitions, but docs/en/sample.md has 1" in problems
    assert "section #connect: 1 warning admonitions, but docs/en/sample.md has 0" in problems


def test_changed_code_block_or_output_title_is_named(sample):
    edit(sample.german, '```python\n--8<--', '```python title="Beispiel"\n--8<--')
    problems = checks.structure_problems(*sample.read())
    assert len(problems) == 1 and problems[0].startswith(
        "[de] docs/de/sample.md, section #connect: code block differs from docs/en/sample.md"), problems


def test_paragraph_left_in_english_is_named(sample):
    edit(sample.german, "Öffne eine Verbindung zum Server, bevor du etwas anlegst, und behalte sie "
         "für jeden Schritt.", "Open a connection to the server before you create anything, then "
         "keep it for every step.")
    problems = checks.language_problems(sample.read()[1])
    assert len(problems) == 1 and problems[0].startswith(
        "[de] docs/de/sample.md, section #connect: paragraph at line 12 reads as en"), problems


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "La recherche renvoie les vecteurs les plus proches d'une collection, triés par distance."),
    ("pt", "A busca devolve os vetores mais próximos de uma coleção, ordenados pela distância."),
    ("id", "Pencarian mengembalikan vektor terdekat dari sebuah koleksi, diurutkan menurut jaraknya."),
])
def test_paragraph_in_another_wrong_language_is_named(sample, lang, sentence):
    edit(sample.german, "Eine Suche liefert die nächsten Vektoren einer Collection, sortiert nach "
         "ihrem Abstand.", sentence)
    problems = checks.language_problems(sample.read()[1])
    assert len(problems) == 1 and f"section #search: paragraph at line 27 reads as {lang}" in problems[0]


def test_code_spans_api_names_and_urls_do_not_count_as_english(sample):
    edit(sample.german, "Eine Suche liefert", "Mit `client.search(collection_name, data=vectors, "
         "limit=10, output_fields=['text'])` und https://milvus.io/docs/search.md liefert "
         "AsyncMilvusClient eine Suche")
    assert checks.language_problems(sample.read()[1]) == []


def test_glossary_avoided_and_missing_terms_are_named(sample):
    terms = TERMS + [{"en": "server", "use": "Server", "avoid": []}]
    edit(sample.german, "einer Collection", "einer Sammlung")
    edit(sample.german, "eine Collection", "eine Sammlung")
    assert checks.glossary_problems(*sample.read(), terms) == [
        "[de] docs/de/sample.md, section #search: glossary term 'collection' should be rendered 'Collection'",
        "[de] docs/de/sample.md, section #search: 'Sammlung' is to be avoided; the glossary says "
        "'Collection' for 'collection'"]


def test_glossary_ignores_avoided_words_in_code(sample):
    edit(sample.german, "| int |", "| int `Sammlung` |")
    assert checks.glossary_problems(*sample.read(), TERMS) == []


@pytest.mark.parametrize("old, new, missing, extra", [
    ("10.000 Zeilen", "17.000 Zeilen", "10000", "17000"),
    ("1,5 ms", "15 ms", "1.5", "15"),
])
def test_a_number_that_differs_from_english_is_named(sample, old, new, missing, extra):
    edit(sample.german, old, new)
    assert checks.number_problems(*sample.read()) == [
        f"[de] docs/de/sample.md, section #search: numbers differ from docs/en/sample.md: "
        f"missing ['{missing}'], not in English ['{extra}']"]


def test_numbers_are_read_with_each_language_s_separators():
    assert checks.numbers("10,000 rows in 1.29 s with pymilvus 3.0.2 and Milvus 3.2", "en") == \
        ["10000", "1.29", "3.0.2", "3.2"]
    assert checks.numbers("10.000 Zeilen in 1,29 s mit pymilvus 3.0.2 und Milvus 3.2", "de") == \
        ["10000", "1.29", "3.0.2", "3.2"]
    assert checks.numbers("10\u202f000 lignes en 1,29 s avec `x == 5`", "fr") == ["10000", "1.29"]


def test_a_code_span_changed_in_translation_is_named(sample):
    edit(sample.german, "| `id` | int |", "| `Kennung` | int |")
    assert checks.code_span_problems(*sample.read()) == [
        "[de] docs/de/sample.md, section #search: code spans of docs/en/sample.md missing: ['id']"]
