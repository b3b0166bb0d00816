"""tools/notebooks.py: a small page turned into cells, links made relative, then published."""
import json
from pathlib import Path

import nbformat
import pytest

from tools import config, notebooks, pages
from tools.markdown import PageError

ROOT = Path(__file__).resolve().parents[2]

PAGE = '''---
title: Case
packages: [pymilvus]
---

# Case { #case }

Intro with a [link](other.md#part) and one [to here](#later).

<!-- page-only -->
Only on the site.
<!-- /page-only -->

## Steps { #steps }

```python
--8<-- "snippets/case/case.py:one"
```

```text title="Output"
--8<-- "snippets/case/output/one.txt"
```

!!! note "Mind"
    Quoted text.

=== "Tab A"

    ```python
    --8<-- "snippets/case/case.py:two"
    ```

```bash
pip install x
```

## Later { #later }
'''


@pytest.fixture
def case(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path, text in {"docs/en/case.md": PAGE, "docs/en/other.md": "# Other { #other }\n",
                       "snippets/case/case.py": "# --8<-- [start:one]\nprint(1)\n# --8<-- [end:one]\n"
                                                "# --8<-- [start:two]\nx = 2\n# --8<-- [end:two]\n",
                       "snippets/case/output/one.txt": "1\n", "requirements.txt": "pymilvus==3.0.2\n",
                       "locales/en.yml": (ROOT / "locales/en.yml").read_text(),
                       "mkdocs.yml": (ROOT / "mkdocs.yml").read_text()}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    return pages.read("docs/en/case.md")


def test_cells_follow_the_page_without_site_markup(case):
    cells = notebooks.page_cells(case)
    assert [(c.kind, c.step) for c in cells] == [("markdown", None), ("code", "one"), ("markdown", None),
                                                ("code", "two"), ("markdown", None)]
    text = "\n".join(c.source for c in cells)
    assert "Only on the site" not in text and "{ #" not in text and "!!!" not in text
    assert "> **Mind**\n>\n> Quoted text." in cells[2].source and "**Tab A**" in cells[2].source
    assert cells[1].output_file == "snippets/case/output/one.txt"
    assert "```bash\npip install x\n```" in cells[4].source


def test_notebook_installs_the_pins_and_links_to_sources(case):
    nb = notebooks.build(case)
    assert nb.cells[2].source == "%pip install --quiet pymilvus==3.0.2"
    assert nb.cells[0].source.count("](../../docs/en/case.md)") == 1
    intro = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "](../../docs/en/other.md#part)" in intro and "](../../docs/en/case.md#later)" in intro
    assert nb.cells[4].outputs[0]["text"] == "1\n"


def test_publishing_points_links_at_the_site(case, tmp_path):
    target = tmp_path / case.notebook_path
    target.parent.mkdir(parents=True)
    target.write_text(notebooks.serialize(notebooks.build(case)))
    published = json.loads(notebooks.publish(target.read_text(), target))
    text = "".join(c["source"] for c in published["cells"] if c["cell_type"] == "markdown")
    assert f"]({config.site_url()}other/#part)" in text and f"]({config.site_url()}case/#later)" in text
    assert "../../docs" not in text
    nbformat.validate(nbformat.reads(json.dumps(published), as_version=4))


def test_a_link_to_a_missing_file_is_named(case, tmp_path):
    (tmp_path / "docs/en/other.md").unlink()
    with pytest.raises(PageError, match="docs/en/case.md: link to 'other.md'"):
        notebooks.build(pages.read("docs/en/case.md"))
