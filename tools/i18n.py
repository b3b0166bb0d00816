"""Translation integrity: which translations are current, and whether one matches its source.

A translated page docs/<lang>/<page>.md records in its front matter `source_hash`, the
first 12 hex digits of the sha256 of the English page it reflects. `python -m tools.i18n
status` lists every translation as current, outdated or missing; `stamp <page>` records
the English page's current hash after a translator has reviewed the translation.

Every check returns messages that name the language, the page and the section (heading id).
"""
import hashlib
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from tools import site
from tools.pages import INCLUDE

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+\w")
TAB = re.compile(r'^\s*===\+?\s+"')
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
TOP = "(top)"


def source_of(page: str) -> str:
    """The English page a translation is made from."""
    return str(site.DOCS / site.DEFAULT_LANGUAGE / Path(page).name)


def source_hash(english_page: str) -> str:
    return hashlib.sha256(Path(english_page).read_bytes()).hexdigest()[:12]


def front_matter(page: str) -> dict:
    match = FRONT_MATTER.match(Path(page).read_text(encoding="utf-8"))
    return yaml.safe_load(match[1]) if match else {}


def translations() -> list[str]:
    return [lang for lang in site.languages() if lang != site.DEFAULT_LANGUAGE]


# --- current / outdated / missing ---------------------------------------------------------

def state(page: str) -> str:
    """'current', 'outdated' or 'missing' for the translation at `page`."""
    if not Path(page).exists():
        return "missing"
    recorded = str(front_matter(page).get("source_hash", ""))
    return "current" if recorded == source_hash(source_of(page)) else "outdated"


def status() -> list[tuple[str, str]]:
    """(translation path, state) for every English page in every other language."""
    return [(str(site.DOCS / lang / Path(en).name), state(str(site.DOCS / lang / Path(en).name)))
            for en in site.pages() for lang in translations()]


def stamp(page: str) -> str:
    """Record in the page's front matter the hash of its English source, as it is now."""
    text = Path(page).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        raise SystemExit(f"{page}: no front matter")
    digest = source_hash(source_of(page))
    head = match[1]
    if re.search(r"^source_hash:.*$", head, re.M):
        head = re.sub(r"^source_hash:.*$", f"source_hash: {digest}", head, flags=re.M)
    else:
        head += f"source_hash: {digest}\n"
    Path(page).write_text(f"---\n{head}---\n" + text[match.end():], encoding="utf-8")
    return digest


# --- structure ------------------------------------------------------------------------------

@dataclass
class Section:
    id: str
    includes: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)     # each code block, fence line included
    counts: Counter = field(default_factory=Counter)
    prose: list[tuple[int, str]] = field(default_factory=list)   # (line, paragraph)


def sections(text: str) -> list[Section]:
    """The page cut at its headings, with what each section holds."""
    body = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text)
    found, fence, para, start = [Section(TOP)], None, [], 0

    def flush():
        if para:
            found[-1].prose.append((start, " ".join(para)))
            para.clear()

    for number, line in enumerate(body.splitlines(), 1):
        current = found[-1]
        if fence:
            if line.strip() == fence:
                fence = None
            elif m := INCLUDE.match(line):
                current.includes.append(f'{m["path"]}:{m["section"] or ""}')
            current.code[-1] += "\n" + line.strip()
            continue
        if m := FENCE.match(line):
            flush()
            fence = m[1]
            current.counts["code blocks"] += 1
            current.code.append(line.strip())
            continue
        if (m := HEADING.match(line)) and line.startswith("#"):
            flush()
            found.append(Section(m["id"] or f"(no id: {m['text']})"))
            found[-1].prose.append((number, m["text"]))
            continue
        if ADMONITION.match(line):
            flush()
            current.counts["admonitions"] += 1
            if title := re.search(r'"(.*)"', line):
                current.prose.append((number, title[1]))
            continue
        if TAB.match(line):
            flush()
            current.counts["content tabs"] += 1
            continue
        if TABLE_RULE.match(line):
            current.counts["tables"] += 1
        current.counts["images"] += len(IMAGE.findall(line))
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--") or stripped.startswith("|"):
            flush()
            if stripped.startswith("|") and not TABLE_RULE.match(line):
                current.prose.append((number, stripped))
            continue
        if re.match(r"^([-*+]|\d+\.)\s", stripped):
            flush()
        if not para:
            start = number
        para.append(stripped)
    flush()
    return found


@cache
def page_sections(page: str) -> tuple[Section, ...]:
    return tuple(sections(Path(page).read_text(encoding="utf-8")))


def where(page: str, section: str) -> str:
    return f"[{site.language_of(page)}] {page}, section #{section}"


def structure_problems(english: str, translated: str) -> list[str]:
    """What differs in shape: heading ids, snippet includes, admonitions, tables, images, code."""
    problems = []
    en, tr = page_sections(english), page_sections(translated)
    en_ids, tr_ids = [s.id for s in en], [s.id for s in tr]
    for missing in [i for i in en_ids if i not in tr_ids]:
        problems.append(f"{where(translated, missing)}: missing (it is in {english})")
    for extra in [i for i in tr_ids if i not in en_ids]:
        problems.append(f"{where(translated, extra)}: not in {english}")
    common = [i for i in en_ids if i in tr_ids]
    if [i for i in tr_ids if i in en_ids] != common:
        problems.append(f"{where(translated, TOP)}: headings in another order than {english}: "
                        f"{[i for i in tr_ids if i in en_ids]} instead of {common}")
    by_id = {s.id: s for s in tr}
    for source in en:
        if source.id not in by_id:
            continue
        target = by_id[source.id]
        if target.includes != source.includes:
            problems.append(f"{where(translated, source.id)}: snippet includes {target.includes}, "
                            f"but {english} has {source.includes}")
        for theirs, ours in zip(source.code, target.code):
            if theirs != ours and target.includes == source.includes:
                problems.append(f"{where(translated, source.id)}: code block differs from {english}: "
                                f"{ours.splitlines()[0]!r}... instead of {theirs.splitlines()[0]!r}...")
        for kind in sorted(set(source.counts) | set(target.counts)):
            if source.counts[kind] != target.counts[kind]:
                problems.append(f"{where(translated, source.id)}: {target.counts[kind]} {kind}, "
                                f"but {english} has {source.counts[kind]}")
    for key in ("packages",):
        if front_matter(english).get(key) != front_matter(translated).get(key):
            problems.append(f"{where(translated, TOP)}: front matter {key!r} differs from {english}")
    return problems


