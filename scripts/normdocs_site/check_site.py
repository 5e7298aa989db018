r"""Post-build check of the built site: ``python -m normdocs_site.check_site site``.

Exits 1 with one line per problem (``page:line: what: where``), 0 if the site is clean.
It checks what ``mkdocs build --strict`` cannot see:

1. **links**: every internal ``href`` / ``src`` / ``srcset`` of every page (relative links,
   links to directories, to ``.ipynb`` files and assets), and every relative ``url(...)`` of
   every stylesheet, points at a file of the site; every ``#anchor`` is an ``id`` (or ``name``)
   on its target page, notebook pages and Material's own ``#__...`` anchors included;
2. **no other host**: nothing is loaded from ``http:``, ``https:`` or ``//`` URLs: scripts,
   stylesheets, icons, preloads, images, frames, media, objects, inline ``<style>`` and
   ``style=`` and every built CSS file's ``url(...)`` / ``@import`` (plain ``<a>`` links and
   ``<link rel=canonical|prev|next|alternate>`` are not loads and are allowed);
3. **code**: every Python code block a reader can copy (Material's
   ``<div class="language-python highlight">``, the text its copy button copies: no line
   numbers, no annotation markers) runs alone in an empty directory and prints exactly its
   ``#>`` lines. Notebook cells (executed at build), signatures and "Source code" blocks of
   the API reference are not run;
4. **math**: no TeX left unrendered: no ``class="arithmatex"``, no ``\(`` / ``\[`` and no
   ``$...$`` in the text of a page outside code (KaTeX renders all math at build time); and no
   doctest ``>>>`` rendered as nested block quotes.

``--no-run`` skips 3. Code blocks run in parallel, with :mod:`normdocs_site.runner`.
"""

from __future__ import annotations

import argparse
import copy
import os
import posixpath
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from normdocs_site.examples import check_code
from normdocs_site.runner import reader_python

EXTERNAL = re.compile(r"^\s*(?:https?:|//)", re.IGNORECASE)
NOT_A_FILE = re.compile(r"^\s*(?:mailto|tel|javascript|data|blob|about):", re.IGNORECASE)
# <link rel=...> that only names a related page, the browser loads nothing
NON_LOADING_RELS = {"canonical", "prev", "next", "alternate", "author", "license", "help"}
# tag -> attributes that load something (srcset holds several URLs)
LOADING_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
LINK_ATTRS = {"a": ["href"], "area": ["href"], "link": ["href"]}
CSS_URL = re.compile(
    r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)'"\s]*))\s*\)"""
    r"""|@import\s+(?:"(?P<idq>[^"]*)"|'(?P<isq>[^']*)')""",
    re.IGNORECASE,
)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
PYTHON_CLASSES = {"language-python", "language-py", "language-python3"}
# text that KaTeX should have turned into math
RAW_TEX = re.compile(
    r"\\\(|\\\[|\$\$.+?\$\$|(?<![\\$])\$(?=\S)(?:[^$\n\\]|\\.)*?(?<=[^\s\\])\$(?!\d)", re.DOTALL
)
NOT_TEXT = ["code", "pre", "script", "style", "textarea", "kbd", "samp", "svg", "math", "template"]
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s"}
INLINE |= {"small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins"}
INLINE |= {"label", "font", "tt", "big"}
ANNOTATION_MARKER = re.compile(r"\s*\(\d+\)(!?)")


