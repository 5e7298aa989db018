"""Every page of the built site, loaded in chromium with no other host reachable: no request
to another host, no console error, no failed request, math rendered, every image loaded."""

from __future__ import annotations

import re

import pytest

from .page_tools import js, load, page_math_count, raw_tex

pytestmark = pytest.mark.browser

OTHER_HOST_URL = "https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js"


def test_discovered_pages_are_the_sitemap(site) -> None:
    """The suite's page list (every index.html) is the site's page list (sitemap.xml)."""
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    listed = sorted(
        re.sub(r"^https?://[^/]+/", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)
    )
    assert sorted(site.pages) == listed


def test_every_page_loads_with_no_other_host_and_no_console_error(tour) -> None:
    problems = []
    for path, v in tour.items():
        problems += [f"/{path}: {p}" for p in ([v.error] if v.error else []) + v.problems]
    assert not problems, "\n".join(problems)


def test_math_is_rendered_on_every_page(site, tour) -> None:
    """KaTeX's HTML is there, styled, sized and in KaTeX's fonts, and no raw TeX is visible."""
    problems, formulas = [], 0
    for path, v in tour.items():
        where = f"/{path}"
        if v.error:
            problems.append(f"{where}: {v.error}")
            continue
        problems += [f"{where}: raw TeX visible: {t!r}" for t in v.raw_tex]
        expected = page_math_count(site, path)
        if v.math["count"] != expected:
            problems.append(f"{where}: {v.math['count']} formulas shown, {expected} in its HTML")
        problems += [f"{where}: {b}" for b in v.math["bad"]]
        if not v.math["fontsOk"]:
            problems.append(f"{where}: the KaTeX fonts did not load")
        formulas += v.math["count"]
    assert not problems, "\n".join(problems)
    assert formulas, "no formula on any page: is the KaTeX hook still active?"


def test_every_image_loads(tour) -> None:
    problems = []
    for path, v in tour.items():
        if v.error:
            problems.append(f"/{path}: {v.error}")
        problems += [f"/{path}: image did not load: {i['src']}" for i in v.images if not i["ok"]]
    assert not problems, "\n".join(problems)


def test_raw_tex_detector_sees_unrendered_math(site, page) -> None:
    """The raw-TeX check is not blind: TeX put back into a page is found."""
    load(page, site.url(site.pages[0]), idle=False)
    assert not raw_tex(page)
    page.evaluate(js("add_raw_tex"))
    assert raw_tex(page), "an unrendered \\(\\lVert x \\rVert_2\\) was not detected"


def test_other_hosts_and_console_errors_are_caught(site, page, guard) -> None:
    """The guard of every test is live: a request to another host is blocked and recorded, and
    a console error is recorded (both are cleared here, or this test would fail at teardown)."""
    load(page, site.url(site.pages[0]), idle=False)
    blocked = page.evaluate(js("fetch"), OTHER_HOST_URL)
    page.evaluate("console.error('a console error')")
    page.wait_for_timeout(100)
    assert blocked == "blocked"
    assert guard.external == [OTHER_HOST_URL]
    assert any("a console error" in m for m in guard.console_errors)
    guard.external.clear()
    guard.console_errors.clear()
