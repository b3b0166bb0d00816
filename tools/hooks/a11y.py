"""MkDocs hook: fix what the theme and mkdocs-jupyter miss for accessibility.

axe-core, run by tests/browser on every page, reports these as serious:

- the search dialog gets a name (the localized label of its input);
- notebook code and output areas, and notebook tables, that scroll sideways can take keyboard
  focus (Material wraps tables of Markdown pages itself, but not those of notebook pages);
- a primary button keeps enough contrast when hovered or focused;
- links in running text are underlined, not told apart by colour alone;
- a few syntax colours and the footer text get enough contrast, in light and dark mode;
- on phones the (hidden) language menu stays inside the screen, so pages do not scroll sideways.
"""
import re

SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
SEARCH_LABEL = re.compile(r'class="md-search__input"[^>]*aria-label="([^"]*)"')
NOTEBOOK_SCROLLER = re.compile(r'<(div class="highlight-ipynb[^"]*"|pre)(?![^>]*tabindex)')

CSS = """
.md-typeset :is(p, li, td, dd, blockquote) a:not(.headerlink) {
  text-decoration: underline; text-underline-offset: .15em; }
.md-copyright { color: var(--md-footer-fg-color--light); }
.md-typeset .md-button--primary:is(:focus, :hover) {
  background-color: var(--md-primary-fg-color--dark); border-color: var(--md-primary-fg-color--dark); }
.nb-table-scroll { overflow-x: auto; }
[data-md-color-scheme="default"] {
  --md-code-hl-variable-color: #5c5c5c; --md-code-hl-operator-color: #5c5c5c;
  --md-code-hl-punctuation-color: #5c5c5c; --md-code-hl-comment-color: #5c5c5c;
  --md-code-hl-generic-color: #5c5c5c; }
[data-md-color-scheme="slate"] {
  --md-code-hl-constant-color: #a496ea; --md-code-hl-number-color: #ec8378; }
[data-md-color-scheme="default"] .highlight-ipynb :is(.m, .mf, .mi, .mh, .mo, .il) {
  color: #006b00; }
[data-md-color-scheme="default"] .highlight-ipynb .ow { color: #8f17e0; }
[data-md-color-scheme="default"] .highlight-ipynb .c1 { color: #336b6b; }
[data-md-color-scheme="slate"] .highlight-ipynb .ow { color: #c98bff; }
[data-md-color-scheme="slate"] .highlight-ipynb .c1 { color: #79b8b8; }
@media screen and (max-width: 44.984375em) {
  .md-select__inner { left: auto; right: 0; transform: translate3d(0, .3rem, 0); }
  .md-select:is(:focus-within, :hover) .md-select__inner { transform: translate3d(0, 0, 0); }
  .md-select__inner::after { left: auto; right: .8rem; }
}
"""
STYLE = f'<style id="a11y-fixes">{" ".join(CSS.split())}</style>'


def fix(output: str) -> str:
    label = SEARCH_LABEL.search(output)
    if label:
        output = SEARCH_DIALOG.sub(lambda m: m[0][:-1] + f' aria-label="{label[1]}">', output, 1)
    if 'class="jupyter-wrapper"' in output:
        output = NOTEBOOK_SCROLLER.sub(r'<\1 tabindex="0"', output)
        # a table with a class is one Material leaves alone: ours scrolls in a focusable box
        output = output.replace("<table>", '<div class="nb-table-scroll" tabindex="0"><table class="nb-table">')
        output = output.replace("</table>", "</table></div>")
    return output.replace("</head>", STYLE + "</head>", 1)


def on_post_page(output, page, config):
    return fix(output)


def on_post_template(output, template_name, config):
    return fix(output) if template_name == "404.html" else output