@dataclass
class Page:
    rel: PurePosixPath  # path inside the site, e.g. norms/l1-l2-norms/index.html
    soup: BeautifulSoup
    ids: set[str] = field(default_factory=set)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    code_blocks: int = 0  # Python blocks on the pages
    distinct_code_blocks: int = 0  # of those, different ones (each runs once)
    interpreter: str = ""  # the Python that ran the code blocks
    notes: list[str] = field(default_factory=list)  # said, but not problems

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._pages: dict[PurePosixPath, Page | None] = {}

    def page(self, rel: PurePosixPath) -> Page | None:
        """The parsed HTML page at ``rel`` (None if it is not an HTML file of the site)."""
        if rel not in self._pages:
            path = self.root / rel
            if path.suffix != ".html" or not path.is_file():
                self._pages[rel] = None
            else:
                soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
                ids = {str(t["id"]) for t in soup.find_all(id=True)}
                ids |= {str(t["name"]) for t in soup.find_all("a", attrs={"name": True})}
                self._pages[rel] = Page(rel, soup, ids)
        return self._pages[rel]

    def html_files(self) -> list[PurePosixPath]:
        return sorted(
            PurePosixPath(p.relative_to(self.root).as_posix()) for p in self.root.rglob("*.html")
        )

    def resolve(self, base: PurePosixPath, url: str) -> tuple[PurePosixPath | None, str, str]:
        """``(file, fragment, error)`` for an internal URL used in file ``base``."""
        parts = urlsplit(url.strip())
        path = unquote(parts.path)
        if not path:
            return base, unquote(parts.fragment), ""
        joined = (
            path.lstrip("/") if path.startswith("/") else posixpath.join(str(base.parent), path)
        )
        norm = posixpath.normpath(joined)
        if norm == ".." or norm.startswith("../"):
            return None, "", f"points outside the site: {url}"
        rel = PurePosixPath(norm)
        target = self.root / rel
        if path.endswith("/") or target.is_dir():
            rel, target = rel / "index.html", target / "index.html"
        if not target.is_file():
            return None, "", f"broken link: {url} (no file {rel})"
        return rel, unquote(parts.fragment), ""


def _line(tag: Tag) -> str:
    return str(tag.sourceline) if tag.sourceline is not None else "?"


def _urls(tag: Tag, attr: str) -> list[str]:
    value = tag.get(attr)
    if value is None:
        return []
    value = " ".join(value) if isinstance(value, list) else str(value)
    if attr == "srcset":
        return [c.split()[0] for c in value.split(",") if c.split()]
    return [value]


def _css_urls(css: str) -> Iterator[tuple[str, str, int]]:
    """``(kind, url, line)`` for each ``url(...)`` and ``@import`` of a stylesheet."""
    blanked = CSS_COMMENT.sub(lambda c: re.sub(r"[^\n]", " ", c.group()), css)
    for m in CSS_URL.finditer(blanked):
        url = next(g for g in (m["dq"], m["sq"], m["bare"], m["idq"], m["isq"]) if g is not None)
        kind = "@import" if m["idq"] is not None or m["isq"] is not None else "url()"
        yield kind, url, blanked.count("\n", 0, m.start()) + 1


def _host(url: str) -> str:
    return urlsplit(
        url.strip() if not url.strip().startswith("//") else "http:" + url.strip()
    ).netloc


# ------------------------------------------------------------------------ 1 and 2: links


def check_links_and_hosts(site: Site, report: Report) -> None:
    for rel in site.html_files():
        page = site.page(rel)
        assert page is not None
        report.pages += 1
        for tag in page.soup.find_all(True):
            where = f"{rel}:{_line(tag)}"
            for attr in LINK_ATTRS.get(tag.name, []):
                for url in _urls(tag, attr):
                    rels = {r.lower() for r in tag.get_attribute_list("rel") if r}
                    rels = {r for rr in rels for r in rr.split()}
                    if tag.name == "link" and EXTERNAL.match(url) and not rels <= NON_LOADING_RELS:
                        rel_text = " ".join(sorted(rels))
                        report.add(where, f"<link rel={rel_text}> loads from {_host(url)}: {url}")
                    _check_internal(site, report, rel, where, tag, attr, url)
            for attr in LOADING_ATTRS.get(tag.name, []):
                for url in _urls(tag, attr):
                    if EXTERNAL.match(url):
                        report.add(where, f"<{tag.name} {attr}> loads from {_host(url)}: {url}")
                    else:
                        _check_internal(site, report, rel, where, tag, attr, url)
            style = tag.get("style")
            if style:
                _check_css(site, report, rel, where, str(style), f"style= of <{tag.name}>")
            if tag.name == "style":
                _check_css(site, report, rel, where, tag.get_text(), "<style>")
    for css in sorted(site.root.rglob("*.css")):
        rel = PurePosixPath(css.relative_to(site.root).as_posix())
        _check_css(site, report, rel, str(rel), css.read_text(encoding="utf-8"), "stylesheet")


