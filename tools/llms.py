"""A page as plain Markdown for LLM assistants: includes resolved, outputs inline, site links.

The twin of docs/<lang>/<page>.md is what the reader sees, as Markdown: every code block
holds the code it shows, every Output block what the run printed, generated fragments their
text; heading ids and page-only markers go, and links point at the site. `llms_txt()` indexes
a language's twins per the llms.txt convention (https://llmstxt.org).
"""
import os
import re
import textwrap
from pathlib import Path

from tools import config, pages, snippets
from tools.markdown import END_PAGE_ONLY, HEADING_ID, INCLUDE, LINK_ATTRS, PAGE_ONLY

LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
DATA_IMAGE = re.compile(r"!\[([^\]]*)\]\(data:[^)]*\)")   # an inline chart: its alt text is what a model can read


def twin(page: pages.Page) -> str:
    """The page as Markdown, with every include replaced by what it shows."""
    lines = page.text.splitlines()
    includes = {b.line: b for b in page.blocks if b.include}   # fence line -> block
    out, skip = [], 0
    body = re.sub(r"\A---\n.*?\n---\n", lambda m: "\n" * m[0].count("\n"), page.text, flags=re.S)
    for number, line in enumerate(body.splitlines(), 1):
        if skip:
            skip -= 1
            continue
        if number in includes:
            indent = re.match(r"\s*", lines[number])[0]
            shown = snippets.shown(*includes[number].include).rstrip("\n")
            out += [line, textwrap.indent(shown, indent, lambda _: True)]
            skip = 1
        elif match := INCLUDE.match(line):   # a paragraph of its own, maybe in an admonition
            indent = re.match(r"\s*", line)[0]
            out.append(textwrap.indent(snippets.shown(match["path"]).rstrip("\n"), indent, lambda _: True))
        elif line.strip() in (PAGE_ONLY, END_PAGE_ONLY):
            continue
        else:
            out.append(HEADING_ID.sub("", line) if line.startswith("#") else line)
    text = DATA_IMAGE.sub(lambda m: f"*{m[1]}*", LINK_ATTRS.sub("", "\n".join(out)).strip("\n") + "\n")
    return site_links(text, page)


def site_links(markdown: str, page: pages.Page) -> str:
    """Relative links of the page made absolute: the twin is read outside the site."""
    def fix(match):
        target = match["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return match[0]
        path, _, anchor = target.partition("#")
        linked = Path(os.path.normpath(Path(page.path).parent / path)) if path else Path(page.path)
        if linked.suffix == ".md":
            url = pages.read(linked).url
        elif linked.suffix == ".ipynb":
            url = config.site_url() + config.lang_root(page.lang) + f"notebooks/{linked.stem}/"
        else:
            url = config.site_url() + linked.relative_to(pages.DOCS).as_posix()
        return f"]({url}{'#' + anchor if anchor else ''})"
    return LINK.sub(fix, markdown)


def twin_url(page: pages.Page) -> str:
    return page.url + "index.md"


def llms_txt(lang: str) -> str:
    """The language's index: the site, then one line per page linking to its Markdown twin."""
    strings = config.strings(lang)
    lines = [f"# {strings['site_name']}", "", f"> {strings['site_description'].strip()}", "",
             f"## {strings['llms']['pages']}", ""]
    for page in pages.all_pages(lang):
        description = page.front_matter.get("description", "")
        lines.append(f"- [{page.title}]({twin_url(page)}): {description}")
    return "\n".join(lines) + "\n"


def llms_full_txt(lang: str) -> str:
    """Every page of the language, whole, one after the other."""
    return "\n\n".join(twin(page) for page in pages.all_pages(lang))
