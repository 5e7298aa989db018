"""The built site as the browser tests see it: served at ``base``, its pages, their HTML, and
the Markdown and example sections each page was built from.

Which Markdown file a page comes from is MkDocs' answer (``get_files`` of the site's
configuration); which sections a page includes, and their text, is pymdownx's
(:mod:`normdocs_site.snippet_syntax`), so the tests compare against exactly what the build
included.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from mkdocs.structure.files import get_files

from normdocs_site.config import site_config
from normdocs_site.pages import fences
from normdocs_site.snippet_syntax import expand, includes


@functools.cache
def markdown_sources() -> dict[str, Path]:
    """``{page: Markdown file}`` for every Markdown page of the site (MkDocs' own mapping)."""
    found: dict[str, Path] = {}
    for file in get_files(site_config()).documentation_pages():
        if file.abs_src_path and file.src_uri.endswith(".md"):
            found.setdefault(file.dest_uri.removesuffix("index.html"), Path(file.abs_src_path))
    return found


@dataclass
class Site:
    """The site built into ``root`` and served at ``base`` (ending with a slash); whether a URL
    is another host's is the server's answer."""

    root: Path
    base: str
    pages: list[str]  # "" for the home page, else "dir/.../"
    is_other_host: Callable[[str], bool]

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
        return markdown_sources().get(page)

    def included_snippets(self, page: str) -> list[tuple[str, str]]:
        """``(target, text)`` of every ``--8<--`` include in a code block of the page's
        Markdown, in order: ``text`` is what pymdownx includes (its surrounding blank lines
        stripped)."""
        src = self.markdown_source(page)
        if src is None:
            return []
        return [
            (inc.target, expand(src, f'--8<-- "{inc.target}"').strip("\n"))
            for fence in fences(src)
            for inc in includes(src, "\n".join(fence.body))
        ]

    def is_notebook(self, page: str) -> bool:
        return "jp-Notebook" in self.html(page) or "jp-Cell" in self.html(page)