def _check_internal(
    site: Site, report: Report, rel: PurePosixPath, where: str, tag: Tag, attr: str, url: str
) -> None:
    if EXTERNAL.match(url) or NOT_A_FILE.match(url) or not url.strip():
        return
    report.links += 1
    target, fragment, error = site.resolve(rel, url)
    if error:
        report.add(where, f"<{tag.name} {attr}> {error}")
        return
    if fragment and target is not None:
        page = site.page(target)
        if page is None:
            report.add(
                where,
                f"<{tag.name} {attr}> anchor #{fragment} into a file that is not a page: {url}",
            )
        elif fragment not in page.ids:
            report.add(
                where, f"<{tag.name} {attr}> broken anchor: {url} (no id {fragment!r} in {target})"
            )


def _check_css(
    site: Site, report: Report, rel: PurePosixPath, where: str, css: str, what: str
) -> None:
    """``where`` is the page and line of inline CSS, or the path of a stylesheet file."""
    for kind, url, line in _css_urls(css):
        if what == "stylesheet":
            where = f"{rel}:{line}"
        if EXTERNAL.match(url):
            report.add(where, f"{what} {kind} loads from {_host(url)}: {url}")
        elif url and not NOT_A_FILE.match(url) and not url.startswith("#"):
            report.links += 1
            _, _, error = site.resolve(rel, url)
            if error:
                report.add(where, f"{what} {kind} {error}")


# --------------------------------------------------------------------------- 3: code


@dataclass
class CodeBlock:
    where: str  # page:line (under #heading)
    code: str


def _annotated(div: Tag) -> bool:
    """Material turns ``(1)`` markers into annotations when a list follows the block."""
    sibling = div.find_next_sibling()
    return (sibling is not None and sibling.name == "ol") or div.find_parent(
        class_="annotate"
    ) is not None


