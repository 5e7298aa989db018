"""Material's instant navigation: pages swapped in without a reload keep math, tabs and copy."""

from __future__ import annotations

import re

import pytest

from .page_tools import (
    COPY_BUTTON,
    click_copy,
    instant_go,
    js,
    load,
    math_state,
    page_math_count,
    raw_tex,
)

pytestmark = pytest.mark.browser

CLIPBOARD = ["clipboard-read", "clipboard-write"]
TAB_LABELS = re.compile(r'<div class="tabbed-labels[^"]*">(.*?)</div>', re.DOTALL)


def tab_sets(site, path: str) -> list[list[str]]:
    """The labels of each tabbed set of a page, from its HTML."""
    return [
        [re.sub(r"<[^>]+>", "", lab).strip() for lab in re.findall(r"<label[^>]*>(.*?)</label>", m)]
        for m in TAB_LABELS.findall(site.html(path))
    ]


def chosen_tabs(page) -> list[str]:
    """The label of the chosen tab of each tabbed set on the page."""
    return page.evaluate(js("chosen_tabs"))


@pytest.mark.browser_context_args(permissions=CLIPBOARD)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_instant_navigation_keeps_math_tabs_and_copy(site, page, guard, language) -> None:
    """Visit every page of one language by following links (no reload), from its home page and
    back to it: each keeps its math, tabs and copy.

    One tour per language: a reader reaches the other language by the switcher, which loads
    the page (tests/browser/test_languages.py). Material's switcher also takes over any other
    link into the other language's pages (it sends the reader to the twin of the page shown),
    so a tour that crossed by a link would land on the wrong page.
    """
    ours = [p for p in site.pages if p.startswith("zh/") == (language == "zh")]
    home = "zh/" if language == "zh" else ""
    assert home in ours, f"no home page for {language}"
    load(page, site.url(home))
    page.evaluate("window.__ndSameDocument = true")
    route = [*(p for p in ours if p != home), home]
    problems: list[str] = []
    tabs_checked = copies_checked = 0
    for path in route:
        where = f"/{path}"
        mark = guard.mark()
        instant_go(page, site, path)
        problems += [f"{where}: {p}" for p in guard.since(mark)]
        if not page.evaluate("window.__ndSameDocument === true"):
            problems.append(f"{where}: the page was reloaded, not swapped in (instant navigation)")
            page.evaluate("window.__ndSameDocument = true")

        math = math_state(page)
        expected = page_math_count(site, path)
        if math["count"] != expected:
            problems.append(
                f"{where}: {math['count']} formulas after navigating, {expected} in HTML"
            )
        problems += [f"{where}: {b}" for b in math["bad"]]
        problems += [f"{where}: raw TeX visible: {t!r}" for t in raw_tex(page)]

        # tabs: each label of the first tabbed set shows its own block, and only that one
        sets = tab_sets(site, path)
        if sets:
            tabset = page.locator(".tabbed-set").first
            blocks = tabset.locator(":scope > .tabbed-content > .tabbed-block")
            for i, label in enumerate(sets[0]):
                tabset.locator(":scope > .tabbed-labels > label").nth(i).click()
                shown = [blocks.nth(k).is_visible() for k in range(blocks.count())]
                if shown != [k == i for k in range(len(shown))]:
                    problems.append(f"{where}: tab {label!r} shows blocks {shown}")
                tabs_checked += 1

        # copy: the first visible copy button copies its block
        buttons = page.locator(COPY_BUTTON)
        first = next((i for i in range(buttons.count()) if buttons.nth(i).is_visible()), None)
        if first is not None:
            got = click_copy(page, first)
            if got["copied"] != got["block"]:
                problems.append(
                    f"{where}: copy gave {got['copied'][:80]!r}, block is {got['block'][:80]!r}"
                )
            copies_checked += 1
    assert not problems, "\n".join(problems)
    assert tabs_checked and copies_checked, "no page with tabs or code blocks was reached"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_chosen_tab_stays_chosen_on_the_next_page(site, page, language) -> None:
    """Choosing a tab (say "PyTorch") on one page chooses it on the next page too, within one
    language (Material keeps the choice per site, and the Chinese site is its own, at zh/)."""
    ours = [p for p in site.pages if p.startswith("zh/") == (language == "zh")]
    with_tabs = {p: sets for p in ours if (sets := tab_sets(site, p))}
    assert with_tabs, "no page has content tabs"
    # a label that is not the default (first) one, on as many pages as possible
    counts: dict[str, int] = {}
    for sets in with_tabs.values():
        for label in {lab for labels in sets for lab in labels[1:]}:
            counts[label] = counts.get(label, 0) + 1
    assert counts, "no tabbed set has a second tab"
    label = max(counts, key=lambda lab: counts[lab])
    pages = [p for p, sets in with_tabs.items() if any(label in labels[1:] for labels in sets)]
    first, rest = pages[0], pages[1:]
    if not rest:  # one page with this tab: leave it, then come back to it
        other = next(p for p in ours if p != first)
        rest = [other, first]

    load(page, site.url(first))
    page.evaluate("window.__ndSameDocument = true")
    page.locator(".tabbed-labels > label", has_text=label).first.click()
    assert label in chosen_tabs(page)

    problems, checked = [], 0
    for path in rest:
        instant_go(page, site, path)
        assert page.evaluate("window.__ndSameDocument === true"), f"/{path} was reloaded"
        for labels, chosen in zip(tab_sets(site, path), chosen_tabs(page), strict=True):
            if label in labels:
                checked += 1
                if chosen != label:
                    problems.append(f"/{path}: {chosen!r} is chosen, not {label!r}")
    assert not problems, f"chose {label!r} on /{first}, then:\n" + "\n".join(problems)
    assert checked, f"no tabbed set with {label!r} was reached after /{first}"
