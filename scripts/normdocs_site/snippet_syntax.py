r"""The one parser of the snippet syntax, and it is pymdownx's own.

Pages include code with ``pymdownx.snippets``: ``--8<-- "file.py:name"`` (or a block of paths
between two ``--8<--`` lines) includes the section of ``examples/file.py`` that lies between
``# --8<-- [start:name]`` and ``# --8<-- [end:name]``. Everything here is answered by
:class:`pymdownx.snippets.SnippetPreprocessor`, configured from ``mkdocs.yml`` (the site's
``base_path``, ``dedent_subsections``): its section-marker regex and section extraction, its
include-line regex, block notation and target parser. So what this module calls a section or
an include is exactly what the build includes, escapes (``;--8<--``) and comments included.

>>> [s.name for s in sections("# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n")]
['a']
>>> section_code("if True:\n    # --8<-- [start:a]\n    x = 1\n    # --8<-- [end:a]\n", "a")
'x = 1\n'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.snippets import SnippetExtension, SnippetMissingError, SnippetPreprocessor

from normdocs_site.config import snippet_options
from normdocs_site.paths import EXAMPLES, ROOT


class SnippetError(Exception):
    """An example file or section that cannot be read as asked (e.g. a missing section)."""


@dataclass(frozen=True)
class Section:
    """A ``[start:name]`` ... ``[end:name]`` region; lines are 1-based, markers excluded."""

    name: str
    start: int  # line of the start marker
    end: int  # line of the end marker


@dataclass(frozen=True)
class Include:
    """One ``--8<--`` include of a page, as pymdownx parses its target."""

    page: Path
    line: int
    target: str  # as written: "file.py:section"
    file: str
    section: str | None

    def __str__(self) -> str:
        return f"{label(self.page)}:{self.line}: --8<-- {self.target!r}"


class _Scanner(SnippetPreprocessor):  # type: ignore[misc]  # pymdownx has no type hints
    """pymdownx's preprocessor, noting every include target of the top-level text it parses."""

    def __init__(self, config: dict[str, Any], md: markdown.Markdown) -> None:
        super().__init__(config, md)
        self.found: list[tuple[str, dict[str, Any]]] = []
        self._depth = 0

    def parse_snippets(self, lines: list[str], *args: Any, **kwargs: Any) -> list[str]:
        self._depth += 1
        try:
            result: list[str] = super().parse_snippets(lines, *args, **kwargs)
            return result
        finally:
            self._depth -= 1

    def parse_snippet_target(self, path: str) -> dict[str, Any] | None:
        target: dict[str, Any] | None = super().parse_snippet_target(path)
        if self._depth == 1:
            self.found.append((path, target or {"path": "", "section": None}))
        return target


_build_config: list[MkDocsConfig] = []  # the configuration of the build running, if any


def use_config(config: MkDocsConfig) -> None:
    """Take the snippet settings from ``config`` (the plugin passes the build's own, so a
    build reads its ``mkdocs.yml`` once and a copy of the repository uses its own)."""
    _build_config[:] = [config]
    _configured.cache_clear()


@functools.cache
def _configured() -> tuple[dict[str, Any], markdown.Markdown]:
    extension = SnippetExtension(**snippet_options(*_build_config))
    md = markdown.Markdown(extensions=[extension])
    return extension.getConfigs(), md


def preprocessor(*, check_paths: bool | None = None) -> SnippetPreprocessor:
    """A fresh ``pymdownx.snippets`` preprocessor with the site's settings."""
    config, md = _configured()
    if check_paths is not None:
        config = {**config, "check_paths": check_paths}
    return SnippetPreprocessor(config, md)


def _marker(pre: SnippetPreprocessor, line: str) -> Any:
    m = pre.match_section(line)
    return None if m is None or m.group("escape") else m


def sections(source: str | Path) -> list[Section]:
    """The sections of an example (a path or its text), in the order they start."""
    pre = preprocessor()
    starts: dict[str, int] = {}
    found: list[Section] = []
    for number, line in enumerate(_text(source).split("\n"), 1):
        m = _marker(pre, line)
        if m is None:
            continue
        name = m.group("name")
        if m.group("type").lower() == "start":
            if name in starts or any(s.name == name for s in found):
                raise SnippetError(f"{label(source)}:{number}: section {name!r} starts twice")
            starts[name] = number
        elif name not in starts:
            raise SnippetError(f"{label(source)}:{number}: section {name!r} ends before it starts")
        else:
            found.append(Section(name, starts.pop(name), number))
    if starts:
        name, number = next(iter(starts.items()))
        raise SnippetError(f"{label(source)}:{number}: section {name!r} has no end marker")
    return sorted(found, key=lambda s: s.start)


def section_code(source: str | Path, name: str) -> str:
    """The code of section ``name`` exactly as a page shows it (pymdownx extracts it)."""
    try:
        lines = preprocessor(check_paths=True).extract_section(name, _text(source).split("\n"))
    except SnippetMissingError:
        raise SnippetError(f"{label(source)}: no section {name!r}") from None
    return "\n".join(lines).strip("\n") + "\n"


def example_files() -> list[Path]:
    """Every example file that pages include from (``examples/*.py``)."""
    return sorted(EXAMPLES.glob("*.py"))


def all_sections(files: list[Path] | None = None) -> list[tuple[Path, Section]]:
    """``(file, section)`` for every section of every example file."""
    return [(f, s) for f in (example_files() if files is None else files) for s in sections(f)]


def includes(page: Path | str, text: str | None = None) -> list[Include]:
    """Every ``--8<--`` include of a Markdown page (inline and block notation), in order.

    pymdownx parses the page (missing files and sections are reported here, not raised:
    the caller checks them); the line of each include is where its target is written.
    """
    page = Path(page)
    body = page.read_text(encoding="utf-8") if text is None else text
    config, md = _configured()
    scanner = _Scanner({**config, "check_paths": False}, md)
    scanner.seen, scanner.bases, scanner.failed = set(), None, set()
    lines = body.split("\n")
    scanner.parse_snippets(list(lines))
    found: list[Include] = []
    line = 0
    for written, target in scanner.found:
        where = next((i for i in range(line, len(lines)) if written in lines[i]), line)
        line = where + 1
        found.append(Include(page, line, written, target["path"], target["section"]))
    return found


def expand(page: Path | str, text: str | None = None) -> str:
    """The Markdown of a page with every include replaced, as the build does (pymdownx)."""
    body = Path(page).read_text(encoding="utf-8") if text is None else text
    return "\n".join(preprocessor().run(body.split("\n")))


def include_lines(lines: list[str]) -> list[bool]:
    """For each line of Markdown, whether it is snippet notation (pymdownx's syntax mask)."""
    mask: list[bool] = preprocessor().get_syntax_mask(lines)
    return mask


def _text(source: str | Path) -> str:
    return source.read_text(encoding="utf-8") if isinstance(source, Path) else source


def label(source: str | Path) -> str:
    """A path as the messages show it: relative to the repository when inside it."""
    if not isinstance(source, Path):
        return "<code>"
    try:
        return source.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(source)