def copied_text(div: Tag) -> str:
    """What Material's copy button copies from a highlighted block."""
    code = div.select_one("td.code code") or div.select_one("pre code") or div.find("code")
    if code is None:
        return ""
    code = copy.copy(code)  # to edit (re-parsing would collapse the indentation outside <pre>)
    for junk in code.select(".linenos, .linenodiv, .md-annotation"):
        junk.decompose()
    if _annotated(div):
        for comment in code.select("span.c, span.c1, span.cm, span.ch"):
            text = comment.get_text()
            m = ANNOTATION_MARKER.search(text)
            if m:
                comment.string = "" if m.group(1) else ANNOTATION_MARKER.sub("", text)
    lines = [line.rstrip() for line in code.get_text().split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def code_blocks(site: Site, report: Report) -> list[CodeBlock]:
    """The Python blocks to run; blocks whose language cannot be told are reported."""
    blocks = []
    for rel in site.html_files():
        page = site.page(rel)
        assert page is not None
        for div in page.soup.find_all("div", class_="highlight"):
            classes = set(div.get("class") or [])
            if (
                "doc-signature" in classes
                or div.find_parent("details", class_="mkdocstrings-source") is not None
                or div.find_parent(class_=re.compile(r"^(jp-|jupyter-wrapper)")) is not None
            ):
                continue
            heading = div.find_previous(re.compile(r"^h[1-6]$"), id=True)
            where = f"{rel}:{_line(div)}" + (f" (under #{heading['id']})" if heading else "")
            languages = {c for c in classes if c.startswith("language-")}
            if not languages:
                report.add(
                    where,
                    "code block without a language class, cannot tell whether it is Python "
                    "(set `pygments_lang_class: true` under pymdownx.highlight in mkdocs.yml)",
                )
            elif languages & PYTHON_CLASSES:
                blocks.append(CodeBlock(where, copied_text(div)))
    return blocks


def check_code_blocks(site: Site, report: Report, workers: int | None = None) -> None:
    """Run every Python block as a reader who copied it would: alone, in the reader's venv
    (``.venv-examples``, only ``pip install -e '.[examples]'``, made by scripts/setup-reader).
    Without that venv the blocks run in ``.venv`` and the report says so; under ``CI`` its
    absence is a problem. A block shown on several pages (each English page and its Chinese
    twin show the same example sections) runs once, as the first page that shows it."""
    shown = code_blocks(site, report)
    report.code_blocks = len(shown)
    first: dict[str, CodeBlock] = {}  # each different block, as the first page shows it
    for block in shown:
        first.setdefault(block.code, block)
    blocks = list(first.values())
    report.distinct_code_blocks = len(blocks)
    reader = reader_python()
    if reader is None:
        what = "the reader's venv .venv-examples is missing (run scripts/setup-reader)"
        if os.environ.get("CI"):
            report.add("code blocks", what)
            return
        report.notes.append(f"{what}: the code blocks ran in .venv, with every dev package")
    report.interpreter = reader or "the dev venv"

    def check(b: CodeBlock) -> list[str]:
        return check_code(b.code, f"{b.where}: python block", interpreter=reader)

    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        found = pool.map(check, blocks)
        for problems in found:
            report.problems += problems


# --------------------------------------------------------------------------- 4: math


def check_math(site: Site, report: Report) -> None:
    for rel in site.html_files():
        page = site.page(rel)
        assert page is not None
        for tag in page.soup.find_all(class_="arithmatex"):
            report.add(f"{rel}:{_line(tag)}", f"math left unrendered: {tag.get_text()[:80]!r}")
        for tag in page.soup.select("blockquote blockquote blockquote"):
            if len(tag.find_parents("blockquote")) == 2:  # the innermost of three, not of more
                text = " ".join(tag.get_text().split())[:80]
                what = "'>>>' rendered as nested block quotes (a doctest outside a code block?)"
                report.add(f"{rel}:{_line(tag)}", f"{what}: {text!r}")
        for container, text in _text_by_block(page.soup):
            for tex in dict.fromkeys(m.group() for m in RAW_TEX.finditer(text)):
                report.add(f"{rel}:{_line(container)}", f"raw TeX in the text: {tex[:80]!r}")


def _text_by_block(soup: BeautifulSoup) -> Iterator[tuple[Tag, str]]:
    """The visible text of the page outside code and rendered math, per block element."""
    texts: dict[int, tuple[Tag, list[str]]] = {}
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or not isinstance(node, NavigableString):
            continue
        if type(node) is not NavigableString:  # CData, Doctype, script/style contents
            continue
        container = None
        skip = False
        for parent in node.parents:
            classes: list[str] = list(parent.get("class") or [])
            if parent.name in NOT_TEXT or "katex" in classes or "nd-math" in classes:
                skip = True
                break
            if container is None and parent.name not in INLINE:
                container = parent
        if skip or container is None:
            continue
        texts.setdefault(id(container), (container, []))[1].append(str(node))
    for container, parts in texts.values():
        yield container, "".join(parts)


# ------------------------------------------------------------------------------ main


def check_site(site_dir: Path, *, run_code: bool = True, workers: int | None = None) -> Report:
    """Every problem of the built site in ``site_dir``."""
    report = Report()
    if not (site_dir / "index.html").is_file():
        report.add(str(site_dir), "not a built site (no index.html)")
        return report
    site = Site(site_dir)
    check_links_and_hosts(site, report)
    check_math(site, report)
    if run_code:
        check_code_blocks(site, report, workers)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path, help="the built site, e.g. site")
    parser.add_argument("--no-run", action="store_true", help="do not run the code blocks")
    args = parser.parse_args(argv)
    report = check_site(args.site, run_code=not args.no_run)
    for problem in report.problems:
        print(problem)
    for note in report.notes:
        print(f"check_site: note: {note}", file=sys.stderr)
    where = f" (with {report.interpreter})" if report.interpreter else ""
    print(
        f"check_site: {report.pages} pages, {report.links} internal links, "
        f"{report.code_blocks} Python blocks ({report.distinct_code_blocks} different) run{where}: "
        f"{len(report.problems)} problem(s)",
        file=sys.stderr,
    )
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