# --- language of each paragraph -------------------------------------------------------------

# Names that stay untranslated in every language; they say nothing about the language.
PROPER_NOUNS = ("Milvus Lite", "Milvus", "pymilvus", "Python", "NumPy", "SciPy", "Jupyter",
                "IPython", "asyncio", "PyPI", "Zilliz Cloud", "SDK", "API", "CI", "GitHub")
MIN_WORDS, MIN_CHARS = 6, 40


def _kept_terms(lang: str) -> list[str]:
    """Glossary terms that the language keeps in English."""
    return [t["en"] for t in glossary(lang) if str(t.get("use", "")).lower() == t["en"].lower()]


def clean(text: str, lang: str = site.DEFAULT_LANGUAGE) -> str:
    """Prose only: no code spans, URLs, markup, API names or product names."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+|<[^>]+>|\{[^}]*\}", " ", text)
    for name in sorted({*PROPER_NOUNS, *_kept_terms(lang)}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.I)
    # API-like tokens: CamelCase, snake_case, dotted or with digits
    text = re.sub(r"\S*(?:[a-z][A-Z]|_|\.\w|\d)\S*", " ", text)
    text = re.sub(r"[*_#>|\"“”„«»()\[\]]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def detector():
    """One lingua detector for the site's languages, models preloaded once."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    codes = [getattr(IsoCode639_1, lang.upper()) for lang in site.languages()]
    return (LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
            .with_preloaded_language_models().build())


def detected_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of the most likely language, or None when unsure."""
    values = detector().compute_language_confidence_values(text)
    if not values:
        return None
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), top.value


def language_problems(page: str) -> list[str]:
    """Paragraphs long enough to judge that read as another language than the page's."""
    lang, problems = site.language_of(page), []
    for section in page_sections(page):
        for line, paragraph in section.prose:
            text = clean(paragraph, lang)
            if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS or len(text) < MIN_CHARS:
                continue
            found = detected_language(text)
            if found and found[0] != lang:
                problems.append(f"{where(page, section.id)}: paragraph at line {line} reads as "
                                f"{found[0]} ({found[1]:.2f}), not {lang}: {paragraph[:70]!r}")
    return problems


# --- glossary -------------------------------------------------------------------------------

GLOSSARY = site.LOCALES / "glossary"


def glossary(lang: str) -> list[dict]:
    path = GLOSSARY / f"{lang}.yml"
    return _glossary(path, path.stat().st_mtime_ns if path.exists() else 0)


@cache
def _glossary(path: Path, mtime: int) -> list[dict]:
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms") or []


def _prose(page: str) -> list[tuple[str, str]]:
    """(section id, text outside code blocks and code spans) of each section."""
    return [(s.id, re.sub(r"`[^`]*`", " ", " ".join(p for _, p in s.prose)))
            for s in page_sections(page)]


def glossary_problems(english: str, translated: str, terms: list[dict] | None = None) -> list[str]:
    lang = site.language_of(translated)
    terms = glossary(lang) if terms is None else terms
    problems = []
    # prose only: an English term inside a code span or a link target needs no translation
    en_text = LINK_TARGET.sub("]", " ".join(text for _, text in _prose(english))).lower()
    tr_text = FRONT_MATTER.sub("", Path(translated).read_text(encoding="utf-8")).lower()
    for term in terms:
        if _has_word(en_text, term["en"]) and term["use"].lower() not in tr_text:
            first = next((sid for sid, text in _prose(english) if _has_word(text.lower(), term["en"])),
                         TOP)
            problems.append(f"{where(translated, first)}: glossary term {term['en']!r} "
                            f"should be rendered {term['use']!r}")
        for wrong in term.get("avoid") or []:
            for sid, text in _prose(translated):
                if _has_word(LINK_TARGET.sub("]", text), wrong):
                    problems.append(f"{where(translated, sid)}: {wrong!r} is to be avoided; "
                                    f"the glossary says {term['use']!r} for {term['en']!r}")
    return problems


LINK_TARGET = re.compile(r"\]\([^)]*\)")


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


# --- command line ---------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    if argv[:1] == ["status"]:
        rows = status()
        for page, st in rows:
            print(f"{st:9} {page}" + (f"  (English: {source_of(page)})" if st != "current" else ""))
        bad = [r for r in rows if r[1] != "current"]
        print(f"{len(rows) - len(bad)} current, {len(bad)} outdated or missing")
        return 1 if bad else 0
    if argv[:1] == ["stamp"] and len(argv) > 1:
        for page in argv[1:]:
            if site.language_of(page) == site.DEFAULT_LANGUAGE:
                raise SystemExit(f"{page}: English pages are the sources; stamp a translation")
            print(f"{page}: source_hash {stamp(page)}")
        return 0
    print("usage: scripts/translations status | stamp docs/<lang>/<page>.md ...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
