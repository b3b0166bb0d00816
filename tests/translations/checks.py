"""What a translation must keep from its English source: shape, language, glossary and numbers.

Each check returns messages that name the language, the page and the section (heading id).
"""
import copy
import re
from functools import cache

import yaml

from tools import config
from tools.markdown import INCLUDE
from tools.pages import Page

GLOSSARY = config.LOCALES / "glossary"
FRONT_MATTER_KEYS = ("packages",)


GENERATED_LANG = re.compile(r"/generated/[\w-]+/")


def _includes(section) -> list[str]:
    """Snippet includes; a generated fragment is written per language, so its language folder
    does not count (snippets/<page>/generated/<lang>/<name>.md)."""
    found = [f'{m["path"]}:{m["section"] or ""}' for b in section.blocks
             for line in b.body.splitlines() if (m := INCLUDE.match(line))]
    found += [f'{m["path"]}:' for p in section.paragraphs if (m := INCLUDE.match(p.text))]
    return [GENERATED_LANG.sub("/generated/(lang)/", path) for path in found]


def structure_problems(english: Page, translated: Page) -> list[str]:
    """What differs in shape: heading ids, snippet includes, admonitions, tables, images, code."""
    where, problems = translated.where, []
    en_ids, tr_ids = [s.id for s in english.sections], [s.id for s in translated.sections]
    problems += [f"{where(i)}: missing (it is in {english.path})" for i in en_ids if i not in tr_ids]
    problems += [f"{where(i)}: not in {english.path}" for i in tr_ids if i not in en_ids]
    common = [i for i in en_ids if i in tr_ids]
    if [i for i in tr_ids if i in en_ids] != common:
        problems.append(f"{where()}: headings in another order than {english.path}: "
                        f"{[i for i in tr_ids if i in en_ids]} instead of {common}")
    theirs = {s.id: s for s in translated.sections}
    for source in english.sections:
        if source.id in theirs:
            problems += _section_problems(english.path, source, theirs[source.id], where(source.id))
    for key in FRONT_MATTER_KEYS:
        if english.front_matter.get(key) != translated.front_matter.get(key):
            problems.append(f"{where()}: front matter {key!r} differs from {english.path}")
    return problems


def _section_problems(english_path, source, target, where) -> list[str]:
    problems = []
    if _includes(target) != _includes(source):
        return [f"{where}: snippet includes {_includes(target)}, but {english_path} has "
                f"{_includes(source)}"]
    for theirs, ours in zip(source.blocks, target.blocks):
        if (theirs.fence, theirs.body) != (ours.fence, ours.body):
            problems.append(f"{where}: code block differs from {english_path}: "
                            f"{ours.fence!r}... instead of {theirs.fence!r}...")
    for kind in sorted(set(source.counts) | set(target.counts)):
        if source.counts[kind] != target.counts[kind]:
            problems.append(f"{where}: {target.counts[kind]} {kind}, but {english_path} has "
                            f"{source.counts[kind]}")
    return problems


def code_span_problems(english: Page, translated: Page) -> list[str]:
    """Code spans (`...`) of an English section missing from the translated section: API names,
    test names and quoted errors stay as they are in every language."""
    theirs = {s.id: s for s in translated.sections}
    problems = []
    for source in english.sections:
        if source.id not in theirs:
            continue
        missing = sorted(set(source.code_spans) - set(theirs[source.id].code_spans))
        if missing:
            problems.append(f"{translated.where(source.id)}: code spans of {english.path} missing: {missing}")
    return problems


# --- language of each paragraph -------------------------------------------------------------

# Names that stay untranslated in every language; they say nothing about the language.
PROPER_NOUNS = ("Milvus Lite", "Milvus", "pymilvus", "Python", "NumPy", "SciPy", "Jupyter",
                "IPython", "asyncio", "PyPI", "Zilliz Cloud", "SDK", "API", "CI", "GitHub")
MIN_WORDS, MIN_CHARS = 6, 40


def clean(text: str, lang: str) -> str:
    """Prose only: no code spans, URLs, markup, API names or product names."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+|<[^>]+>|\{[^}]*\}", " ", text)
    for name in sorted({*PROPER_NOUNS, *kept_terms(lang)}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.I)
    # API-like tokens: CamelCase, snake_case, dotted or with digits
    text = re.sub(r"\S*(?:[a-z][A-Z]|_|\.\w|\d)\S*", " ", text)
    text = re.sub(r"[*_#>|\"“”„«»()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def detector():
    """One lingua detector for the site's languages, models preloaded once."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    codes = [getattr(IsoCode639_1, lang.upper()) for lang in config.languages()]
    return (LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
            .with_preloaded_language_models().build())


def detected_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of the most likely language, or None when unsure."""
    values = detector().compute_language_confidence_values(text)
    if not values:
        return None
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), top.value


def language_problems(page: Page) -> list[str]:
    """Paragraphs long enough to judge that read as another language than the page's."""
    problems = []
    for section in page.sections:
        for paragraph in section.paragraphs:
            text = clean(paragraph.text, page.lang)
            if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS or len(text) < MIN_CHARS:
                continue
            found = detected_language(text)
            if found and found[0] != page.lang:
                problems.append(f"{page.where(section.id)}: paragraph at line {paragraph.line} reads "
                                f"as {found[0]} ({found[1]:.2f}), not {page.lang}: "
                                f"{paragraph.text[:70]!r}")
    return problems


