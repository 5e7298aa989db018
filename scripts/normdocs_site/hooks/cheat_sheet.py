"""Build step: render the cheat sheet's table from the tested rows of examples/cheat-sheet.py.

The page docs/guides/cheat-sheet.md holds the marker ``<!-- cheat-sheet-table -->``. The
``check`` section of the example file, which the page shows, is run here (its output
silenced): it asserts that the NumPy, PyTorch and normdocs calls of each row give one value,
and leaves the rows in ``ROWS``.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site.paths import project_root
from normdocs_site.snippet_syntax import section_code

MARKER = "<!-- cheat-sheet-table -->"
EXAMPLE = "examples/cheat-sheet.py"


def table(example: Path) -> str:
    """The table's Markdown, from the rows that the ``check`` section of ``example`` asserts."""
    namespace: dict[str, Any] = {"__name__": "cheat_sheet"}
    code = section_code(example, "check")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, str(example), "exec"), namespace)
    lines = ["| what | formula | NumPy | PyTorch | normdocs |", "| --- | --- | --- | --- | --- |"]
    for what, tex, numpy_call, torch_call, normdocs_call in namespace["ROWS"]:
        tex = " ".join(tex.split())
        lines.append(f"| {what} | ${tex}$ | `{numpy_call}` | `{torch_call}` | `{normdocs_call}` |")
    return "\n".join(lines)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != "guides/cheat-sheet.md":
        return markdown
    if MARKER not in markdown:
        raise PluginError(f"{page.file.src_uri}: the marker {MARKER} is missing")
    return markdown.replace(MARKER, table(project_root(config) / EXAMPLE))
