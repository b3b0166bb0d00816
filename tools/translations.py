"""Which sections of each translation follow the current English text (stamps, status, diffs).

When a translator has brought a translation up to date, `stamp` records in
locales/stamps/<lang>.yml the hash of every English section the translation now reflects. An
English section whose text changed since (or that is new) makes that section of the
translation *outdated*: `status` lists them, `status --diff` shows what changed in English
(from git history), and the build marks them on the page. Outdated sections inform; they do
not fail the tests unless STRICT_TRANSLATIONS=1.
"""
import difflib
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tools import config, pages
from tools.pages import TOP, Page

STAMPS = config.LOCALES / "stamps"


def section_hashes(page: Page) -> dict[str, str]:
    """{section id: first 12 hex digits of the sha256 of its Markdown} of an English page."""
    return {section.id: hashlib.sha256(_section_text(page, section.id).encode()).hexdigest()[:12]
            for section in page.sections}


def stamps_file(lang: str) -> Path:
    return STAMPS / f"{lang}.yml"


def stamps(lang: str) -> dict[str, dict[str, str]]:
    """{page name: {section id: stamped hash}} of a language."""
    path = stamps_file(lang)
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def outdated_sections(translation: str) -> list[str]:
    """Ids of the English sections that changed since the translation at `translation` was stamped."""
    page = pages.read(translation)
    stamped = stamps(page.lang).get(page.name, {})
    current = section_hashes(pages.source_of(page))
    return [sid for sid, digest in current.items() if stamped.get(sid) != digest]


def state(translation: str) -> str:
    if not Path(translation).exists():
        return "missing"
    return "outdated" if outdated_sections(translation) else "current"


def status() -> list[tuple[str, str, list[str]]]:
    """(translation path, state, outdated section ids) for every source page in every language."""
    rows = []
    for source in pages.source_pages():
        for lang in config.translations():
            path = pages.translation_of(source, lang)
            found = state(path)
            rows.append((path, found, outdated_sections(path) if found == "outdated" else []))
    return rows


