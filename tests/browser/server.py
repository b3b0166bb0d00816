"""Serve the built site on 127.0.0.1 at a free port, like a static host.

Responses are gzip-compressed on request, as real static hosts do."""
import contextlib
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from urllib.parse import urlsplit

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".md", ".ipynb"}


class Handler(http.server.SimpleHTTPRequestHandler):
    base = "/"
    compress = False
    extra: dict[str, Path] = {}   # URL path -> a file that is not part of the site

    def send_head(self):
        """A text file, gzip-compressed when the client accepts it and compression is on."""
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
                and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        if (extra := self.extra.get(path.split("?", 1)[0])) is not None:
            return str(extra)
        # the site lives under site_url's path; anything else is outside it
        if not path.startswith(self.base):
            return str(Path(self.directory) / "\0outside")
        return super().translate_path("/" + path[len(self.base):])

    def send_error(self, code, message=None, explain=None):
        # a missing path gets its language folder's 404 page, else the root's
        rest = self.path[len(self.base):] if self.path.startswith(self.base) else ""
        folder = rest.split("/", 1)[0] if "/" in rest else ""
        page = Path(self.directory) / folder / "404.html"
        if not folder or not page.exists():
            page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site_dir: Path, site_url: str, compress: bool = False, extra: dict[str, Path] | None = None):
    """Yield the base URL of site_dir served under site_url's path; extra: files served at
    base URL + name besides the site (the tests' own scripts)."""
    base = urlsplit(site_url).path or "/"
    extra = {base + name: file for name, file in (extra or {}).items()}
    handler = type("SiteHandler", (Handler,), {"base": base, "compress": compress, "extra": extra})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{base}"
    finally:
        server.shutdown()
        server.server_close()
