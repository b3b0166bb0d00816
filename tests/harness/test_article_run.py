"""The step harness itself: a failing or hung step is reported with its page, name and lines."""
import pytest

from tests.harness.article_run import ArticleRun, StepFailed, describe
from tools import pages

SNIPPET = '''\
async def main():
    # --8<-- [start:setup]
    value = 41
    # --8<-- [end:setup]
    # --8<-- [start:broken]
    value += 1
    raise ValueError(f"boom {value}")
    # --8<-- [end:broken]
    # --8<-- [start:hangs]
    import asyncio
    await asyncio.sleep(60)
    # --8<-- [end:hangs]
'''


def write_page(tmp_path, names):
    code = tmp_path / "example.py"
    code.write_text(SNIPPET)
    page = tmp_path / f"page-{'-'.join(names)}.md"
    page.write_text("".join(f'```python\n--8<-- "{code}:{name}"\n```\n\n' for name in names))
    return str(page), str(code)


@pytest.fixture
def page(tmp_path):
    return write_page(tmp_path, ("setup", "broken", "hangs"))


@pytest.fixture
def run(page, tmp_path):
    article = ArticleRun(page[0], {}, tmp_path)
    yield article
    article.close()


def test_a_raising_step_names_page_step_and_snippet_lines(page, run):
    setup, broken, _ = pages.read(page[0]).steps
    assert run.run(setup).printed == ""
    with pytest.raises(StepFailed) as failed:
        run.run(broken)
    message = str(failed.value)
    assert f"{page[0]}, section #(top), step 'broken' ({page[1]}:6-7)" in message
    assert "boom 42" in message, "steps must share variables in page order"
    assert f'File "{page[1]}", line 7' in message, "traceback must point at the snippet's line"


def test_a_hung_step_times_out_with_its_name(tmp_path):
    page, _ = write_page(tmp_path, ("setup", "hangs"))
    run = ArticleRun(page, {}, tmp_path)
    setup, hangs = pages.read(page).steps
    run.run(setup)
    with pytest.raises(StepFailed, match=r"step 'hangs' .* timed out after 0.5 s"):
        run.run(hangs, timeout=0.5)
    run.close()


def test_a_step_run_out_of_page_order_is_refused(page, run):
    _, broken, _ = pages.read(page[0]).steps
    with pytest.raises(StepFailed, match="out of page order, step 'setup' must run first"):
        run.run(broken)


def test_steps_after_a_failure_say_why_they_did_not_run(page, run):
    setup, broken, hangs = pages.read(page[0]).steps
    run.run(setup)
    with pytest.raises(StepFailed):
        run.run(broken)
    with pytest.raises(StepFailed, match="not run, step 'broken' failed before it"):
        run.run(hangs)


WARNING_SNIPPET = '''\
# --8<-- [start:warns]
import warnings
warnings.warn("shown to a reader", FutureWarning)
warnings.warn("shown to a reader", FutureWarning)
warnings.warn("hidden from a reader", PendingDeprecationWarning)
# --8<-- [end:warns]
'''


def test_a_step_reports_the_warnings_a_reader_would_see_once_each(tmp_path):
    code = tmp_path / "warns.py"
    code.write_text(WARNING_SNIPPET)
    page = tmp_path / "warns.md"
    page.write_text(f'```python\n--8<-- "{code}:warns"\n```\n')
    run = ArticleRun(str(page), {}, tmp_path)
    result = run.run(pages.read(page).steps[0])
    run.close()
    assert result.warned == "FutureWarning: shown to a reader\n"


def test_an_error_is_described_by_its_name_and_message():
    from pymilvus import MilvusException
    refusal = MilvusException(code=1100, message="create index on 104 field is not supported")
    assert describe(refusal) == "<MilvusException: (code=1100, message=create index on 104 field is not supported)>"
    assert describe(ValueError("bad\nsecond line")) == "ValueError: bad"
    assert describe(KeyError()) == "KeyError"
