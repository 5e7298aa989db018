"""A phone (390 x 844 CSS pixels): no page scrolls sideways, wide tables scroll in their box.
A screenshot of each page's first screen goes to test-artifacts/phone/."""

from __future__ import annotations

import pytest

from .page_tools import artifact, js, load

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.mark.browser_context_args(**PHONE)
def test_phone_no_page_scrolls_sideways_and_tables_scroll_in_their_box(site, page) -> None:
    problems: list[str] = []
    tables = wide = 0
    for path in site.pages:
        where = f"/{path}"
        load(page, site.url(path), idle=False)
        page.screenshot(path=artifact("phone", f"{site.slug(path)}.png"))
        s = page.evaluate(js("sideways"))
        if s["scrollWidth"] > s["width"] or s["scrolledX"] > 0:
            problems.append(
                f"{where}: scrolls sideways (content {s['scrollWidth']}px on a {s['width']}px "
                f"screen); sticking out: {s['culprits']}"
            )
        for t in page.evaluate(js("tables")):
            tables += 1
            wide += t["wide"]
            if not t["ok"]:
                problems.append(f"{where}: table does not scroll inside its box: {t['why']}")
        if page.locator(".md-content table:not(.highlighttable)").count():
            page.evaluate(js("widen_tables"))
            for t in page.evaluate(js("tables")):
                wide += t["wide"]
                if not t["ok"] or not t["wide"]:
                    problems.append(f"{where}: a widened table does not scroll inside: {t['why']}")
            s = page.evaluate(js("sideways"))
            if s["scrollWidth"] > s["width"]:
                problems.append(f"{where}: a widened table makes the page scroll sideways")
    assert not problems, "\n".join(problems)
    assert tables, "no page has a table: nothing checks that wide tables scroll in their box"
    print(f"phone: {len(site.pages)} pages, {tables} tables, {wide} wide (some widened)")
