"""tools/hooks/notebook_css.py: rules for classes a page lacks go, with the properties only they read."""
from tools.hooks.notebook_css import on_post_page, slim

CSS = (".jupyter-wrapper{--used:red;--unused:blue;--chain:var(--used)}"
       ".jp-Cell{color:var(--chain)}.jp-Widget{color:var(--unused)}"
       "@media (max-width:10px){.jp-Cell{margin:0}.jp-Slider{margin:1px}}"
       ".jp-A:not(.jp-B){top:0}.md-typeset .jp-Cell{left:0}"
       "@font-face{font-family:x}")


def test_rules_whose_classes_are_absent_are_dropped():
    kept = slim(CSS, {"jupyter-wrapper", "jp-Cell", "jp-A"})
    assert ".jp-Widget" not in kept and ".jp-Slider" not in kept
    assert "@media (max-width:10px){.jp-Cell{margin:0}}" in kept
    assert ".jp-A:not(.jp-B){top:0}" in kept, "classes inside :not() need not be present"
    assert ".md-typeset .jp-Cell{left:0}" in kept, "md-* classes are added by Material's script"
    assert "@font-face{font-family:x}" in kept


def test_custom_properties_stay_only_when_a_kept_rule_reads_them():
    kept = slim(CSS, {"jupyter-wrapper", "jp-Cell"})
    assert "--used:red" in kept and "--chain:var(--used)" in kept
    assert "--unused" not in kept
    assert "--unused:blue" in slim(CSS, {"jupyter-wrapper"}, read_elsewhere={"--unused"})


def test_only_notebook_pages_are_touched():
    page = '<style>@charset "UTF-8";.jupyter-wrapper{--x:1}.jp-Gone{top:0}</style><div class="x">'
    assert on_post_page(page, None, None) == page
    notebook = page.replace('class="x"', 'class="jupyter-wrapper"')
    assert ".jp-Gone" not in on_post_page(notebook, None, None)