# --- glossary -------------------------------------------------------------------------------

def glossary(lang: str) -> list[dict]:
    """The language's glossary terms, a copy the caller may change."""
    return copy.deepcopy(_shared_terms(lang))


def _shared_terms(lang: str) -> list[dict]:
    """The parsed glossary itself, shared: read it, never change it."""
    path = GLOSSARY / f"{lang}.yml"
    if not path.exists():
        return []
    stat = path.stat()
    return _terms(path.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _terms(path, mtime_ns, size) -> list[dict]:
    """Parsed once per version of the file: the language check asks for every paragraph."""
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms") or []


def kept_terms(lang: str) -> list[str]:
    """Glossary terms that the language keeps in English."""
    return [t["en"] for t in _shared_terms(lang) if str(t.get("use", "")).lower() == t["en"].lower()]


LINK_TARGET = re.compile(r"\]\([^)]*\)")


def _prose(page: Page) -> list[tuple[str, str]]:
    """(section id, its prose without code spans, link targets and includes) of each section."""
    return [(s.id, LINK_TARGET.sub("]", re.sub(r"`[^`]*`", " ", " ".join(
                p.text for p in s.paragraphs if not INCLUDE.match(p.text)))))
            for s in page.sections]


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


def glossary_problems(english: Page, translated: Page, terms: list[dict] | None = None) -> list[str]:
    terms = glossary(translated.lang) if terms is None else terms
    en_prose, tr_prose = _prose(english), _prose(translated)
    tr_text = " ".join(text for _, text in tr_prose).lower() + " " + translated.title.lower()
    problems = []
    for term in terms:
        first = next((sid for sid, text in en_prose if _has_word(text, term["en"])), None)
        if first and term["use"].lower() not in tr_text:
            problems.append(f"{translated.where(first)}: glossary term {term['en']!r} "
                            f"should be rendered {term['use']!r}")
        for wrong in term.get("avoid") or []:
            problems += [f"{translated.where(sid)}: {wrong!r} is to be avoided; the glossary says "
                         f"{term['use']!r} for {term['en']!r}"
                         for sid, text in tr_prose if _has_word(text, wrong)]
    return problems


def glossary_schema_problems(lang: str) -> list[str]:
    path = GLOSSARY / f"{lang}.yml"
    if not path.exists():
        return [f"[{lang}] {path} is missing"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not (isinstance(data, dict) and isinstance(data.get("terms"), list) and data["terms"]):
        return [f"[{lang}] {path}: needs a non-empty top-level `terms:` list"]
    problems = []
    for number, term in enumerate(data["terms"], 1):
        if not (isinstance(term, dict) and set(term) <= {"en", "use", "avoid"}
                and isinstance(term.get("en"), str) and isinstance(term.get("use"), str)):
            problems.append(f"[{lang}] {path}: term {number} needs `en` and `use` strings and "
                            f"no other keys than `avoid`: {term}")
            continue
        avoid = term.get("avoid", [])
        if not (isinstance(avoid, list) and all(isinstance(a, str) for a in avoid)):
            problems.append(f"[{lang}] {path}: `avoid` of {term['en']!r} must be a list of strings")
        elif term["use"].lower() in [a.lower() for a in avoid]:
            problems.append(f"[{lang}] {path}: {term['en']!r} both uses and avoids {term['use']!r}")
    return problems



# --- numbers --------------------------------------------------------------------------------

NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0 ]\d+)*")
VERSION = re.compile(r"\d+\.\d+\.\d+")
NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\{\s*#[^}]*\}|--8<--.*")


def numbers(text: str, lang: str) -> list[str]:
    """The numbers of a text as values, read with the language's separators (10,000 / 10.000 /
    10 000 are all "10000"; 1.29 / 1,29 are "1.29"); versions such as 3.0.2 stay as written."""
    from babel.numbers import get_decimal_symbol, get_group_symbol
    decimal, group = get_decimal_symbol(lang), get_group_symbol(lang)
    groups = {group, "\u202f", "\u00a0", " "} if group in "\u202f\u00a0 " else {group}
    found = []
    for token in NUMBER.findall(NOT_PROSE.sub(" ", text)):
        token = token.strip(" \u202f\u00a0")
        if VERSION.fullmatch(token):
            found.append(token)
            continue
        parts = re.split(r"([.,\u202f\u00a0 ])", token)
        value = parts[0]
        for sep, digits in zip(parts[1::2], parts[2::2]):
            if sep in groups and len(digits) == 3:
                value += digits
            elif sep == decimal or sep == ".":
                value += "." + digits
            else:   # a space between two numbers that are not one
                found.append(value)
                value = digits
        found.append(value)
    return found


def number_problems(english: Page, translated: Page) -> list[str]:
    """Sections whose prose does not carry the same numbers as the English section."""
    from collections import Counter
    problems = []
    theirs = {s.id: s for s in translated.sections}
    for source in english.sections:
        if source.id not in theirs:
            continue
        en = Counter(n for p in source.paragraphs for n in numbers(p.text, "en"))
        tr = Counter(n for p in theirs[source.id].paragraphs for n in numbers(p.text, translated.lang))
        if en != tr:
            missing, extra = sorted((en - tr).elements()), sorted((tr - en).elements())
            problems.append(f"{translated.where(source.id)}: numbers differ from {english.path}: "
                            f"missing {missing}, not in English {extra}")
    return problems
