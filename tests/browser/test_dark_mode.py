"""Dark mode (Material's slate scheme, chosen by the reader's system setting): math and
figures stay legible. Screenshots of every page and figure go to test-artifacts/dark/."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from .page_tools import load

pytestmark = pytest.mark.browser

# The contrast of a formula's colour with the background behind it (WCAG AA for text is 4.5).
MIN_MATH_CONTRAST = 4.5
# A figure's edges: where its light-mode rendering has a local contrast of at least 4.5 (text,
# axes, lines on the light background they were drawn for). In dark mode at least this share of
# those edges must keep a local contrast of 3 (WCAG's minimum for graphics). A figure with an
# opaque light background, or with colours adapted to dark mode, keeps all of them; a figure
# whose transparent background lets the dark page through loses its black text and axes
# (measured: 48% kept).
MIN_EDGES_KEPT = 0.9


def as_png(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


def luminance(png: bytes) -> np.ndarray:
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float) / 255
    rgb = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return rgb @ np.array([0.2126, 0.7152, 0.0722])


def local_contrast(lum: np.ndarray, r: int = 2) -> np.ndarray:
    """The WCAG contrast between the lightest and darkest pixel of each (2r+1)-square."""
    padded = np.pad(lum, r, mode="edge")
    h, w = lum.shape
    hi, lo = np.full_like(lum, -1.0), np.full_like(lum, 2.0)
    for dy in range(2 * r + 1):
        for dx in range(2 * r + 1):
            window = padded[dy : dy + h, dx : dx + w]
            hi, lo = np.maximum(hi, window), np.minimum(lo, window)
    return (hi + 0.05) / (lo + 0.05)


def edges_kept(light_png: bytes, dark_png: bytes) -> float:
    light, dark = local_contrast(luminance(light_png)), local_contrast(luminance(dark_png))
    if light.shape != dark.shape:
        raise AssertionError(f"figure is {light.shape} in light mode, {dark.shape} in dark mode")
    edges = light >= 4.5
    return float((dark[edges] >= 3).mean()) if edges.any() else 1.0


def test_edge_measure_sees_a_figure_lost_on_the_dark_background() -> None:
    """Black strokes on white, then the same strokes on a dark page: the second is illegible."""
    strokes = np.full((60, 200), 255, np.uint8)
    strokes[10:50:6, 20:180] = 0
    on_dark = np.where(strokes == 255, 0x1E, 0).astype(np.uint8)
    assert edges_kept(as_png(strokes), as_png(strokes)) == 1.0
    assert edges_kept(as_png(strokes), as_png(on_dark)) < MIN_EDGES_KEPT


@pytest.mark.browser_context_args(color_scheme="dark")
def test_dark_system_setting_gives_the_dark_scheme(site, tour, page) -> None:
    """A page opened with a dark system setting is in the slate scheme, and every page turns
    slate with the header's switch (the tour)."""
    load(page, site.url(site.pages[0]), idle=False)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    wrong = {
        f"/{p}": v.error or v.dark_error or v.dark.scheme
        for p, v in tour.items()
        if v.dark.scheme != "slate"
    }
    assert not wrong, f"pages not in Material's slate scheme after the switch: {wrong}"


def test_dark_mode_math_is_legible(tour) -> None:
    problems, formulas = [], 0
    for path, v in tour.items():
        if v.error or v.dark_error:
            problems.append(f"/{path}: {v.error or v.dark_error}")
        for m in v.dark.math_contrast:
            formulas += 1
            if m["ratio"] < MIN_MATH_CONTRAST:
                problems.append(f"/{path}: math {m['text']!r} has contrast {m['ratio']:.2f}")
    assert not problems, "\n".join(problems)
    assert formulas, "no formula shown on any page in dark mode"


def test_dark_mode_figures_are_legible(tour) -> None:
    """Each figure keeps its text and lines on the dark background (screenshots of both modes
    in test-artifacts/dark/<page>-img<n>-{light,dark}.png, and of each page's first screen)."""
    problems, figures = [], 0
    for path, v in tour.items():
        if v.error or v.dark_error:
            problems.append(f"/{path}: {v.error or v.dark_error}")
            continue
        if len(v.light.figures) != len(v.dark.figures):
            problems.append(
                f"/{path}: {len(v.light.figures)} figures light, {len(v.dark.figures)} dark"
            )
            continue
        for (src, light_shot), (_, dark_shot) in zip(v.light.figures, v.dark.figures, strict=True):
            figures += 1
            kept = edges_kept(light_shot, dark_shot)
            if kept < MIN_EDGES_KEPT:
                problems.append(
                    f"/{path}: figure {src[:80]} keeps {kept:.0%} of its edges in dark mode"
                )
    assert not problems, "\n".join(problems)
    print(f"dark mode: {figures} figures compared")
