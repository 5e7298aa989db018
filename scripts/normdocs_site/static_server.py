"""The built site served over HTTP on 127.0.0.1 as a static host serves it.

What the browser tests (``tests/browser``) and measurements such as Lighthouse load, so that
what they see is what a reader gets from GitHub Pages, Netlify, Read the Docs or nginx:

- **gzip**: text (HTML, CSS, JavaScript, JSON, XML, SVG) is sent gzip-compressed, at level 6
  (nginx's and most hosts' default), to a client that accepts it; fonts and images as they
  are. The bytes a browser reports as received are then the bytes a reader downloads.
- **the site's own address**: the site is built for ``site_url`` (``mkdocs.yml``), but is
  served here on a free port. Material's instant navigation only intercepts links that are
  in ``sitemap.xml``, after rewriting the sitemap's protocol and hostname to the page's, but
  not its port; so ``sitemap.xml`` (and ``sitemap.xml.gz``) are served with ``site_url``
  replaced by the address served, or every link would be a full page load. The files on
  disk, and every page, are served untouched.
- **other hosts**: :meth:`StaticServer.is_other_host` tells which URLs are not this server's
  (anything but ``data:``, ``blob:``, ``about:`` and this host), for the client to block and
  record: the browser tests abort them with a Playwright route.

In a program::

    with StaticServer(Path("site"), site_url="http://127.0.0.1:8000/") as server:
        print(server.base)  # http://127.0.0.1:<port>/

From the command line (until interrupted)::

    python -m normdocs_site.static_server site [--port 8000] [--site-url URL]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import io
import sys
import threading
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO
from urllib.parse import urlsplit

HOST = "127.0.0.1"
GZIP_LEVEL = 6
COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml")
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})


class _Handler(http.server.SimpleHTTPRequestHandler):
    """``http.server``'s file handler, with gzip and the sitemap served for this address."""

    server: _Server

    extensions_map = {  # noqa: RUF012 (http.server's own class attribute)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ipynb": "application/x-ipynb+json",
        ".svg": "image/svg+xml",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".woff2": "font/woff2",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """A sitemap for this address, text compressed with gzip when the client accepts it;
        anything else (fonts, images, directories, redirects, errors) as http.server sends it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        ctype = self.guess_type(str(path))
        gzipped = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(
            COMPRESSIBLE
        )
        rewritten = path.name in SITEMAPS and self.server.site_url is not None
        if not (gzipped or rewritten):
            return super().send_head()
        body = self.server.body(path, gzipped=gzipped)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str, port: int, site_url: str | None) -> None:
        super().__init__((host, port), partial(_Handler, directory=str(root)))
        self.root = root
        self.site_url = site_url
        self.base = f"http://{host}:{self.server_port}/"
        self._bodies: dict[tuple[Path, bool], bytes] = {}
        self._lock = threading.Lock()

    def body(self, path: Path, *, gzipped: bool) -> bytes:
        """The bytes served for ``path`` (computed once per file)."""
        key = (path, gzipped)
        with self._lock:
            if key not in self._bodies:
                data = path.read_bytes()
                if path.name in SITEMAPS and self.site_url is not None:
                    data = self._sitemap(data, packed=path.suffix == ".gz")
                if gzipped:
                    data = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
                self._bodies[key] = data
            return self._bodies[key]

    def _sitemap(self, data: bytes, *, packed: bool) -> bytes:
        assert self.site_url is not None
        text = (gzip.decompress(data) if packed else data).decode("utf-8")
        text = text.replace(f"<loc>{self.site_url}", f"<loc>{self.base}")
        # the other language's twin of each page (Material's language switcher reads them)
        text = text.replace(f'href="{self.site_url}', f'href="{self.base}')
        out = text.encode("utf-8")
        return gzip.compress(out, compresslevel=GZIP_LEVEL, mtime=0) if packed else out

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # the client dropped a connection (an aborted or finished load)
        super().handle_error(request, client_address)


class StaticServer:
    """``root`` (a built site) served on ``host``, in a thread, while the ``with`` block runs.

    ``port`` 0 picks a free port. With ``site_url`` (the address the site was built for), the
    sitemaps list the pages at the address served instead; ``check_sitemap`` (the default)
    first checks that ``sitemap.xml`` is built for ``site_url``.
    """

    def __init__(
        self,
        root: Path,
        *,
        site_url: str | None = None,
        host: str = HOST,
        port: int = 0,
        check_sitemap: bool = True,
    ) -> None:
        self.root = root
        self.host = host
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        if self.site_url and check_sitemap:
            sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
            if f"<loc>{self.site_url}" not in sitemap:
                raise ValueError(f"{root}/sitemap.xml is not built for site_url {self.site_url}")
        self._server = _Server(root, host, port, self.site_url)
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        """The address of the site's home page, ending with a slash."""
        return self._server.base

    @property
    def port(self) -> int:
        return self._server.server_port

    def url(self, page: str) -> str:
        """The address of ``page``, a path inside the site (``""`` for the home page)."""
        return self.base + page.lstrip("/")

    def is_other_host(self, url: str) -> bool:
        """Whether loading ``url`` would ask another host than this server's."""
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.hostname != self.host

    def start(self) -> StaticServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="static-server", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. site")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--site-url", help="the site_url the site was built for (default: mkdocs.yml's)"
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is not a built site (no index.html)")
    if args.site_url is None:
        from normdocs_site.config import site_config  # MkDocs only when asked

        args.site_url = site_config().site_url
    try:
        server = StaticServer(args.site, site_url=args.site_url, port=args.port)
    except (OSError, ValueError) as exc:
        parser.error(str(exc))
    with server:
        print(f"serving {args.site} at {server.base} (Ctrl-C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


__all__ = ["COMPRESSIBLE", "HOST", "StaticServer", "main"]

if __name__ == "__main__":
    sys.exit(main())
