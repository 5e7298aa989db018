r"""Build step: one "to run the code on this page" line per page, read off the code's imports.

For every page with Python code blocks, the sections it includes (``--8<--``, parsed by
pymdownx, :mod:`normdocs_site.snippet_syntax`) are parsed with :mod:`ast`, and their top-level
modules sorted into the standard library, the library's own dependencies (``numpy``,
``normdocs``) and the ``examples`` extra of ``pyproject.toml``. Right under the page's title
the build writes what a reader must install to run any block of the page alone:

- ``pip install normdocs`` when the blocks import only the standard library, NumPy and
  normdocs;
- ``pip install 'normdocs[examples]'`` otherwise, with the packages that need it.

A block importing a module that is in neither set **fails the build**: the extra must hold
what the pages import (and the site check runs every block in a venv holding only it).

>>> needs(["import torch\nfrom sklearn.linear_model import Lasso\nimport math\n"])
['scikit-learn', 'torch']
>>> needs(["import numpy as np\nimport normdocs as nd\n"])
[]
"""

from __future__ import annotations

import ast
import sys

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site.i18n import page_language
from normdocs_site.paths import project_root
from normdocs_site.snippet_syntax import SnippetError, includes, section_code

#: modules that ``pip install normdocs`` brings (the library and its dependencies)
BASE = {"normdocs", "numpy", "array_api_compat"}
#: module -> the distribution of the ``examples`` extra that provides it
EXTRA = {"torch": "torch", "scipy": "scipy", "sklearn": "scikit-learn", "dask": "dask"}
#: how the line names each distribution
NAMES = {"torch": "PyTorch", "scipy": "SciPy", "scikit-learn": "scikit-learn", "dask": "Dask"}


def imported_modules(code: str) -> set[str]:
    """The top-level modules that ``code`` imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def needs(codes: list[str]) -> list[str]:
    """The distributions of the ``examples`` extra that the code needs, sorted.

    Raises ``ValueError`` for a module that is neither standard, nor normdocs' own
    dependency, nor in the extra.
    """
    wanted = set()
    for code in codes:
        for module in imported_modules(code):
            if module in BASE or module in sys.stdlib_module_names:
                continue
            if module not in EXTRA:
                allowed = ", ".join(sorted(BASE | EXTRA.keys()))
                raise ValueError(
                    f"imports {module!r}, which `pip install 'normdocs[examples]'` does not "
                    f"install (allowed besides the standard library: {allowed}); add it to the "
                    "examples extra in pyproject.toml and to EXTRA in this module"
                )
            wanted.add(EXTRA[module])
    return sorted(wanted)


LINE = {
    "en": (
        "To run the code on this page: `pip install normdocs` (it uses only NumPy).",
        "To run the code on this page: `pip install 'normdocs[examples]'` (for {names}).",
    ),
    "zh": (
        "运行本页代码：`pip install normdocs`（只用到 NumPy）。",
        "运行本页代码：`pip install 'normdocs[examples]'`（用到 {names}）。",
    ),
}


def line(distributions: list[str], language: str = "en") -> str:
    """The Markdown line a page shows, for the distributions its code needs."""
    only_numpy, extras = LINE[language]
    if not distributions:
        return only_numpy
    names = ("、" if language == "zh" else ", ").join(NAMES[d] for d in distributions)
    return extras.format(names=names)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown
    root = project_root(config)
    path = root / "docs" / page.file.src_uri
    codes = []
    try:
        for inc in includes(path, markdown):
            if inc.file.endswith(".py") and inc.section:
                codes.append(section_code(root / "examples" / inc.file, inc.section))
        distributions = needs(codes)
    except (SnippetError, ValueError) as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
    if not codes:
        return markdown
    lines = markdown.split("\n")
    title = next((i for i, text in enumerate(lines) if text.startswith("# ")), None)
    if title is None:
        raise PluginError(f"{page.file.src_uri}: no '# ' title to put the install line under")
    lines[title + 1 : title + 1] = [
        "",
        line(distributions, page_language(page)),
        "{ .nd-requires }",
        "",
    ]
    return "\n".join(lines)
