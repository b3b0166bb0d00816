"""Markdown that pages include, generated per language from data: never typed, never stale.

A page includes `snippets/<page>/generated/<lang>/<name>.md`; the English page decides which
fragments a page has, and each is written for every language from locales/<lang>.yml and:
  engines.md      which engines the page's code ran on in CI (the pins, the steps' needs)
  concurrency.md  the benchmark's tables, findings and charts (benchmarks/results/*.json)
  tested_with.md  the page's result per Python x pymilvus x Milvus Lite (evidence/matrix/, newest)
  note-<step>.md  at a step that fails in some of those cells: which versions, and the error
  notes.md        every such note of the page, under the step's title (for the matrix page)
A page may include another page's fragment (the matrix page shows every page's table).
`python -m tools.generated` (run by scripts/make-notebooks) rewrites them (`... es`: one
language's);
tests/pages/test_generated.py fails while one is out of date.
"""
import re
import sys
from pathlib import Path

from tools import benchmark_report, config, pages, pins, snippets, tested_with as matrix

GENERATED = re.compile(r'--8<-- "snippets/(?P<page>[\w-]+)/generated/(?P<lang>[\w-]+)/(?P<name>[\w-]+)\.md"')
RESULTS = Path("benchmarks/results")


def path(page: str, lang: str, name: str) -> Path:
    return Path("snippets", page, "generated", lang, f"{name}.md")


def engines(page: pages.Page, lang: str) -> str:
    """A table of the engines the page's steps ran on, and how far on each."""
    words = config.strings(lang)["generated"]["engines"]
    pinned = pins.pinned_versions()
    first_need = next(((step, need) for step in page.steps
                       if (need := snippets.section(step.path, step.name).needs_milvus)
                       and _older(pinned["milvus"], need)), None)
    on_server = words["all"] if not first_need else words["up_to"].format(
        title=_step_titles(page, lang)[first_need[0].name], version=first_need[1])
    rows = [(words["lite"], pinned["milvus-lite"], words["all"]),
            (words["lite_server"], pinned["milvus-lite"], words["all"]),
            (words["server"], pinned["milvus"], on_server)]
    lines = ["| " + " | ".join(words["headers"]) + " |", "|---|---|---|"]
    lines += [f"| {name} | {version} | {steps} |" for name, version, steps in rows]
    return ("\n".join(lines) + "\n\n" + words["with"].format(pymilvus=pinned["pymilvus"], python=pins.suite_python())
            + " " + words["newer"].format(version=pinned["milvus"]) + "\n")


def _step_titles(page: pages.Page, lang: str) -> dict[str, str]:
    """Each step's section title, in the language's translation of the page."""
    titles = {s.id: s.title for s in pages.read(pages.translation_of(page, lang)).sections}
    return {step.name: titles[step.block.section] for step in page.steps}


def _older(have: str, need: str) -> bool:
    return tuple(map(int, have.split("."))) < tuple(map(int, need.split(".")))


def concurrency(page: pages.Page, lang: str) -> str:
    """The benchmark's results on each engine it ran on, Milvus Lite first."""
    results = sorted(RESULTS.glob("concurrency-*.json"), key=lambda p: "lite" not in p.name)
    return "\n".join(benchmark_report.section(benchmark_report.load(p), lang) for p in results)


def tested_with(page: pages.Page, lang: str) -> str:
    """The page's result in each cell of the newest matrix run (scripts/test-matrix): Python,
    pymilvus, Milvus Lite, result; the pinned cell in bold. Step notes: matrix.step_note."""
    words = config.strings(lang)["generated"]["tested_with"]
    data = matrix.load()
    step_title = _step_titles(page, lang)
    lines = ["| " + " | ".join(words["headers"]) + " |", "|---|---|---|---|"]
    for row in matrix.rows(data, page.name):
        cells = [row["versions"]["python"], row["versions"]["pymilvus"], row["versions"]["milvus-lite"]]
        if row["latest"]:
            cells[1:] = [words["latest"].format(version=v) for v in cells[1:]]
        if row["pinned"]:
            cells = [f"**{c}**" for c in cells]
        cells.append(_result(row["page"], words, step_title))
        lines.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    machine = data["machine"]
    return "\n".join(lines) + "\n\n" + words["pinned"] + " " + words["measured"].format(
        date=data["date"][:10], cores=machine["cores"], os=machine["os"]) + "\n"


def _result(page: dict, words: dict, step_title: dict) -> str:
    """A cell's result on the page, in words: passed, other output (where, how), stopped at."""
    text = words[matrix.RESULT_KEYS[page["result"]]]
    if page["result"] == "failed":
        return text.format(step=step_title.get(page["failed_step"], page["failed_step"]))
    if page["result"] == "passed with different output":
        where = {}
        for diff in page["different"]:
            title = words["quoted"].format(title=step_title.get(diff["step"], diff["step"]))
            where.setdefault(title, []).append(words["kinds"][diff["kind"]])
        return text.format(steps=", ".join(f"{t} ({', '.join(dict.fromkeys(k))})" for t, k in where.items()))
    return text


def notes(page: pages.Page, lang: str) -> str:
    """Every step note of the page, as a list under each failing step's title."""
    titles = _step_titles(page, lang)
    words = config.strings(lang)["generated"]["tested_with"]
    items = ["- " + words["item"].format(title=titles[step.name], note=text) for step in page.steps
             for text in matrix.step_notes(page, step.name, lang)]
    return "\n".join(items) + "\n"


WRITERS = {"engines": engines, "concurrency": concurrency, "tested_with": tested_with, "notes": notes}
NOTE = "note-"


def fragments() -> list[tuple[pages.Page, str, str]]:
    """(page, language, fragment name) of every fragment the English pages include, for every
    language: the page is the one the fragment's path names."""
    by_name = {page.name: page for page in pages.source_pages()}
    found = {}
    for including in by_name.values():
        for match in GENERATED.finditer(including.text):
            if match["page"] not in by_name:
                raise pages.PageError(f"{including.path}: includes {match[0]}, but no page is "
                                      f"named {match['page']!r}")
            for lang in config.languages():
                found[(match["page"], lang, match["name"])] = by_name[match["page"]]
    return [(page, lang, name) for (_, lang, name), page in found.items()]


def render(page: pages.Page, lang: str, name: str) -> str:
    if name.startswith(NOTE):
        return note(page, lang, name.removeprefix(NOTE))
    if name not in WRITERS:
        raise pages.PageError(f"{page.path}: includes a generated {name}.md that nothing writes "
                              f"(known: {', '.join(WRITERS)}, {NOTE}<step>)")
    return WRITERS[name](page, lang)


def note(page: pages.Page, lang: str, step: str) -> str:
    if step not in {s.name for s in page.steps}:
        raise pages.PageError(f"{page.path}: includes {NOTE}{step}.md, but the page has no step {step!r}")
    return matrix.step_note(page, step, lang) + "\n"


def main(langs: list[str]) -> int:
    """Write every fragment, or those of the languages named (python -m tools.generated es)."""
    if refusal := config.unknown_languages(langs):
        print(f"tools.generated: {refusal}", file=sys.stderr)
        return 2
    for page, lang, name in fragments():
        if langs and lang not in langs:
            continue
        target = path(page.name, lang, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(page, lang, name), encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
