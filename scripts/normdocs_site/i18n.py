"""The site's two languages: every page ``docs/<path>.md`` (English) has a Chinese twin
``docs/<path>.zh.md`` (mkdocs-static-i18n's suffix layout), and the two must not drift.

:func:`compare` checks that a twin has the same structure as its English page: the same
example sections (``--8<--`` includes) in the same order, the same figures, the same display
math, the same code blocks, the same engine markers (``<!-- ... -->``) and mkdocstrings
directives, the same links, the same number of admonitions and tabs, and the same headings at
the same levels with the same anchors (a Chinese heading carries its English twin's anchor as
``{#id}``, so a link to ``page.md#anchor`` works in both languages). Only the prose differs.

Run ``python -m normdocs_site.i18n [docs/page.zh.md ...]`` to check some pages (all when none
is given); the tests run the same checks on every page.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

LANGUAGES = ("en", "zh")
SUFFIX = ".zh.md"

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)
_SNIPPET = re.compile(r'^[ \t]*--8<--[ \t]+"([^"]+)"', re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)[^)]*\)")
_REF_LINK = re.compile(r"(?<![!\]])\[(?:[^\[\]]|\[[^\]]*\])*\]\[([^\]]+)\]")
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_TEXT_IN_MATH = re.compile(r"\\(?:text|textrm|mbox|mathrm)\{[^{}]*\}")
_MARKER = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"^:::[ \t]+(\S+)", re.M)
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+\S", re.M)
_TAB = re.compile(r"^[ \t]*===\+?[ \t]+\"", re.M)


def page_language(page: Page) -> str:
    """The language a built page is in: mkdocs-static-i18n's ``locale`` of its file."""
    locale = getattr(page.file, "locale", LANGUAGES[0])
    if locale not in LANGUAGES:
        raise ValueError(f"page {page.file.src_uri}: locale {locale!r} is not one of {LANGUAGES}")
    return str(locale)


def translate(text: str, language: str, chinese: dict[str, str], where: str) -> str:
    """``text``, an English text of the engine, in ``language``: itself, or its Chinese from
    ``chinese`` (the dictionary named ``where``). A text without its Chinese is a
    :class:`PluginError` naming both: a Chinese page never shows English the engine wrote."""
    if language == "en":
        return text
    if language != "zh":
        raise PluginError(f"{where}: no texts in language {language!r}")
    if text not in chinese:
        raise PluginError(
            f"the text {text!r} has no Chinese in {where} "
            "(add it there: the Chinese page shows no English)"
        )
    return chinese[text]


def twin_of(page: Path) -> Path:
    """``x.md`` <-> ``x.zh.md``."""
    name = page.name
    if name.endswith(SUFFIX):
        return page.with_name(name[: -len(SUFFIX)] + ".md")
    return page.with_name(name[: -len(".md")] + SUFFIX)


