"""tools/markdown.py: one small page per case, read into sections, blocks, prose and steps."""
import pytest

from tools.markdown import TOP, PageError, parse


def read(text: str):
    tree, sections, steps, _ = parse("docs/en/case.md", text)
    return tree, sections, steps


def test_sections_are_cut_at_headings_with_their_ids():
    _, sections, _ = read("Intro text here.\n\n# Title { #title }\n\n## Part { #part }\n\nBody.\n")
    assert [(s.id, s.title) for s in sections] == [(TOP, ""), ("title", "Title"), ("part", "Part")]
    assert [p.text for p in sections[2].paragraphs] == ["Part", "Body."]


def test_a_section_s_prose_and_code_spans_span_its_paragraphs_in_order():
    _, sections, _ = read("## Part { #part }\n\nCall `search` with `limit`.\n\n- it raises `MilvusException`\n")
    assert sections[1].prose == "Part Call `search` with `limit`. it raises `MilvusException`"
    assert sections[1].code_spans == ["search", "limit", "MilvusException"]


def test_a_heading_without_an_id_is_named_by_its_text():
    _, sections, _ = read("## Loose heading\n")
    assert sections[1].id == "(no id: Loose heading)"


def test_output_right_under_a_step_belongs_to_it():
    _, _, steps = read('```python\n--8<-- "snippets/x/a.py:one"\n```\n\n'
                       '```text title="Output"\n--8<-- "snippets/x/output/one.txt"\n```\n')
    assert [(s.path, s.name, s.output_file) for s in steps] == \
        [("snippets/x/a.py", "one", "snippets/x/output/one.txt")]


def test_prose_between_a_step_and_an_output_is_an_error_naming_the_line():
    with pytest.raises(PageError, match=r"docs/en/case.md:8 \(section #s\): the Output block must sit"):
        read('## S { #s }\n\n```python\n--8<-- "snippets/x/a.py:one"\n```\n\nSome words.\n'
             '```text title="Output"\n--8<-- "snippets/x/output/one.txt"\n```\n')


def test_steps_inside_tabs_keep_their_outputs():
    _, sections, steps = read('=== "First"\n\n    ```python\n    --8<-- "s/a.py:one"\n    ```\n\n'
                              '    ```text title="Output"\n    --8<-- "s/output/one.txt"\n    ```\n')
    assert steps[0].output_file == "s/output/one.txt"
    assert sections[0].counts["content tabs"] == 1
    assert [p.text for p in sections[0].paragraphs] == ["First"]


def test_admonitions_tables_images_and_code_are_counted():
    _, sections, _ = read('!!! note "Mind this"\n    Text in it.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n'
                          '![chart](c.svg)\n\n```bash\nls\n```\n')
    counts = sections[0].counts
    assert (counts["note admonitions"], counts["tables"], counts["images"], counts["code blocks"]) == (1, 1, 1, 1)
    assert [(p.kind, p.text) for p in sections[0].paragraphs][:4] == [
        ("title", "Mind this"), ("paragraph", "Text in it."), ("table row", "A | B"), ("table row", "1 | 2")]


def test_code_blocks_know_language_attributes_include_and_page_only():
    _, sections, _ = read('<!-- page-only -->\n```bash title="Shell"\npip install x\n```\n'
                          '<!-- /page-only -->\n\n```python\n--8<-- "snippets/x/a.py"\n```\n')
    shell, script = sections[0].blocks
    assert (shell.lang, shell.attrs, shell.is_shell, shell.page_only) == ("bash", 'title="Shell"', True, True)
    assert (script.include, script.is_step, script.page_only) == (("snippets/x/a.py", None), False, False)


def test_an_indented_code_block_is_recorded_so_that_checks_can_refuse_it():
    _, sections, _ = read("Text.\n\n    indented code\n")
    assert sections[0].blocks[0].lang == "(indented)"


def test_section_source_is_its_markdown_and_front_matter_is_not_in_it():
    _, sections, _ = read("---\ntitle: T\n---\n\n# T { #t }\n\nOne.\n")
    assert sections[0].source == [] and sections[1].source == ["# T { #t }", "One."]


def test_warnings_come_after_the_output_of_their_step():
    step = ('```python\n--8<-- "s/a.py:one"\n```\n\n')
    output = '```text title="Output"\n--8<-- "s/output/one.txt"\n```\n\n'
    warned = '```text title="Warnings"\n--8<-- "s/output/one.warnings.txt"\n```\n\n'
    _, _, steps = read(step + output + warned)
    assert (steps[0].output_file, steps[0].warnings_file) == ("s/output/one.txt", "s/output/one.warnings.txt")
    _, _, steps = read(step + warned)
    assert (steps[0].output_file, steps[0].warnings_file) == (None, "s/output/one.warnings.txt")
    with pytest.raises(PageError, match="the Output block must sit right under"):
        read(step + warned + output)


def test_a_whole_file_with_an_output_is_a_script():
    _, _, _, scripts = parse("docs/en/case.md", '```python\n--8<-- "s/two.py"\n```\n\n'
                             '```text title="Output"\n--8<-- "s/output/two.txt"\n```\n')
    assert [(s.path, s.name, s.output_file) for s in scripts] == [("s/two.py", "two.py", "s/output/two.txt")]
