"""Build step for the notebook pages (jupytext ``.py`` files under ``docs/notebooks/``).

- Each notebook is also offered as ``<slug>.ipynb`` (converted by jupytext), with a visible
  download link at the top of its page.
- nbconvert's page template loads MathJax from a CDN; those scripts are removed (the math is
  rendered at build time by the KaTeX hook).
"""

from __future__ import annotations

import re

import jupytext
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

NOTEBOOK_DIR = "notebooks/"
MATHJAX = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->"
    r"|<script[^>]*(?:src=\"[^\"]*mathjax[^\"]*\"|type=\"text/x-mathjax-config\")[^>]*>.*?</script>",
    re.DOTALL | re.IGNORECASE,
)


def is_notebook(src_uri: str) -> bool:
    return src_uri.startswith(NOTEBOOK_DIR) and src_uri.endswith(".py")


def ipynb_uri(src_uri: str) -> str:
    return src_uri[: -len(".py")] + ".ipynb"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for f in list(files):
        if is_notebook(f.src_uri):
            nb = jupytext.read(f.abs_src_path, fmt="py:percent")
            content = jupytext.writes(nb, fmt="ipynb")
            files.append(File.generated(config, ipynb_uri(f.src_uri), content=content))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not is_notebook(page.file.src_uri):
        return html
    html = MATHJAX.sub("", html)
    href = get_relative_url(ipynb_uri(page.file.src_uri), page.url or ".")
    name = href.rsplit("/", 1)[-1]
    link = (
        '<p class="nd-download"><a class="md-button" href="'
        + href
        + '" download>Download this notebook ('
        + name
        + ")</a></p>"
    )
    return link + html
