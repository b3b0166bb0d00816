"""MkDocs hook: keep only the notebook CSS a notebook page uses.

mkdocs-jupyter inlines all of JupyterLab's CSS (about 575 KB, mostly icons and widgets these
pages never show) into every notebook page, which takes a page past its 600 KB budget
(scripts/benchmark-site). Rules whose selectors name a class absent from the page go, and so
do custom properties that no kept rule reads.
"""
import functools
import re

import tinycss2

STYLE = re.compile(r"(<style[^>]*>)(\s*@charset[^;]*;\s*\.jupyter-wrapper\{.*?)(</style>)", re.S)
CLASS_ATTR = re.compile(r'class="([^"]*)"')
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT = re.compile(r":not\([^)]*\)")   # classes there need not be present
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


def on_post_page(output, page, config):
    if 'class="jupyter-wrapper"' not in output:
        return output
    classes = {c for attr in CLASS_ATTR.findall(output) for c in attr.split()}
    # the theme's own inline stylesheet reads properties defined in the big one
    read_elsewhere = set(VAR_USE.findall(STYLE.sub("", output, count=1)))
    return STYLE.sub(lambda m: m[1] + slim(m[2], classes, read_elsewhere) + m[3], output, count=1)


def slim(css: str, classes: set[str], read_elsewhere: set[str] = frozenset()) -> str:
    kept = [k for r in _rules(css) for k in _keep(r, classes)]
    values = {}
    for _, _, decls in kept:
        for d in decls or ():
            values.setdefault(d.lower_name, []).append(tinycss2.serialize(d.value))
    used = _used_properties(values, read_elsewhere)
    return "".join(_serialize(wrapper, prelude, decls, used) for wrapper, prelude, decls in kept)


@functools.cache
def _rules(css: str) -> tuple:
    """Parsed once: every notebook page inlines the same stylesheet."""
    return tuple(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def _keep(rule, classes, wrapper=None):
    """(wrapping @media or None, selector or raw at-rule, declarations) of rules to keep."""
    if rule.type == "qualified-rule":
        prelude = tinycss2.serialize(rule.prelude).strip()
        if any(_may_match(s, classes) for s in prelude.split(",")):
            yield wrapper, prelude, _declarations(rule)
    elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        head = f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
        for inner in tinycss2.parse_rule_list(rule.content, True, True):
            yield from _keep(inner, classes, head)
    elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
        yield wrapper, rule.serialize(), None       # @font-face, @keyframes: as they are


def _may_match(selector: str, classes: set[str]) -> bool:
    # Material's script adds md-* classes (md-typeset__scrollwrap...) after load
    return all(c in classes or c.startswith("md-")
               for c in SELECTOR_CLASS.findall(NOT.sub("", selector)))


@functools.cache
def _declarations(rule) -> list:
    return [d for d in tinycss2.parse_declaration_list(rule.content, True, True)
            if d.type == "declaration"]


def _serialize(wrapper, prelude, decls, used) -> str:
    if decls is None:
        text = prelude
    else:
        body = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                        + ("!important" if d.important else "")
                        for d in decls if not d.name.startswith("--") or d.name in used)
        if not body:
            return ""
        text = f"{prelude}{{{body}}}"
    return f"{wrapper}{{{text}}}" if wrapper else text


def _used_properties(values: dict, read_elsewhere: set[str]) -> set[str]:
    """Custom properties read by ordinary declarations, directly or through other ones."""
    used = set(read_elsewhere) | {v for name, vs in values.items() if not name.startswith("--")
                                  for value in vs for v in VAR_USE.findall(value)}
    pending = list(used)
    while pending:
        for value in values.get(pending.pop(), []):
            new = set(VAR_USE.findall(value)) - used
            used |= new
            pending.extend(new)
    return used
