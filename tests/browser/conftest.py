"""Fixtures of the real-browser tests: the site built once (strict), served on 127.0.0.1, and
Debian's chromium driven by Playwright with every request to another host blocked and recorded.

The pages are discovered from the built site (every ``index.html`` except the 404 page and the
search and asset folders), so the suite covers each page as it is added. Screenshots and the
page-weight table go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import re
import statistics
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOST = "127.0.0.1"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
WEIGHT_KEY = pytest.StashKey[list[dict[str, Any]]]()

# A copy button of Material for MkDocs (9.7+: ``.md-code__button``; before: ``.md-clipboard``).
COPY_BUTTON = "button[data-clipboard-target]"

# Raw TeX left in the text a reader sees: a control word, \( \) \[ \], $$, or $...$ with TeX in it.
RAW_TEX = r"\\[A-Za-z]+|\\[()[\]]|\$\$|\$[^$\s][^$]*?[\\^_{}][^$]*?\$"

# JavaScript helpers, evaluated in the page.
JS_RAW_TEX = """(pattern) => {
  const re = new RegExp(pattern);
  const skip = "pre, code, script, style, textarea, .katex, .md-search, [hidden]";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest(skip)) continue;
    const m = n.textContent.match(re);
    if (m) found.push(n.textContent.trim().slice(0, 120));
  }
  return found;
}"""

JS_MATH = """async () => {
  await document.fonts.ready;
  const all = [...document.querySelectorAll(".katex")];
  const bad = [];
  for (const k of all) {
    const html = k.querySelector(".katex-html");
    const mathml = k.querySelector(".katex-mathml");
    const family = getComputedStyle(k).fontFamily;
    const shown = k.getClientRects().length > 0;
    const text = k.textContent.slice(0, 60);
    if (!html) { bad.push(`no .katex-html: ${text}`); continue; }
    if (!family.includes("KaTeX_Main")) bad.push(`no KaTeX stylesheet (${family}): ${text}`);
    if (shown && html.getBoundingClientRect().width <= 0) bad.push(`zero-width math: ${text}`);
    if (shown && mathml && mathml.getBoundingClientRect().width > 1)
      bad.push(`MathML copy visible next to the math: ${text}`);
  }
  const fontsOk = all.length === 0 || document.fonts.check("16px KaTeX_Main");
  return {count: all.length, bad, fontsOk};
}"""

JS_IMAGES = """async () => {
  const imgs = [...document.images];
  for (const img of imgs) img.loading = "eager";
  return Promise.all(imgs.map(async (img) => {
    try { await img.decode(); } catch (e) {}
    return {src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0,
            alt: img.getAttribute("alt")};
  }));
}"""


# ---------------------------------------------------------------------------------------------
# The built site


def _yaml_loader() -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
        return None

    Loader.add_multi_constructor("!", ignore_tag)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", ignore_tag)
    return Loader


def mkdocs_config() -> dict[str, Any]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader subclass


def snippet_base_paths() -> list[Path]:
    """``pymdownx.snippets``' ``base_path`` from mkdocs.yml (default: the project root)."""
    for ext in mkdocs_config().get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            base = (ext["pymdownx.snippets"] or {}).get("base_path", ["."])
            return [ROOT / b for b in ([base] if isinstance(base, str) else base)]
    return [ROOT]


