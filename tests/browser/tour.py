"""The tour: every page of the site loaded once per session, and what each load showed, for
several test modules to check; and the page-weight table printed at the end of the run.

Which pages: every ``index.html`` of the built site but the search and asset folders'
(:func:`discover_pages`), so the suite covers each page as it is added (``test_pages`` checks
that the list is the sitemap's).

What each visit does (:func:`visit`): the page is loaded in light mode (its requests, math,
images, text alternatives, load time, figures and all of axe's rules); then, as a reader would,
the system setting turns dark and the header's "Switch to dark mode" is pressed (Material keeps
the scheme of the first visit: it does not follow a later change of the system setting), and
the slate scheme is checked (math contrast, figures, axe's colour rules). Each page gets a new
context, and Playwright disables the HTTP cache of a context with a route: each load is cold.

The contexts are made from the session's browser, not with pytest-playwright's
``new_context``: that fixture is per test, and the tour is shared by the session.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request

from .guard import Guard
from .page_tools import (
    ARTIFACTS,
    artifact,
    axe_run,
    images,
    js,
    load,
    math_state,
    no_alt,
    raw_tex,
)
from .served_site import Site

# axe rules whose result depends on the colour scheme (run again in dark mode)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
FIGURES = ".md-content img"
WEIGHT_KEY = pytest.StashKey[list[dict[str, Any]]]()


def discover_pages(root: Path) -> list[str]:
    """Every page of the built site in ``root``, as ``""`` (the home page, first) or
    ``"dir/.../"``."""
    pages = []
    for index in root.rglob("index.html"):
        rel = index.parent.relative_to(root).as_posix()
        if rel.split("/")[0] in {"search", "assets"}:
            continue
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages, key=lambda p: (p != "", p))


@dataclass
class Mode:
    """What a page showed in one colour mode."""

    scheme: str = ""  # Material's data-md-color-scheme
    axe: list[dict[str, Any]] = field(default_factory=list)
    math_contrast: list[dict[str, Any]] = field(default_factory=list)
    figures: list[tuple[str, bytes]] = field(default_factory=list)  # (src, screenshot)


@dataclass
class PageVisit:
    """What one load of a page showed (see :func:`visit`)."""

    path: str
    error: str = ""  # the exception that cut the visit short, if any
    dark_error: str = ""  # the same, in dark mode
    problems: list[str] = field(default_factory=list)  # other hosts, console errors, failures
    raw_tex: list[str] = field(default_factory=list)
    math: dict[str, Any] = field(default_factory=dict)
    images: list[dict[str, Any]] = field(default_factory=list)
    no_alt: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)  # url, type, bytes
    load_ms: float = 0.0
    light: Mode = field(default_factory=Mode)
    dark: Mode = field(default_factory=Mode)


def _look(page: Page, site: Site, path: str, mode: str, axe_options: dict[str, Any]) -> Mode:
    m = Mode(scheme=page.evaluate("document.body.dataset.mdColorScheme || ''"))
    m.math_contrast = page.evaluate(js("math_contrast"))
    figures = page.locator(FIGURES)
    for i in range(figures.count()):
        img = figures.nth(i)
        img.scroll_into_view_if_needed()
        shot = img.screenshot(path=artifact("dark", f"{site.slug(path)}-img{i}-{mode}.png"))
        m.figures.append((img.get_attribute("src") or "", shot))
    m.axe = axe_run(page, axe_options)
    return m


def visit(browser: Browser, guard: Guard, site: Site, path: str) -> PageVisit:
    """One cold load of the page ``path`` in a new context, in light mode then dark mode."""
    v = PageVisit(path)
    mark = guard.mark()
    # a new context: no palette stored by the last page, an empty cache
    ctx = guard.watch(browser.new_context(base_url=site.base, color_scheme="light"))
    page = ctx.new_page()
    finished: list[Request] = []
    page.on("requestfinished", lambda req: finished.append(req))  # (not a bound builtin)
    try:
        load(page, site.url(path))
        v.load_ms = page.evaluate(js("load_time"))
        v.images = images(page)  # loads the lazy ones too
        v.raw_tex = raw_tex(page)
        v.math = math_state(page)
        v.no_alt = no_alt(page)
        for req in finished:  # every request of the load is in by now
            resp = req.response()
            size = req.sizes()["responseBodySize"]
            if not size and resp is not None:  # the search worker's size is not reported
                size = int(resp.headers.get("content-length", 0))
            v.requests.append({"url": req.url, "type": req.resource_type, "bytes": size})
        v.light = _look(page, site, path, "light", {})
    except Exception as exc:  # reported by the tests, page by page
        v.error = f"{type(exc).__name__}: {exc}"
    if not v.error:
        try:  # the reader's system turns dark and they press the header's "Switch to dark mode"
            page.emulate_media(color_scheme="dark")
            page.locator('[data-md-component="palette"] label:not([hidden])').first.click()
            page.wait_for_function(js("slate_ready"), timeout=5000)
            page.screenshot(path=artifact("dark", f"{site.slug(path)}.png"))
            colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}}
            v.dark = _look(page, site, path, "dark", colours)
        except Exception as exc:
            v.dark_error = f"dark mode: {type(exc).__name__}: {exc}"
    ctx.close()
    v.problems = guard.since(mark)
    return v


def take_tour(browser: Browser, site: Site, guard: Guard) -> dict[str, PageVisit]:
    """Every page of the site, visited once, in order."""
    return {path: visit(browser, guard, site, path) for path in site.pages}


# ---------------------------------------------------------------------------------------------
# The page-weight table (its rows are made by test_weight.py)


def record_weight(config: pytest.Config, rows: list[dict[str, Any]]) -> Path:
    """Keep the rows for the end of the run, and write them to test-artifacts/."""
    config.stash[WEIGHT_KEY] = rows
    path = artifact("page-weight.json")
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return path


def write_weight_table(terminalreporter: Any, config: pytest.Config) -> None:
    """The recorded rows, if any, as a table at the end of pytest's report."""
    rows = config.stash.get(WEIGHT_KEY, None)
    if not rows:
        return
    tr = terminalreporter
    tr.write_sep("=", "page weight (cold load, empty cache)")
    tr.write_line(
        f"{'page':<46} {'sent KB':>8} {'raw KB':>8} {'fonts KB':>9} {'requests':>9} {'load ms':>8}"
    )
    for r in rows:
        tr.write_line(
            f"{'/' + r['page']:<46} {r['bytes_without_fonts'] / 1000:>8.1f} "
            f"{r['uncompressed_bytes_without_fonts'] / 1000:>8.1f} {r['font_bytes'] / 1000:>9.1f} "
            f"{r['requests']:>9} {r['load_ms']:>8.0f}"
        )
    sent = [r["bytes_without_fonts"] / 1000 for r in rows]
    raw = [r["uncompressed_bytes_without_fonts"] / 1000 for r in rows]
    tr.write_line(
        f"{'median / max':<46} {statistics.median(sent):>8.1f} {statistics.median(raw):>8.1f}"
        f"   (max {max(sent):.1f} / {max(raw):.1f})"
    )
    tr.write_line(
        "sent KB: bytes received by the browser from a server that gzips text, fonts apart; "
        "raw KB: the same"
    )
    tr.write_line(
        f"files uncompressed. Per page, its largest requests: {ARTIFACTS.name}/page-weight.json"
    )
