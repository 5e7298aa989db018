"""What every interactive figure (``docs/assets/live``, ``hooks/live.py``) must do for every
reader: draw in both languages, next to the static figure it stands beside; be used from the
keyboard (each slider focusable, labelled, announcing its value); fit 390 px; switch with the
light and dark palettes and stay legible; leave the static figure alone without JavaScript;
and pass axe. Each figure's numbers are checked against normdocs in its own
``test_live_<name>.py``.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from .live_tools import FIGURES, open_figure, readout
from .page_tools import axe_run, instant_go, load
from .test_dark_mode import MIN_EDGES_KEPT, edges_kept

pytestmark = pytest.mark.browser

NAMES = sorted(FIGURES)
LABEL = """e => {
  const label = e.id && document.querySelector(`label[for="${e.id}"]`);
  return label ? label.textContent.trim() : "";
}"""


SQUARE = """c => {
  if (!c.closest(".nd-live__chart--square")) return true;
  const a = Chart.getChart(c).chartArea;
  return Math.abs((a.right - a.left) - (a.bottom - a.top)) <= 2;
}"""


def equal_axes(figure: Locator) -> None:
    """A square chart (geometry: balls, contours) has a square plot area: equal axes."""
    canvas = figure.locator("canvas").first
    canvas.page.wait_for_function(f"c => ({SQUARE})(c)", arg=canvas.element_handle(), timeout=5000)


def state(figure: Locator) -> tuple[dict[str, str], str]:
    """What a reader perceives of the figure: its readout and its chart's description."""
    return readout(figure), figure.locator("canvas").first.get_attribute("aria-label") or ""


def test_every_figure_is_on_its_page(site) -> None:
    """Each figure of live_tools.FIGURES has its marker on its page in both languages, and
    every figure the site has is tested (no figure without its test, none listed twice)."""
    on_site = {}
    for path in site.pages:
        for name in set(site.html(path).split('data-live="')[1:]):
            on_site.setdefault(name.split('"', 1)[0], []).append(path)
    expected = {name: sorted([page, f"zh/{page}"]) for name, page in FIGURES.items()}
    assert {k: sorted(v) for k, v in on_site.items()} == expected


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_beside_its_static_figure(site, page: Page, name, language) -> None:
    figure = open_figure(page, site, name, language=language)
    canvas = figure.locator("canvas").first
    box = canvas.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 150, f"chart box {box}"
    painted = canvas.evaluate(
        """c => { const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
                  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""
    )
    assert painted > 1000, f"the chart painted {painted} pixels"
    equal_axes(figure)
    numbers, described = state(figure)
    assert numbers and all(numbers.values()), f"empty readout: {numbers}"
    assert described, "the chart has no accessible name"
    assert page.locator("img.nd-figure").count() > 0, "the page lost its static figures"
    title = figure.locator(".nd-live__title").inner_text()
    has_han = any("\u4e00" <= ch <= "\u9fff" for ch in title)
    assert has_han == (language == "zh"), f"title {title!r} on the {language} page"


@pytest.mark.parametrize("name", NAMES)
def test_figure_draws_after_instant_navigation(site, page, guard, name) -> None:
    """Reached by a link (Material swaps the page in and runs its scripts again), and again
    after leaving it, the figure draws once, with no error."""
    load(page, site.url(""))
    page.evaluate("window.__ndSameDocument = true")
    for _ in range(2):
        instant_go(page, site, FIGURES[name])
        figure = page.locator(f'.nd-live[data-live="{name}"][data-ready]')
        figure.wait_for(state="visible", timeout=15_000)
        assert figure.locator("canvas").count() == 1
        assert readout(figure), "no readout after instant navigation"
        instant_go(page, site, "")
    assert page.evaluate("window.__ndSameDocument === true"), "the page was reloaded"
    assert not guard.since(), guard.since()


@pytest.mark.parametrize("name", NAMES)
def test_every_control_has_a_label_and_the_keyboard_moves_sliders(site, page, name) -> None:
    """Tab reaches each control; each has a visible label; arrow keys move a slider, which
    announces its value (aria-valuetext) and changes what the figure shows."""
    figure = open_figure(page, site, name)
    controls = figure.locator("input, select")
    assert controls.count() > 0, "no control"
    moved = 0
    for i in range(controls.count()):
        control = controls.nth(i)
        assert control.evaluate(LABEL), f"control {i} has no <label for>"
        if control.is_disabled():
            continue
        assert control.evaluate("e => e.tabIndex") >= 0, f"control {i} is not focusable"
        if control.get_attribute("type") != "range":
            continue
        control.focus()
        assert control.evaluate("e => e === document.activeElement")
        before, said = state(figure), control.get_attribute("aria-valuetext")
        at_max = control.evaluate("e => Number(e.value) >= Number(e.max)")
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        after = state(figure)
        assert control.get_attribute("aria-valuetext") != said, f"slider {i}: nothing announced"
        assert after != before, f"slider {i} moved and the figure did not change"
        moved += 1
    assert moved, "no slider"


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
@pytest.mark.parametrize("name", NAMES)
def test_figure_fits_a_phone(site, page, name) -> None:
    figure = open_figure(page, site, name)
    overflow = figure.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0, f"the figure is {overflow}px wider than its box at 390 px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = figure.locator("canvas").first.bounding_box()
    assert box and box["width"] >= 250, f"the chart is {box} at 390 px"
    equal_axes(figure)


@pytest.mark.parametrize("name", NAMES)
def test_figure_follows_the_palette_and_stays_legible(site, page, name) -> None:
    """The header's light/dark switch redraws the chart in the dark palette, and it keeps its
    text and lines legible (the measure of tests/browser/test_dark_mode.py)."""
    figure = open_figure(page, site, name)
    canvas = figure.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    light = canvas.screenshot()
    page.locator('[data-md-component="palette"] label:not([hidden])').first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    dark = canvas.screenshot()
    assert dark != light, "the chart did not change with the palette"
    kept = edges_kept(light, dark)
    assert kept >= MIN_EDGES_KEPT, f"the chart keeps {kept:.0%} of its edges in dark mode"


@pytest.mark.browser_context_args(java_script_enabled=False)
@pytest.mark.parametrize("name", NAMES)
def test_without_javascript_the_static_figure_stays(site, page, name) -> None:
    load(page, site.url(FIGURES[name]), idle=False)
    assert page.locator(f'.nd-live[data-live="{name}"]').is_hidden()
    assert page.locator("img.nd-figure").first.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", NAMES)
def test_figure_passes_axe(site, page, name, scheme) -> None:
    """No serious or critical axe violation on the page with its figure drawn (the tour checks
    every page too, but a figure drawn late could escape it)."""
    figure = open_figure(page, site, name)
    if scheme == "dark":
        page.locator('[data-md-component="palette"] label:not([hidden])').first.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert figure.is_visible()
    bad = [v for v in axe_run(page) if v["impact"] in ("serious", "critical")]
    assert not bad, "\n".join(f"{v['id']}: {v['help']}: {v['nodes'][:5]}" for v in bad)
