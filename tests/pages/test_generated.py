"""Every generated fragment a page includes is what its data gives today, in every language."""
import dataclasses

import pytest

from tools import generated

FRAGMENTS = generated.fragments()


@pytest.mark.parametrize("page, lang, name", FRAGMENTS,
                         ids=[f"{lang}:{page.name}:{name}" for page, lang, name in FRAGMENTS])
def test_fragment_is_current(page, lang, name):
    target = generated.path(page.name, lang, name)
    assert target.exists(), f"{page.path}: {target} is missing: run scripts/make-notebooks"
    assert target.read_text(encoding="utf-8") == generated.render(page, lang, name), (
        f"{target} is older than its data (pins, steps, benchmark results, locales/{lang}.yml): "
        "run scripts/make-notebooks")


def test_every_language_includes_its_own_fragments():
    for english in generated.pages.source_pages():
        for lang in generated.config.languages():
            translated = generated.pages.read(generated.pages.translation_of(english, lang))
            for match in generated.GENERATED.finditer(english.text):
                wanted = f'--8<-- "{generated.path(match["page"], lang, match["name"])}"'
                assert wanted in translated.text, f"{translated.path} does not include {wanted}"


def test_a_fragment_of_a_page_that_does_not_exist_is_refused(monkeypatch):
    source = generated.pages.source_pages()[0]
    planted = dataclasses.replace(source, text=source.text + '\n--8<-- "snippets/no-such-page/generated/en/engines.md"\n')
    monkeypatch.setattr(generated.pages, "source_pages", lambda: [planted])
    with pytest.raises(generated.pages.PageError, match=f"{source.path}: .* no page is named 'no-such-page'"):
        generated.fragments()


def test_an_unknown_language_is_refused(capsys):
    assert generated.main(["de", "xx"]) == 2
    assert "tools.generated: not languages of mkdocs.yml: xx (known: en, de, pt, id, fr)" in capsys.readouterr().err
