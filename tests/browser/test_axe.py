"""axe-core finds what the page tests rely on it to find (planted on a blank page)."""
import pytest

from tests.browser import reader as reader_module
from tests.browser.reader import AXE_URL, THEME_RULES, run_axe, serious
from tests.browser.site_pages import lane
from tools import config

pytestmark = lane(config.default_language())

LOW_CONTRAST = ('<html lang="en"><head><title>t</title></head><body><main><h1>Title</h1>'
                '<p style="color:#999;background:#aaa">hard to read</p></main></body></html>')


def test_axe_reports_low_contrast_only_when_theme_rules_are_on(reader):
    reader.tab.set_content(LOW_CONTRAST)
    assert "color-contrast" in {v["id"] for v in serious(run_axe(reader.tab, reader.base_url))}
    assert "color-contrast" not in {v["id"] for v in run_axe(reader.tab, reader.base_url, theme=False)}


def test_axe_reports_a_missing_language(reader):
    reader.tab.set_content(LOW_CONTRAST.replace(' lang="en"', ""))
    assert "html-has-lang" in {v["id"] for v in serious(run_axe(reader.tab, reader.base_url, theme=False))}


def test_every_theme_rule_runs_when_theme_rules_are_on(reader):
    """A rule that axe ships switched off would be checked on no page at all."""
    reader.tab.set_content(LOW_CONTRAST.replace("hard to read", 'hard to <a href="#x">read</a>'))
    reader.tab.add_script_tag(url=reader.base_url + AXE_URL)
    ran = reader.tab.evaluate("""async () => {
        const r = await axe.run(document);
        return [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(v => v.id);
    }""")
    assert set(THEME_RULES) <= set(ran), f"not run by default: {set(THEME_RULES) - set(ran)}"


# grave: no language (serious), an image without alt text (critical); mild: no main landmark,
# a heading that skips levels (moderate), an empty heading (minor)
MIXED = ('<html><head><title>t</title></head><body><h1>Title</h1><h4>Deep</h4><h2></h2>'
         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>')


def _check_the_rules_left_out(reader) -> list[dict]:
    """The same serious and critical findings with the mild rules off; with them on, the
    page's lesser findings come from exactly those rules. Returns the findings run_axe gives."""
    reader.tab.set_content(MIXED)
    everything = run_axe(reader.tab, reader.base_url, mild=True)
    usual = run_axe(reader.tab, reader.base_url)
    left_out = set(reader_module.mild_rules(reader.tab))
    assert serious(usual) == serious(everything), "a rule left out reports serious or critical findings"
    lesser = {v["id"] for v in everything} - {v["id"] for v in serious(everything)}
    assert {"landmark-one-main", "heading-order", "empty-heading"} <= lesser <= left_out
    assert not {v["id"] for v in usual} & left_out
    return usual


def test_the_rules_left_out_report_only_what_the_tests_ignore(reader):
    usual = _check_the_rules_left_out(reader)
    assert {"html-has-lang", "image-alt"} <= {v["id"] for v in serious(usual)}


def test_leaving_out_a_rule_with_critical_findings_is_caught(reader, monkeypatch):
    found = reader_module.mild_rules
    monkeypatch.setattr(reader_module, "mild_rules", lambda tab: found(tab) + ["image-alt"])
    with pytest.raises(AssertionError, match="a rule left out reports serious or critical findings"):
        _check_the_rules_left_out(reader)
