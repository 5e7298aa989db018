"""A phone (390 x 844 CSS pixels): no page scrolls sideways, wide tables scroll in their box.
A screenshot of each page's first screen goes to test-artifacts/phone/."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}

JS_SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  window.scrollTo(200, window.scrollY);
  const scrolledX = window.scrollX;
  window.scrollTo(0, window.scrollY);
  // what sticks out: elements wider than the screen that no scrolling box contains
  const clips = (el) =>
    ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const culprits = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let p = el.parentElement;
    while (p && p !== document.body && !clips(p)) p = p.parentElement;
    if (p && p !== document.body) continue;
    if (culprits.length < 5)
      culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${r.right}`);
  }
  return {width, scrollWidth, scrolledX, culprits};
}"""

JS_TABLES = """() => {
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const tables = document.querySelectorAll(".md-content table:not(.highlighttable)");
  return [...tables].map((table) => {
    let box = table;  // Material makes the table itself the scrolling box
    while (box && !scrolls(box)) box = box.parentElement;
    if (!box) return {ok: false, wide: false, why: `no scrolling box around ${table.className}`};
    const r = box.getBoundingClientRect();
    const wide = table.scrollWidth > box.clientWidth;
    box.scrollLeft = 50;
    const moved = box.scrollLeft > 0;
    box.scrollLeft = 0;
    return {ok: r.right <= document.documentElement.clientWidth + 1 && (!wide || moved),
            why: `box ${box.className} right=${r.right}, table ${table.scrollWidth}px, ` +
                 `box ${box.clientWidth}px, scrolls=${moved}`, wide};
  });
}"""

# Widen every table with a 900px wide cell, as a table with many columns would be.
JS_WIDEN_TABLES = """() => {
  for (const row of document.querySelectorAll(".md-content table:not(.highlighttable) tr")) {
    const cell = document.createElement(row.parentElement.tagName === "THEAD" ? "th" : "td");
    cell.innerHTML = '<span style="display: inline-block; width: 900px">a wide column</span>';
    row.append(cell);
  }
}"""


def test_phone_no_page_scrolls_sideways_and_tables_scroll_in_their_box(
    site, browsing, helpers
) -> None:
    page = browsing.page(**PHONE)
    problems: list[str] = []
    tables = wide = 0
    for path in site.pages:
        where = f"/{path}"
        helpers.load(page, site.url(path), idle=False)
        page.screenshot(path=helpers.artifact("phone", f"{site.slug(path)}.png"))
        s = page.evaluate(JS_SIDEWAYS)
        if s["scrollWidth"] > s["width"] or s["scrolledX"] > 0:
            problems.append(
                f"{where}: scrolls sideways (content {s['scrollWidth']}px on a {s['width']}px "
                f"screen); sticking out: {s['culprits']}"
            )
        for t in page.evaluate(JS_TABLES):
            tables += 1
            wide += t["wide"]
            if not t["ok"]:
                problems.append(f"{where}: table does not scroll inside its box: {t['why']}")
        if page.locator(".md-content table:not(.highlighttable)").count():
            page.evaluate(JS_WIDEN_TABLES)
            for t in page.evaluate(JS_TABLES):
                wide += t["wide"]
                if not t["ok"] or not t["wide"]:
                    problems.append(f"{where}: a widened table does not scroll inside: {t['why']}")
            s = page.evaluate(JS_SIDEWAYS)
            if s["scrollWidth"] > s["width"]:
                problems.append(f"{where}: a widened table makes the page scroll sideways")
    assert not problems, "\n".join(problems)
    assert tables, "no page has a table: nothing checks that wide tables scroll in their box"
    print(f"phone: {len(site.pages)} pages, {tables} tables, {wide} wide (some widened)")
