"""Fixtures of the real-browser tests: the site built once per run (``built_site``, from
tests/conftest.py, shared with tests/test_site.py), served on 127.0.0.1 by
:class:`normdocs_site.static_server.StaticServer`, and Debian's chromium driven by Playwright.

The browser, one per session, and a context per test (closed after it) are pytest-playwright's
(``browser``, ``context``, ``page``; its options apply: ``--headed``, ``--slowmo``,
``--tracing retain-on-failure``, ``--screenshot only-on-failure``...), launched from
/usr/bin/chromium (no browser download). A test that needs other context options says so with
``@pytest.mark.browser_context_args(...)``. Every context is watched by a
:class:`~.guard.Guard`: a request to another host is blocked, and a test whose pages asked
another host, logged a console error or had a request fail, fails.

The pages (:mod:`.tour`), what the tests do in them (:mod:`.page_tools`, with the JavaScript in
``js/``), the served site (:mod:`.served_site`) and the guard (:mod:`.guard`) are modules of
their own; screenshots and the page-weight table go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext

from normdocs_site.config import site_config
from normdocs_site.static_server import StaticServer

from .guard import Guard
from .served_site import Site
from .tour import PageVisit, discover_pages, record_weight, take_tour, write_weight_table

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """The built site, served on 127.0.0.1 on a free port (its sitemap for that address)."""
    pages = discover_pages(built_site)
    assert pages, f"no page (index.html) in the built site {built_site}"
    site_url = site_config().site_url
    assert site_url, "mkdocs.yml has no site_url: Material's instant navigation needs one"
    with StaticServer(built_site, site_url=site_url) as server:
        yield Site(built_site, server.base, pages, server.is_other_host)


# ---------------------------------------------------------------------------------------------
# pytest-playwright's fixtures, set up for this site and this browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, with Debian's chromium (no browser download)."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Install it with scripts/install-browser (apt-get install chromium).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site: Site) -> str:
    """Where pytest-playwright's contexts resolve relative URLs: the served site."""
    return site.base


@pytest.fixture
def guard(site: Site) -> Iterator[Guard]:
    """The guard of the test's contexts; after the test (and its contexts are closed), the
    test fails if any page asked another host, logged an error or had a request fail."""
    watcher = Guard(site.is_other_host)
    yield watcher
    problems = watcher.since()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def context(guard: Guard, new_context: Callable[..., BrowserContext]) -> BrowserContext:
    """pytest-playwright's context of the test, watched by the guard.

    ``guard`` is set up before ``new_context``, so it is torn down after pytest-playwright has
    closed the context: what the pages did up to their end is in."""
    return guard.watch(new_context())


@pytest.fixture(scope="session")
def tour(browser: Browser, site: Site) -> dict[str, PageVisit]:
    """Every page, loaded once: its network, math, images, weight and axe, then in dark mode."""
    return take_tour(browser, site, Guard(site.is_other_host))


# ---------------------------------------------------------------------------------------------
# The page-weight table


@pytest.fixture
def weight_recorder(request: pytest.FixtureRequest) -> Callable[[list[dict[str, Any]]], Path]:
    return functools.partial(record_weight, request.config)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    write_weight_table(terminalreporter, config)
