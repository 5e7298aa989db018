r"""Scanning the Markdown pages: their fenced code blocks, and which hold only includes.

>>> import pathlib, tempfile
>>> page = pathlib.Path(tempfile.mkdtemp(), "p.md")
>>> _ = page.write_text('```python\n--8<-- "l1-l2-norms.py:norms"\n```\n', encoding="utf-8")
>>> [(f.language, only_includes(f)) for f in fences(page)]
[('python', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from normdocs_site.i18n import is_notebook
from normdocs_site.paths import DOCS
from normdocs_site.snippet_syntax import include_lines, includes, label

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
PYTHON = ("python", "py", "python3")


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a Markdown page."""

    page: Path
    line: int  # of the opening fence
    language: str
    body: list[str]

    def __str__(self) -> str:
        return f"{label(self.page)}:{self.line}: {self.language or 'plain'} block"


def markdown_pages() -> list[Path]:
    """Every Markdown page of the site, in both languages; not the notebooks (jupytext
    Markdown, whose code cells mkdocs-jupyter runs at build)."""
    return sorted(p for p in DOCS.rglob("*.md") if not is_notebook(p.read_text(encoding="utf-8")))


def slug(page: Path) -> str:
    """A page's slug, shared by its example and figures: ``l1-l2-norms`` for
    ``l1-l2-norms.md`` and for its Chinese twin ``l1-l2-norms.zh.md``."""
    return page.name.removesuffix(".md").removesuffix(".zh")


def fences(page: Path) -> list[Fence]:
    """The fenced code blocks of a Markdown page (backticks or tildes, at any indentation)."""
    found = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        info = m["info"].strip().lstrip("{").strip()
        language = info.split()[0].lstrip(".").rstrip("}").lower() if info else ""
        close = re.compile(rf"^[ \t]*{re.escape(m['fence'][0])}{{{len(m['fence'])},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), len(lines))
        found.append(Fence(page, i + 1, language, lines[i + 1 : end]))
        i = end + 1
    return found


def only_includes(fence: Fence) -> bool:
    """Whether a code block holds nothing but ``--8<--`` includes (and blank lines)."""
    mask = include_lines(fence.body)
    if any(line.strip() and not notation for line, notation in zip(fence.body, mask, strict=True)):
        return False
    return bool(includes(fence.page, "\n".join(fence.body)))
