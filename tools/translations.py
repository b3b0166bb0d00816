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
import subprocess
import sys
from pathlib import Path

import yaml

from tools import config, pages
from tools.pages import TOP, Page

STAMPS = config.LOCALES / "stamps"


def section_hashes(page: Page) -> dict[str, str]:
    """{section id: first 12 hex digits of the sha256 of its Markdown} of an English page."""
    hashes = {}
    for section in page.sections:
        text = "\n".join(line.rstrip() for line in section.source).strip("\n")
        if section.id == TOP:   # the title and description that head the page
            text = f"{page.front_matter.get('title')}\n{page.front_matter.get('description')}\n{text}"
        hashes[section.id] = hashlib.sha256(text.encode()).hexdigest()[:12]
    return hashes


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
            diff = difflib.unified_diff(_section_text(old, section_id).splitlines(True),
                                        now.splitlines(True), f"{source.path} (stamped, {commit[:8]})",
                                        f"{source.path} (now)")
            return "".join(diff) or "(only whitespace changed)"
    return f"(the stamped text is not in git history; the section now reads)\n{now}"


def _section_text(page: Page, section_id: str) -> str:
    found = [s for s in page.sections if s.id == section_id]
    return "\n".join(found[0].source) + "\n" if found else ""


def _git(*args) -> str:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else ""


def main(argv: list[str]) -> int:
    if argv[:1] == ["status"]:
        return _print_status(diff="--diff" in argv)
    if argv[:1] == ["stamp"] and len(argv) > 1:
        path, *only = argv[1:]
        print(f"{path}: stamped {len(stamp(path, only or None))} sections")
        return 0
    print("usage: scripts/translations status [--diff]\n"
          "       scripts/translations stamp docs/<lang>/<page>.md [section-id ...]", file=sys.stderr)
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