SECTION_MARK = re.compile(r"^\s*#?\s*-{1,}8<-{1,}\s*\[(start|end):([\w.-]+)\]\s*$")
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])(?P<spec>[^"']+)\1\s*$""")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def snippet_text(spec: str) -> str:
    """The text pymdownx.snippets includes for ``file``, ``file:section`` or ``file:a:b``."""
    name, _, rest = spec.partition(":")
    path = next((b / name for b in snippet_base_paths() if (b / name).is_file()), None)
    if path is None:
        raise AssertionError(f"snippet file {name!r} not found under {snippet_base_paths()}")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not rest:  # the whole file, without the section markers
        kept = [ln for ln in lines if not SECTION_MARK.match(ln)]
    elif re.fullmatch(r"\d*:\d*", rest):  # a line range, 1-based and inclusive
        a, b = rest.split(":")
        kept = lines[(int(a) - 1 if a else 0) : (int(b) if b else None)]
        kept = [ln for ln in kept if not SECTION_MARK.match(ln)]
    else:
        kept, inside = [], False
        for ln in lines:
            m = SECTION_MARK.match(ln)
            if m and m.group(2) == rest:
                if m.group(1) == "start":
                    inside = True
                    continue
                if inside:
                    break
            if m:
                continue
            if inside:
                kept.append(ln)
        else:
            if not inside:
                raise AssertionError(f"section {rest!r} not found in {path}")
    return textwrap.dedent("\n".join(kept)).strip("\n")


@dataclass
class Site:
    """The site built into ``root`` and served at ``base`` (ending with a slash)."""

    root: Path
    base: str
    pages: list[str] = field(default_factory=list)  # "" for the home page, else "dir/.../"

    def url(self, page: str) -> str:
        return self.base + page

    def html(self, page: str) -> str:
        return (self.root / page / "index.html").read_text(encoding="utf-8")

    def title(self, page: str) -> str:
        m = re.search(r"<title>(.*?)</title>", self.html(page), re.DOTALL)
        assert m, f"no <title> in {page or '/'}"
        return unescape(m.group(1)).strip()

    def slug(self, page: str) -> str:
        return page.strip("/").replace("/", "__") or "home"

    def markdown_source(self, page: str) -> Path | None:
        """The Markdown file under docs/ that the page was built from (None for notebooks)."""
        stem = page.strip("/")
        candidates = (
            [ROOT / "docs" / "index.md", ROOT / "docs" / "README.md"]
            if not stem
            else [
                ROOT / "docs" / f"{stem}.md",
                ROOT / "docs" / stem / "index.md",
                ROOT / "docs" / stem / "README.md",
            ]
        )
        return next((c for c in candidates if c.is_file()), None)

    def included_snippets(self, page: str) -> list[tuple[str, str]]:
        """``(spec, text)`` of every snippet the page's Markdown includes in a code block."""
        src = self.markdown_source(page)
        if src is None:
            return []
        out: list[tuple[str, str]] = []
        fence = ""  # the opening fence of the code block we are in, if any
        for line in src.read_text(encoding="utf-8").splitlines():
            m = FENCE.match(line)
            stripped = line.strip()
            if m and not fence:
                fence = m.group(1)
            elif m and stripped.startswith(fence) and stripped == stripped[0] * len(stripped):
                fence = ""
            elif fence and (inc := INCLUDE.match(line)):
                out.append((inc.group("spec"), snippet_text(inc.group("spec"))))
        return out

    def is_notebook(self, page: str) -> bool:
        return "jp-Notebook" in self.html(page) or "jp-Cell" in self.html(page)


def discover_pages(root: Path) -> list[str]:
    pages = []
    for index in root.rglob("index.html"):
        rel = index.parent.relative_to(root).as_posix()
        if rel.split("/")[0] in {"search", "assets"}:
            continue
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages, key=lambda p: (p != "", p))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``mkdocs build --strict`` into a temporary directory, once per session."""
    out = tmp_path_factory.mktemp("browser-site") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        pytest.fail(f"mkdocs build --strict failed (last lines):\n{tail}", pytrace=False)
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
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

    def send_head(self) -> Any:
        """Text compressed with gzip when the browser accepts it, as every static host serves
        it (GitHub Pages, Netlify, Read the Docs, nginx), so the bytes the browser reports are
        the bytes a reader downloads. Anything else as http.server sends it."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()  # fonts, images, redirects and errors
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml")


