"""Every generated fragment a page includes is what its data gives today, in every language."""
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
    for page, lang, name in FRAGMENTS:
        translated = generated.pages.read(generated.pages.translation_of(page, lang))
        wanted = f'--8<-- "{generated.path(page.name, lang, name)}"'
        assert wanted in translated.text, f"{translated.path} does not include {wanted}"
