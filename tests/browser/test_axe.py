"""axe-core finds what the page tests rely on it to find (planted on a blank page)."""
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
