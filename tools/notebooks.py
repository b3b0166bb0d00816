"""Generate notebooks/<lang>/<page>.ipynb from each page, its snippets and their outputs.

Run `python -m tools.notebooks` (or scripts/make-notebooks) after changing a page, a
snippet or an output; tests/test_notebooks.py fails while a notebook is out of date.
"""
import json
import os
import re
import sys
from pathlib import Path

import nbformat
import yaml

from tools import site
from tools.markdown_to_notebook import Cell, convert

NOTEBOOKS = Path("notebooks")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def requirement_pins(names: list[str]) -> list[str]:
    """Exact pins of the named packages, read from requirements.txt."""
    pins = site.pinned_versions()
    return [f"{name}=={pins[name]}" for name in names]


def absolute_links(markdown: str, page: str) -> str:
    """A downloaded notebook has no site around it: point relative links at the site."""
    def fix(match):
        target = match["target"]
        if re.match(r"^[a-z]+:", target):
            return match[0]
        path, _, anchor = target.partition("#")
        linked = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        return f"]({site.page_url(linked)}{'#' + anchor if anchor else ''})"
    return LINK.sub(fix, markdown)


def build(page: str) -> nbformat.NotebookNode:
    lang = site.language_of(page)
    strings = site.strings(lang)["notebook"]
    text = Path(page).read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    url = site.page_url(page)
    packages = " ".join(requirement_pins(meta["packages"]))
    title, *content = convert(text)
    heading, _, intro = title.source.partition("\n")
    cells = [
        Cell("markdown", heading + "\n\n" + strings["generated_from"].format(
            title=meta["title"], url=url)),
        Cell("markdown", strings["install"]),
        Cell("code", f"%pip install --quiet {packages}", step="install"),
        Cell("markdown", intro.strip("\n")),
        *content,
    ]
    return _notebook(cells, page)


def _notebook(cells: list[Cell], page: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    count = 0
    for number, cell in enumerate(cells):
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(
                absolute_links(cell.source, page), id=f"md-{number:02d}"))
            continue
        count += 1
        code = nbformat.v4.new_code_cell(cell.source, id=f"step-{cell.step}",
                                         execution_count=count)
        if cell.output_file:
            printed = Path(cell.output_file).read_text(encoding="utf-8")
            code.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
        nb.cells.append(code)
    return nb


def serialize(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def target(page: str) -> Path:
    return NOTEBOOKS / site.language_of(page) / Path(page).with_suffix(".ipynb").name


def main() -> int:
    for page in site.notebook_pages():
        path = target(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(serialize(build(page)), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
