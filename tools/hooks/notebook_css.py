"""MkDocs hook: keep only the notebook CSS a notebook page uses.

mkdocs-jupyter inlines all of JupyterLab's CSS (about 575 KB, mostly icons and widgets these
pages never show) into every notebook page, which takes a page past its 600 KB budget
(scripts/benchmark-site). Rules whose selectors name a class absent from the page go, and so
do custom properties that no kept rule reads.
"""
import functools
import re
from typing import NamedTuple

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


class Rule(NamedTuple):
    wrapper: str | None       # the wrapping @media/@supports, or None
    text: str                 # selector, or the whole at-rule
    selectors: tuple | None   # classes each selector needs; None: kept on every page
    decls: tuple | None       # Decl of each declaration


class Decl(NamedTuple):
    lower_name: str
    name: str
    reads: tuple   # custom properties its value reads
    text: str      # as serialized


def slim(css: str, classes: set[str], read_elsewhere: set[str] = frozenset()) -> str:
    kept = [r for r in _rules(css)
            if r.selectors is None or any(needed <= classes for needed in r.selectors)]
    reads = {}
    for rule in kept:
        for d in rule.decls or ():
            reads.setdefault(d.lower_name, []).append(d.reads)
    used = _used_properties(reads, read_elsewhere)
    return "".join(_serialize(rule, used) for rule in kept)


@functools.cache
def _rules(css: str) -> tuple[Rule, ...]:
    """Parsed and serialized once: every notebook page inlines the same stylesheet."""
    sheet = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return tuple(r for rule in sheet for r in _flatten(rule))


def _flatten(rule, wrapper=None):
    if rule.type == "qualified-rule":
        prelude = tinycss2.serialize(rule.prelude).strip()
        yield Rule(wrapper, prelude, tuple(map(_needed_classes, prelude.split(","))),
                   _declarations(rule))
    elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
        head = f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
        for inner in tinycss2.parse_rule_list(rule.content, True, True):
            yield from _flatten(inner, head)
    elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
        yield Rule(wrapper, rule.serialize(), None, None)   # @font-face, @keyframes: as they are


def _needed_classes(selector: str) -> frozenset[str]:
    # Material's script adds md-* classes (md-typeset__scrollwrap...) after load
    return frozenset(c for c in SELECTOR_CLASS.findall(NOT.sub("", selector))
                     if not c.startswith("md-"))


def _declarations(rule) -> tuple[Decl, ...]:
    return tuple(_declaration(d) for d in tinycss2.parse_declaration_list(rule.content, True, True)
                 if d.type == "declaration")


def _declaration(d) -> Decl:
    value = tinycss2.serialize(d.value)
    return Decl(d.lower_name, d.name, tuple(VAR_USE.findall(value)),
                f"{d.name}:{value.strip()}" + ("!important" if d.important else ""))


def _serialize(rule: Rule, used: set[str]) -> str:
    if rule.decls is None:
        text = rule.text
    else:
        body = ";".join(d.text for d in rule.decls
                        if not d.name.startswith("--") or d.name in used)
        if not body:
            return ""
        text = f"{rule.text}{{{body}}}"
    return f"{rule.wrapper}{{{text}}}" if rule.wrapper else text


def _used_properties(reads: dict, read_elsewhere: set[str]) -> set[str]:
    """Custom properties read by ordinary declarations, directly or through other ones."""
    used = set(read_elsewhere) | {v for name, rs in reads.items() if not name.startswith("--")
                                  for r in rs for v in r}
    pending = list(used)
    while pending:
        for r in reads.get(pending.pop(), []):
            new = set(r) - used
            used |= new
            pending.extend(new)
    return used
