"""tools/llms.py: a page's Markdown twin resolves every include, wherever it sits."""
from tools import llms, pages


def _twin_of(text: str) -> str:
    source = next(p for p in pages.source_pages() if p.name == "sdk-v2")
    return llms.twin(pages._parse(source.path, text))


def test_an_include_inside_an_admonition_is_resolved_and_keeps_its_indent():
    page = pages.read("docs/en/async-milvus-client.md")
    twin = llms.twin(page)
    note = "snippets/async-milvus-client/generated/en/note-task_group.md"
    assert note in page.text and "--8<--" not in twin
    shown = open(note, encoding="utf-8").read().strip()
    assert "    " + shown.splitlines()[0] in twin


def test_link_attributes_are_dropped_and_links_point_at_the_site():
    twin = _twin_of("---\ntitle: T\n---\n\n# T { #t }\n\n"
                    "See [the file](../assets/downloads/concurrency_benchmark.py){ download=\"x.py\" } "
                    "and [the notebook](notebooks/sdk-v2.ipynb).\n")
    assert "{ download" not in twin
    assert "](http" in twin and "assets/downloads/concurrency_benchmark.py)" in twin
    assert "notebooks/sdk-v2/)" in twin
