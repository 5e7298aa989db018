"""What the browser tests do in a page: load it, follow a link, press copy buttons, run axe, ask
about its math and images; and where screenshots go.

The JavaScript each helper runs in the page is a file of ``js/`` (one function per file,
loaded by name with :func:`js`); only one-line expressions stay inline.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from normdocs_site.paths import NODE_MODULES, ROOT

from .served_site import Site

JS_DIR = Path(__file__).resolve().with_name("js")
ARTIFACTS = ROOT / "test-artifacts"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")

# A copy button of Material for MkDocs (9.7+: ``.md-code__button``; before: ``.md-clipboard``).
COPY_BUTTON = "button[data-clipboard-target]"

# Raw TeX left in the text a reader sees: a control word, \( \) \[ \], $$, or $...$ with TeX in it.
RAW_TEX = r"\\[A-Za-z]+|\\[()[\]]|\$\$|\$[^$\s][^$]*?[\\^_{}][^$]*?\$"

# every image needs a text alternative: a non-empty alt (axe's image-alt also accepts alt="",
# and nbconvert's stand-in for a notebook output without one is no description either)
NO_DESCRIPTION = "No description has been provided for this image"


@functools.cache
def js(name: str) -> str:
    """The JavaScript function in ``js/<name>.js``, for ``page.evaluate``."""
    return (JS_DIR / f"{name}.js").read_text(encoding="utf-8")


def load(page: Page, url: str, *, idle: bool = True) -> None:
    """Go to ``url``; wait for its fonts and, if ``idle``, until the network is quiet for 0.5 s
    (the search index and sitemap that Material fetches after the load event)."""
    resp = page.goto(url, wait_until="load")
    assert resp is not None and resp.ok, f"{url}: HTTP {resp.status if resp else 'no response'}"
    page.evaluate("document.fonts.ready.then(() => true)")
    if idle:
        page.wait_for_load_state("networkidle")


def raw_tex(page: Page) -> list[str]:
    return page.evaluate(js("raw_tex"), RAW_TEX)  # type: ignore[no-any-return]


def math_state(page: Page) -> dict[str, Any]:
    return page.evaluate(js("math_state"))  # type: ignore[no-any-return]


def images(page: Page) -> list[dict[str, Any]]:
    return page.evaluate(js("images"))  # type: ignore[no-any-return]


def no_alt(page: Page) -> list[str]:
    """The images of the page without a text alternative (their HTML)."""
    return page.evaluate(js("no_alt"), NO_DESCRIPTION)  # type: ignore[no-any-return]


def instant_go(page: Page, site: Site, target: str) -> None:
    """Follow a link to ``target`` the way a reader does (Material's instant navigation)."""
    url = site.url(target)
    assert page.evaluate(js("follow_link"), url)
    arrive(page, site, url)


def arrive(page: Page, site: Site, url: str) -> str:
    """Wait until the page at ``url`` (query and fragment aside) is shown; its site path."""
    bare = url.split("#")[0].split("?")[0]
    assert bare.startswith(site.base), f"{url} is not on the site"
    path = bare[len(site.base) :]
    page.wait_for_url(lambda u: u.split("#")[0].split("?")[0] == bare)
    title = site.title(path)
    try:
        page.wait_for_function("(t) => document.title === t", arg=title)
    except PlaywrightTimeout as exc:
        raise AssertionError(
            f"/{path}: the title stayed {page.title()!r}, not {title!r}, at {page.url}"
        ) from exc
    page.wait_for_load_state("networkidle")
    return path


def page_math_count(site: Site, page: str) -> int:
    return site.html(page).count('<span class="katex">')


def click_copy(page: Page, index: int) -> dict[str, str]:
    """Click the ``index``-th visible copy button with the mouse: the clipboard and the block."""
    page.evaluate("navigator.clipboard.writeText('(the copy button copied nothing)')")
    button = page.locator(COPY_BUTTON).nth(index)
    button.scroll_into_view_if_needed()
    button.click()
    return page.evaluate(js("copied_block"), [COPY_BUTTON, index])  # type: ignore[no-any-return]


def copy_all(page: Page) -> list[dict[str, str]]:
    """Click every copy button of the page in turn (in the page's script, a click event on the
    button as Material's clipboard handler receives it); what each put on the clipboard."""
    return page.evaluate(js("copy_all"), COPY_BUTTON)  # type: ignore[no-any-return]


def axe_run(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Inject axe-core (from node_modules, no network) and return its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=_axe_source())
    return page.evaluate(js("axe_run"), options or {})  # type: ignore[no-any-return]


@functools.cache
def _axe_source() -> str:
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run scripts/setup (npm package axe-core)")
    return AXE.read_text(encoding="utf-8")


def artifact(*parts: str) -> Path:
    """A file under test-artifacts/ (gitignored), its folder made."""
    path = ARTIFACTS.joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def ask_search(page: Page, query: str) -> Locator:
    """Type ``query`` into the search box until Material's search answers (its worker builds
    the index once the page has fetched it); the result items."""
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    box.click()
    for _ in range(10):
        box.fill(query)
        box.press("End")  # Material searches on key events, not on fill()
        try:
            results.first.wait_for(state="visible", timeout=1500)
            break
        except PlaywrightTimeout:  # the search worker is not ready yet
            box.fill("")
    return results
