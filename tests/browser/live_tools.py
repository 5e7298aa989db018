"""What the tests of the interactive figures (``docs/assets/live``) do in a page: open a figure,
set its controls as a reader would, read its readout, and format a number as the figure does."""

from __future__ import annotations

import json
import math

from playwright.sync_api import Locator, Page

from .page_tools import load
from .served_site import Site

# (figure, page) of every interactive figure: the page each one is on, in English
FIGURES = {
    "unit-balls": "norms/what-is-a-norm/",
    "constrained-least-squares": "regularization/penalized-loss/",
    "shrinkage": "regularization/l2-weight-decay/",
    "regularization-path": "regularization/l1-sparsity/",
    "optimizer-paths": "training/decoupled-weight-decay/",
}


def open_figure(page: Page, site: Site, name: str, *, language: str = "en") -> Locator:
    """Load the page of figure ``name`` and wait until the figure is drawn; the figure."""
    path = FIGURES[name] if language == "en" else f"zh/{FIGURES[name]}"
    load(page, site.url(path))
    figure = page.locator(f'.nd-live[data-live="{name}"]')
    figure.and_(page.locator("[data-ready]")).wait_for(state="visible", timeout=15_000)
    return figure


def set_control(figure: Locator, key: str, value: float | str) -> None:
    """Set the slider or choice ``key`` to ``value`` and send the event a reader's move sends.
    A slider over a list of values (``data-values``) is moved to the index of ``value``."""
    control = figure.locator(f'[data-key="{key}"]:is(input, select)')
    if control.evaluate("e => e.tagName") == "SELECT":
        control.select_option(str(value))
        return
    values = control.get_attribute("data-values")
    if values is not None:
        steps = [math.inf if v == "inf" else v for v in json.loads(values)]
        matches = [i for i, v in enumerate(steps) if v == value]
        assert matches, f"slider {key!r} has no value {value!r}: it has {steps}"
        value = matches[0]
    text = format(value, "g") if isinstance(value, float) else str(value)  # 1.0 -> "1"
    control.evaluate(
        "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }",
        text,
    )
    took = float(control.input_value())
    assert took == float(value), f"slider {key!r} took {took}, not {value!r} (its step?)"


def readout(figure: Locator) -> dict[str, str]:
    """The figure's numbers as shown: ``{key: text}`` of each ``<output data-key>``."""
    return figure.locator(".nd-live__readout output[data-key]").evaluate_all(  # type: ignore[no-any-return]
        "els => Object.fromEntries(els.map(e => [e.dataset.key, e.textContent.trim()]))"
    )


def fmt(x: float, digits: int) -> str:
    """``x`` as the figures show it (``NDLive.fmt``): ``digits`` decimals, no ``-0.00``, ∞."""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    s = f"{x:.{digits}f}"
    return s[1:] if s.startswith("-") and float(s) == 0 else s


def agrees(text: str, x: float, digits: int) -> bool:
    """``text`` (a figure's readout) equals ``x`` to the ``digits`` decimals it shows: it is
    ``x`` rounded, or (when ``x`` is within rounding error of a half-way point, where the
    figure's arithmetic and NumPy's may round apart) within half a unit of its last digit."""
    if text == fmt(x, digits):
        return True
    try:
        shown = float(text.replace("∞", "inf"))
    except ValueError:
        return False
    return abs(shown - x) <= 0.5 * 10.0**-digits + 1e-9 * max(1.0, abs(x))
