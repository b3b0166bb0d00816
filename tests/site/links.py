"""Links of the built site: internal ones must resolve, external ones can only be listed."""
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


@dataclass(frozen=True)
class Link:
    page: str      # URL path of the page, relative to the site root ("de/x/")
    target: str    # as written in the page


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if k in ("id", "name") and v)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.links.append(attrs["src"])


@cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "assets" not in p.relative_to(site_dir).parts)


def page_path(site_dir: Path, html: Path) -> str:
    """URL path of a built page relative to the site root."""
    rel = html.relative_to(site_dir).as_posix()
    return rel[:-len("index.html")] if rel.endswith("index.html") else rel


def links(site_dir: Path) -> list[Link]:
    return [Link(page_path(site_dir, html), href)
            for html in html_pages(site_dir) for href in _parse(html).links]


def is_external(link: Link, site_url: str) -> bool:
    parts = urlsplit(link.target)
    if parts.scheme in ("mailto", "tel"):
        return True
    return bool(parts.netloc) and not link.target.startswith(site_url)


def problem(site_dir: Path, site_url: str, link: Link) -> str | None:
    """Why an internal link does not resolve in the built site, or None."""
    if link.target.startswith(("javascript:", "data:")):  # inline content, nothing to resolve
        return None
    url = urljoin(site_url + link.page, link.target)
    if not url.startswith(site_url):
        return f"points above the site root: {url}"
    parts = urlsplit(url)
    rel = unquote(parts.path[len(urlsplit(site_url).path):])
    if rel.startswith("/") or "//" in rel:
        return f"empty path segment (double slash): {url}"
    target = site_dir / rel
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"no such file in the built site: {rel or '/'}"
    if parts.fragment and target.suffix == ".html" and \
            unquote(parts.fragment) not in _parse(target).ids:
        return f"no anchor #{parts.fragment} in {rel or '/'}"
    return None


def report(path: Path, external: list[Link]) -> None:
    """One line per external URL, with the pages that link to it."""
    by_url: dict[str, set[str]] = {}
    for link in external:
        by_url.setdefault(link.target, set()).add("/" + link.page)
    lines = ["# External links of the built site (not checked: no internet here)", ""]
    lines += [f"- {url}  (on {', '.join(sorted(pages))})" for url, pages in sorted(by_url.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