def english_pages(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.md") if not p.name.endswith(SUFFIX))


def missing_twins(docs: Path) -> list[str]:
    """Each page that has no twin in the other language, as a sentence."""
    problems = []
    for page in sorted(docs.rglob("*.md")):
        if not twin_of(page).is_file():
            rel = page.relative_to(docs).as_posix()
            lang = "Chinese" if not page.name.endswith(SUFFIX) else "English"
            problems.append(
                f"docs/{rel} has no {lang} twin docs/{twin_of(page).relative_to(docs).as_posix()}"
            )
    return problems


@dataclass
class Structure:
    """What a page and its twin must share."""

    snippets: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    math: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    directives: list[str] = field(default_factory=list)
    links: Counter[str] = field(default_factory=Counter)
    headings: list[tuple[int, str]] = field(default_factory=list)
    admonitions: int = 0
    tabs: int = 0


def headings(text: str) -> list[tuple[int, str]]:
    """(level, anchor) of every heading, as Python-Markdown with the site's toc makes them."""
    text = _SNIPPET.sub("", text)
    md = markdown.Markdown(
        extensions=[
            "toc",
            "attr_list",
            "md_in_html",
            "admonition",
            "def_list",
            "footnotes",
            "tables",
            "abbr",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tabbed",
            "pymdownx.arithmatex",
        ],
        extension_configs={
            "pymdownx.tabbed": {"alternate_style": True},
            "pymdownx.arithmatex": {"generic": True},
        },
    )
    md.convert(text)
    found: list[tuple[int, str]] = []

    def walk(tokens: list[dict[str, object]]) -> None:
        for token in tokens:
            found.append((int(str(token["level"])), str(token["id"])))
            children = token.get("children")
            if isinstance(children, list):
                walk(children)

    walk(md.toc_tokens)
    return found


def is_notebook(text: str) -> bool:
    """A jupytext Markdown notebook (rendered by mkdocs-jupyter, not by Python-Markdown)."""
    return text.startswith("---\njupyter:\n")


def structure(text: str) -> Structure:
    code = [m.group("body") for m in _FENCE.finditer(text)]
    prose = _FENCE.sub("", text)
    return Structure(
        snippets=_SNIPPET.findall(text),
        images=_IMAGE.findall(prose),
        math=[_TEXT_IN_MATH.sub(r"\\text{}", m).strip() for m in _DISPLAY_MATH.findall(prose)],
        code=[c for c in code if not _SNIPPET.search(c)],
        markers=[m.strip() for m in _MARKER.findall(prose)],
        directives=_DIRECTIVE.findall(prose),
        links=Counter(_LINK.findall(_IMAGE.sub("", prose)) + _REF_LINK.findall(prose)),
        headings=headings(text),
        admonitions=len(_ADMONITION.findall(prose)),
        tabs=len(_TAB.findall(prose)),
    )


def compare(en_text: str, zh_text: str) -> list[str]:
    """How the Chinese twin's structure differs from the English page's (empty: it does not)."""
    en, zh = structure(en_text), structure(zh_text)
    problems = []
    for name in ("snippets", "images", "math", "code", "markers", "directives"):
        a, b = getattr(en, name), getattr(zh, name)
        if a != b:
            problems.append(f"{name} differ: English has {a!r}, Chinese has {b!r}")
    if en.links != zh.links:
        only_en = sorted((en.links - zh.links).elements())
        only_zh = sorted((zh.links - en.links).elements())
        problems.append(f"links differ: only in English {only_en}, only in Chinese {only_zh}")
    if is_notebook(en_text):
        # nbconvert renders a notebook's headings (no {#anchor} syntax): compare the levels
        en.headings = [(level, "") for level, _ in en.headings]
        zh.headings = [(level, "") for level, _ in zh.headings]
    if en.headings != zh.headings:
        problems.append(
            "headings differ (level, anchor): English has "
            f"{en.headings}, Chinese has {zh.headings}; give each Chinese heading its "
            "English twin's anchor as {#anchor}"
        )
    for name in ("admonitions", "tabs"):
        a, b = getattr(en, name), getattr(zh, name)
        if a != b:
            problems.append(f"{name} differ: English has {a}, Chinese has {b}")
    return problems


def check(docs: Path, pages: list[Path] | None = None) -> list[str]:
    """Every problem of the given pages (all pages when None), one line each."""
    problems = [] if pages else missing_twins(docs)
    for page in pages or english_pages(docs):
        en = page if not page.name.endswith(SUFFIX) else twin_of(page)
        zh = twin_of(en)
        if not (en.is_file() and zh.is_file()):
            problems.append(f"{en}: no twin {zh}" if en.is_file() else f"{zh}: no twin {en}")
            continue
        for problem in compare(en.read_text(encoding="utf-8"), zh.read_text(encoding="utf-8")):
            problems.append(f"{zh}: {problem}")
    return problems


def main(argv: list[str]) -> int:
    docs = Path(__file__).resolve().parents[2] / "docs"
    problems = check(docs, [Path(a).resolve() for a in argv] or None)
    print("\n".join(problems) if problems else "ok: the twins have the same structure")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