@functools.cache
def _gzipped(path: Path) -> bytes:
    """``path`` compressed at gzip level 6 (nginx's and most hosts' default)."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
            return  # the browser dropped a connection (an aborted or finished load)
        super().handle_error(request, client_address)


def serve_at(root: Path, base: str) -> None:
    """Point the sitemap at ``base``, as if ``site_url`` were ``base``.

    The site is built for ``site_url`` (http://127.0.0.1:8000/) and served here on a free port.
    Material's instant navigation only intercepts links that are in sitemap.xml, after
    rewriting the sitemap's protocol and hostname to the page's, but not its port; on any other
    port every link would be a full page load. The built pages themselves are not touched.
    """
    site_url = str(mkdocs_config().get("site_url") or "")
    assert site_url, "mkdocs.yml has no site_url: Material's instant navigation needs one"
    site_url = site_url.rstrip("/") + "/"
    sitemap = root / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    assert f"<loc>{site_url}" in text, f"sitemap.xml is not built for site_url {site_url}"
    sitemap.write_text(text.replace(f"<loc>{site_url}", f"<loc>{base}"), encoding="utf-8")
    (root / "sitemap.xml.gz").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """The built site served by ``http.server`` on 127.0.0.1, on a free port."""
    server = _Server((HOST, 0), functools.partial(_Handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    base = f"http://{HOST}:{server.server_port}/"
    serve_at(built_site, base)
    pages = discover_pages(built_site)
    assert pages, f"no page (index.html) in the built site {built_site}"
    try:
        yield Site(built_site, base, pages)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium (no browser download), one per session."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Install it with scripts/install-browser (apt-get install chromium).",
            pytrace=False,
        )
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Visit:
    """What happened while a context was open: blocked requests, console and load errors."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def mark(self) -> tuple[int, int, int]:
        return len(self.external), len(self.console_errors), len(self.failed)

    def since(self, mark: tuple[int, int, int]) -> list[str]:
        a, b, c = mark
        return (
            [f"request to another host: {u}" for u in self.external[a:]]
            + [f"console error: {m}" for m in self.console_errors[b:]]
            + [f"failed request: {m}" for m in self.failed[c:]]
        )


class Browsing:
    """Opens contexts on the served site; every other host is blocked and recorded."""

    def __init__(self, browser: Browser, site: Site) -> None:
        self.browser = browser
        self.site = site
        self.visit = Visit()
        self.contexts: list[BrowserContext] = []

    def _is_external(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in {"data", "blob", "about"} and parts.hostname != HOST

    def context(self, **kwargs: Any) -> BrowserContext:
        kwargs.setdefault("base_url", self.site.base)
        ctx = self.browser.new_context(**kwargs)
        ctx.set_default_timeout(15_000)
        visit = self.visit

        def block(route: Any) -> None:
            visit.external.append(route.request.url)
            route.abort("blockedbyclient")

        ctx.route(self._is_external, block)
        ctx.on("page", self._watch)
        self.contexts.append(ctx)
        return ctx

    def _watch(self, page: Page) -> None:
        visit = self.visit

        def on_console(msg: ConsoleMessage) -> None:
            if msg.type == "error":
                loc = msg.location.get("url", "")
                visit.console_errors.append(f"{msg.text} ({loc or page.url})")

        def on_response(resp: Any) -> None:
            if resp.status >= 400:
                visit.failed.append(f"HTTP {resp.status} {resp.url}")

        def on_failed(req: Any) -> None:
            if not self._is_external(req.url) and req.failure != "net::ERR_ABORTED":
                visit.failed.append(f"{req.failure} {req.url}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: visit.console_errors.append(f"uncaught {exc}"))
        page.on("response", on_response)
        page.on("requestfailed", on_failed)
        page.on(
            "websocket",
            lambda ws: visit.external.append(ws.url) if self._is_external(ws.url) else None,
        )

    def page(self, **kwargs: Any) -> Page:
        return self.context(**kwargs).new_page()

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()


@pytest.fixture
def browsing(browser: Browser, site: Site) -> Iterator[Browsing]:
    """Contexts for one test; the test fails if any page asked another host or logged an error."""
    b = Browsing(browser, site)
    try:
        yield b
    finally:
        b.close()
    problems = b.visit.since((0, 0, 0))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# ---------------------------------------------------------------------------------------------
# Page helpers, shared by the test modules through the ``helpers`` fixture


def load(page: Page, url: str, *, idle: bool = True) -> None:
    """Go to ``url``; wait for its fonts and, if ``idle``, until the network is quiet for 0.5 s
    (the search index and sitemap that Material fetches after the load event)."""
    resp = page.goto(url, wait_until="load")
    assert resp is not None and resp.ok, f"{url}: HTTP {resp.status if resp else 'no response'}"
    page.evaluate("document.fonts.ready.then(() => true)")
    if idle:
        page.wait_for_load_state("networkidle")


def raw_tex(page: Page) -> list[str]:
    return page.evaluate(JS_RAW_TEX, RAW_TEX)  # type: ignore[no-any-return]


def math_state(page: Page) -> dict[str, Any]:
    return page.evaluate(JS_MATH)  # type: ignore[no-any-return]


def images(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(JS_IMAGES)  # type: ignore[no-any-return]


def instant_go(page: Page, site: Site, target: str) -> None:
    """Follow a link to ``target`` the way a reader does (Material's instant navigation)."""
    url = site.url(target)
    clicked = page.evaluate(
        """(url) => {
          const links = [...document.querySelectorAll("a[href]")].filter(
            (a) => a.href === url && a.getClientRects().length > 0 && !a.closest("[download]"));
          let a = links[0];
          if (!a) {  // no visible link to it: a link like the ones in the text
            a = document.createElement("a");
            a.href = url;
            a.textContent = "next";
            document.querySelector("article").append(a);
          }
          a.scrollIntoView();
          a.click();
          return true;
        }""",
        url,
    )
    assert clicked
    arrive(page, site, url)


def arrive(page: Page, site: Site, url: str) -> str:
    """Wait until the page at ``url`` (query and fragment aside) is shown; its site path."""
    bare = url.split("#")[0].split("?")[0]
    assert bare.startswith(site.base), f"{url} is not on the site"
    path = bare[len(site.base) :]
    page.wait_for_url(lambda u: u.split("#")[0].split("?")[0] == bare)
    page.wait_for_function("(t) => document.title === t", arg=site.title(path))
    page.wait_for_load_state("networkidle")
    return path


def page_math_count(site: Site, page: str) -> int:
    return site.html(page).count('<span class="katex">')


def click_copy(page: Page, index: int) -> dict[str, str]:
    """Click the ``index``-th visible copy button with the mouse: the clipboard and the block."""
    page.evaluate("navigator.clipboard.writeText('(the copy button copied nothing)')")
    button = page.locator(COPY_BUTTON).nth(index)
    button.scroll_into_view_if_needed()
    button.click()
    return page.evaluate(  # type: ignore[no-any-return]
        """async ([sel, i]) => {
          const button = document.querySelectorAll(sel)[i];
          const block = document.querySelector(button.dataset.clipboardTarget).textContent;
          return {copied: await navigator.clipboard.readText(), block: block.trimEnd()};
        }""",
        [COPY_BUTTON, index],
    )


JS_COPY_ALL = """async (selector) => {
  const out = [];
  for (const button of document.querySelectorAll(selector)) {
    for (let el = button; el; el = el.parentElement) {  // show the block: its tab, its <details>
      if (el.tagName === "DETAILS") el.open = true;
      if (el.classList.contains("tabbed-block")) {
        const content = el.parentElement, set = content.parentElement;
        const input = set.querySelectorAll(":scope > input")[[...content.children].indexOf(el)];
        if (!input.checked) document.querySelector(`label[for="${input.id}"]`).click();
      }
    }
    await navigator.clipboard.writeText("(the copy button copied nothing)");
    button.click();
    const block = document.querySelector(button.dataset.clipboardTarget).textContent;
    out.push({copied: await navigator.clipboard.readText(), block: block.trimEnd()});
  }
  return out;
}"""


def copy_all(page: Page) -> list[dict[str, str]]:
    """Click every copy button of the page in turn (in the page's script, a click event on the
    button as Material's clipboard handler receives it); what each put on the clipboard."""
    return page.evaluate(JS_COPY_ALL, COPY_BUTTON)  # type: ignore[no-any-return]


def axe_run(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Inject axe-core (from node_modules, no network) and return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    return page.evaluate(  # type: ignore[no-any-return]
        """async (options) => {
          const r = await axe.run(document, {resultTypes: ["violations"], ...options});
          return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + ": " +
                                      (n.failureSummary || "").replace(/\\s+/g, " "))}));
        }""",
        options or {},
    )


@functools.cache
def _axe_source() -> str:
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run scripts/setup (npm package axe-core)")
    return AXE.read_text(encoding="utf-8")


def artifact(*parts: str) -> Path:
    path = ARTIFACTS.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def helpers() -> SimpleNamespace:
    """The page helpers above, for the test modules (which cannot import conftest)."""
    return SimpleNamespace(
        load=load,
        raw_tex=raw_tex,
        math_state=math_state,
        images=images,
        instant_go=instant_go,
        arrive=arrive,
        page_math_count=page_math_count,
        click_copy=click_copy,
        copy_all=copy_all,
        axe_run=axe_run,
        artifact=artifact,
        copy_button=COPY_BUTTON,
        font_suffixes=FONT_SUFFIXES,
        no_alt=lambda page: page.evaluate(JS_NO_ALT, NO_DESCRIPTION),
    )


# ---------------------------------------------------------------------------------------------
# The tour: every page loaded once per session and checked by several test modules. Each page is
# loaded in light mode (network, math, images, weight, all of axe); then, as a reader would, the
# system setting turns dark and the header's "Switch to dark mode" is pressed (Material keeps the
# scheme of the first visit: it does not follow a later change of the system setting), and the
# slate scheme is checked (math contrast, figures, axe's colour rules). Each page gets a new
# context, and Playwright disables the HTTP cache of a context with a route: each load is cold.

# axe rules whose result depends on the colour scheme (run again in dark mode)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# every image needs a text alternative: a non-empty alt (axe's image-alt also accepts alt="",
# and nbconvert's stand-in for a notebook output without one is no description either)
NO_DESCRIPTION = "No description has been provided for this image"
JS_NO_ALT = """(placeholder) => [...document.querySelectorAll("img, [role=img]")]
  .filter((el) => {
    if (el.tagName !== "IMG")
      return !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || "").trim()
        && !el.querySelector("title");
    const alt = (el.getAttribute("alt") || "").trim();
    return !alt || alt === placeholder;
  })
  .map((el) => el.outerHTML.slice(0, 160))"""

# the WCAG contrast of each shown formula with the first opaque background behind it
JS_MATH_CONTRAST = """() => {
  const rgba = (s) => (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backdrop = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const k of document.querySelectorAll(".katex")) {
    if (k.getClientRects().length === 0) continue;  // in a closed tab or <details>
    const fg = lum(rgba(getComputedStyle(k).color)), bg = lum(backdrop(k));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.push({ratio, text: k.querySelector(".katex-mathml")?.textContent.slice(0, 50) || ""});
  }
  return out;
}"""

FIGURES = ".md-content img"


@dataclass
class Mode:
    """What a page showed in one colour mode."""

    scheme: str = ""  # Material's data-md-color-scheme
    axe: list[dict[str, Any]] = field(default_factory=list)
    math_contrast: list[dict[str, Any]] = field(default_factory=list)
    figures: list[tuple[str, bytes]] = field(default_factory=list)  # (src, screenshot)


@dataclass
class PageVisit:
    """What one load of a page showed (see ``tour``)."""

    path: str
    error: str = ""  # the exception that cut the visit short, if any
    dark_error: str = ""  # the same, in dark mode
    problems: list[str] = field(default_factory=list)  # other hosts, console errors, failures
    raw_tex: list[str] = field(default_factory=list)
    math: dict[str, Any] = field(default_factory=dict)
    images: list[dict[str, Any]] = field(default_factory=list)
    no_alt: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)  # url, type, bytes
    load_ms: float = 0.0
    light: Mode = field(default_factory=Mode)
    dark: Mode = field(default_factory=Mode)


def _look(page: Page, site: Site, path: str, mode: str, axe_options: dict[str, Any]) -> Mode:
    m = Mode(scheme=page.evaluate("document.body.dataset.mdColorScheme || ''"))
    m.math_contrast = page.evaluate(JS_MATH_CONTRAST)
    figures = page.locator(FIGURES)
    for i in range(figures.count()):
        img = figures.nth(i)
        img.scroll_into_view_if_needed()
        shot = img.screenshot(path=artifact("dark", f"{site.slug(path)}-img{i}-{mode}.png"))
        m.figures.append((img.get_attribute("src") or "", shot))
    m.axe = axe_run(page, axe_options)
    return m


def _visit(browsing: Browsing, path: str) -> PageVisit:
    site = browsing.site
    v = PageVisit(path)
    mark = browsing.visit.mark()
    ctx = browsing.context(color_scheme="light")  # a new one: no palette stored by the last page
    page = ctx.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda req: finished.append(req))
    try:
        load(page, site.url(path))
        v.load_ms = page.evaluate(
            """() => { const n = performance.getEntriesByType("navigation")[0];
                       return n.loadEventEnd - n.startTime; }"""
        )
        v.images = images(page)  # loads the lazy ones too
        v.raw_tex = raw_tex(page)
        v.math = math_state(page)
        v.no_alt = page.evaluate(JS_NO_ALT, NO_DESCRIPTION)
        for req in finished:  # every request of the load is in by now
            resp = req.response()
            size = req.sizes()["responseBodySize"]
            if not size and resp is not None:  # the search worker's size is not reported
                size = int(resp.headers.get("content-length", 0))
            v.requests.append({"url": req.url, "type": req.resource_type, "bytes": size})
        v.light = _look(page, site, path, "light", {})
    except Exception as exc:  # reported by the tests, page by page
        v.error = f"{type(exc).__name__}: {exc}"
    if not v.error:
        try:  # the reader's system turns dark and they press the header's "Switch to dark mode"
            page.emulate_media(color_scheme="dark")
            page.locator('[data-md-component="palette"] label:not([hidden])').first.click()
            page.wait_for_function(
                """() => document.body.dataset.mdColorScheme === "slate"
                         && !document.body.hasAttribute("data-md-color-switching")""",
                timeout=5000,
            )
            page.screenshot(path=artifact("dark", f"{site.slug(path)}.png"))
            colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
            v.dark = _look(page, site, path, "dark", colours)
        except Exception as exc:
            v.dark_error = f"dark mode: {type(exc).__name__}: {exc}"
    ctx.close()
    v.problems = browsing.visit.since(mark)
    return v


@pytest.fixture(scope="session")
def tour(browser: Browser, site: Site) -> Iterator[dict[str, PageVisit]]:
    """Every page, loaded once: its network, math, images, weight and axe, then in dark mode."""
    browsing = Browsing(browser, site)
    try:
        yield {path: _visit(browsing, path) for path in site.pages}
    finally:
        browsing.close()


# ---------------------------------------------------------------------------------------------
# The page-weight table


def record_weight(config: pytest.Config, rows: list[dict[str, Any]]) -> Path:
    config.stash[WEIGHT_KEY] = rows
    path = artifact("page-weight.json")
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def weight_recorder(request: pytest.FixtureRequest) -> Callable[[list[dict[str, Any]]], Path]:
    return functools.partial(record_weight, request.config)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    rows = config.stash.get(WEIGHT_KEY, None)
    if not rows:
        return
    tr = terminalreporter
    tr.write_sep("=", "page weight (cold load, empty cache)")
    tr.write_line(
        f"{'page':<46} {'sent KB':>8} {'raw KB':>8} {'fonts KB':>9} {'requests':>9} {'load ms':>8}"
    )
    for r in rows:
        tr.write_line(
            f"{'/' + r['page']:<46} {r['bytes_without_fonts'] / 1000:>8.1f} "
            f"{r['uncompressed_bytes_without_fonts'] / 1000:>8.1f} {r['font_bytes'] / 1000:>9.1f} "
            f"{r['requests']:>9} {r['load_ms']:>8.0f}"
        )
    sent = [r["bytes_without_fonts"] / 1000 for r in rows]
    raw = [r["uncompressed_bytes_without_fonts"] / 1000 for r in rows]
    tr.write_line(
        f"{'median / max':<46} {statistics.median(sent):>8.1f} {statistics.median(raw):>8.1f}"
        f"   (max {max(sent):.1f} / {max(raw):.1f})"
    )
    tr.write_line(
        "sent KB: bytes received by the browser from a server that gzips text, fonts apart; "
        "raw KB: the same"
    )
    tr.write_line(
        "files uncompressed. "
        f"Per page, its largest requests: {ARTIFACTS.relative_to(ROOT)}/page-weight.json"
    )