def stamp(translation: str, only: list[str] | None = None) -> dict[str, str]:
    """Record that the translation reflects the current English text (of all or `only` sections)."""
    page = pages.read(translation)
    if page.lang == config.default_language():
        raise SystemExit(f"{translation}: English pages are the sources; stamp a translation")
    current = section_hashes(pages.source_of(page))
    unknown = sorted(set(only or []) - set(current))
    if unknown:
        raise SystemExit(f"{translation}: the English page has no sections {unknown}")
    all_stamps = stamps(page.lang)
    mine = all_stamps.setdefault(page.name, {})
    mine.update({sid: h for sid, h in current.items() if not only or sid in only})
    all_stamps[page.name] = {sid: mine[sid] for sid in current if sid in mine}
    STAMPS.mkdir(parents=True, exist_ok=True)
    stamps_file(page.lang).write_text(
        "# Hashes of the English sections each translation reflects (scripts/translations stamp).\n"
        + yaml.safe_dump(all_stamps, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return all_stamps[page.name]


def english_diff(source: Page, section_id: str, stamped: str | None) -> str:
    """What changed in an English section since the stamped version, found in git history."""
    now = _section_text(source, section_id)
    if stamped is None:
        return f"(a new section: nothing was stamped for it)\n{now}"
    for commit in _git("log", "--format=%H", "--", source.path).split():
        old_text = _git("show", f"{commit}:{source.path}")
        old = pages._parse(source.path, old_text)
        if section_hashes(old).get(section_id) == stamped:
            diff = difflib.unified_diff((_section_text(old, section_id) + "\n").splitlines(True),
                                        (now + "\n").splitlines(True), f"{source.path} (stamped, {commit[:8]})",
                                        f"{source.path} (now)")
            return "".join(diff) or "(only whitespace changed)"
    return f"(the stamped text is not in git history; the section now reads)\n{now}"


def _section_text(page: Page, section_id: str) -> str:
    """What a stamp covers: the section's Markdown, and at the top the page's title and
    description (front matter), which a translation translates too."""
    found = [s for s in page.sections if s.id == section_id]
    if not found:
        return ""
    text = "\n".join(line.rstrip() for line in found[0].source).strip("\n")
    if section_id == TOP:
        text = f"{page.front_matter.get('title')}\n{page.front_matter.get('description')}\n{text}"
    return text


def _git(*args) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else ""


# -- a new language ----------------------------------------------------------------------------

TODO = "TODO(translate): "   # what a stub holds until a translator replaces it; checks fail on it


def new_language(code: str, name: str) -> list[str]:
    """Add a language: its mkdocs.yml entry, site strings, glossary and page stubs (English
    text, which every translation check refuses until it is translated). Returns what it wrote."""
    if code in config.languages():
        raise SystemExit(f"{code} is already a language of the site")
    written = [_add_to_mkdocs_yml(code, name)]
    strings = _marked(config.strings(config.default_language()))
    (config.LOCALES / f"{code}.yml").write_text(
        f"# {name}: the site's own strings. Replace every {TODO.strip()} with a translation.\n"
        + yaml.safe_dump(strings, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    glossary = config.LOCALES / "glossary" / f"{code}.yml"
    terms = yaml.safe_load((config.LOCALES / "glossary" / "de.yml").read_text(encoding="utf-8"))["terms"]
    glossary.write_text(f"# {name} terminology: replace each TODO with the rendering to use.\n" + yaml.safe_dump(
        {"terms": [{"en": t["en"], "use": TODO.strip()} for t in terms]}, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    written += [str(config.LOCALES / f"{code}.yml"), str(glossary)]
    for source in pages.source_pages():
        stub = Path(pages.translation_of(source, code))
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(source.text.replace("/generated/en/", f"/generated/{code}/"), encoding="utf-8")
        written.append(str(stub))
    (pages.DOCS / code / "notebooks").symlink_to(Path("../../notebooks") / code)
    return written


def _marked(value):
    """English strings with the TODO marker in front of each, placeholders kept."""
    if isinstance(value, dict):
        return {key: _marked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_marked(item) for item in value]
    return TODO + value if isinstance(value, str) else value


def _add_to_mkdocs_yml(code: str, name: str) -> str:
    path = Path("mkdocs.yml")
    text = path.read_text(encoding="utf-8")
    last = list(re.finditer(r"^        - locale: .*\n(?:          .*\n)*", text, re.M))[-1]
    entry = (f"        - locale: {code}\n          name: {name}\n          build: true\n"
             f"          theme: {{language: {code}}}   # static-i18n keeps the last language's theme otherwise\n")
    path.write_text(text[:last.end()] + entry + text[last.end():], encoding="utf-8")
    config.mkdocs_config.cache_clear()
    return str(path)


def main(argv: list[str]) -> int:
    if argv[:1] == ["status"]:
        return _print_status(diff="--diff" in argv)
    if argv[:1] == ["new-lang"] and len(argv) == 3:
        for path in new_language(argv[1], argv[2]):
            print(f"wrote {path}")
        print("next: scripts/make-notebooks, then translate the stubs (scripts/test names what is left)")
        return 0
    if argv[:1] == ["stamp"] and len(argv) > 1:
        path, *only = argv[1:]
        stamp(path, only or None)
        print(f"{path}: stamped {', '.join(only) if only else 'every section'}")
        return 0
    print("usage: scripts/translations status [--diff]\n"
          "       scripts/translations stamp docs/<lang>/<page>.md [section-id ...]\n"
          "       scripts/translations new-lang <code> <name>     e.g. new-lang es Español", file=sys.stderr)
    return 2


def _print_status(diff: bool) -> int:
    rows = status()
    for path, found, outdated in rows:
        print(f"{found:9} {path}" + (f"  outdated sections: {', '.join(outdated)}" if outdated else ""))
        if diff and outdated:
            page = pages.read(path)
            stamped = stamps(page.lang).get(page.name, {})
            for sid in outdated:
                print(f"--- #{sid} ---\n{english_diff(pages.source_of(page), sid, stamped.get(sid))}")
    missing = sum(found == "missing" for _, found, _ in rows)
    outdated = sum(found == "outdated" for _, found, _ in rows)
    print(f"{len(rows) - missing - outdated} current, {outdated} with outdated sections, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
