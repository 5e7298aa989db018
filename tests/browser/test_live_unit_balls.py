"""The unit-sphere figure (``docs/assets/live/unit-balls.js``, on norms/what-is-a-norm): its
readout, for several p and directions, equals what normdocs computes; for p < 1, which
normdocs refuses as not a norm, NumPy's formula for the same expression is the reference."""

from __future__ import annotations

import math

import numpy as np
import pytest

import normdocs

from .live_tools import agrees, open_figure, readout, set_control

pytestmark = pytest.mark.browser

SETTINGS = [  # (p, theta in degrees)
    (2, 30),
    (1, 0),
    (1, 45),
    (1, 200),
    (1.5, 120),
    (4, 300),
    (10, 77),
    (math.inf, 45),
    (math.inf, 330),
    (0.5, 45),
    (0.75, 150),
]


def quasi_norm(x: np.ndarray, p: float) -> float:
    """The p-norm's formula, also for p < 1 (NumPy computes it for any ord > 0)."""
    return float(np.linalg.norm(x, ord=p))


def expected(p: float, theta: float) -> dict[str, float]:
    u = np.array([math.cos(math.radians(theta)), math.sin(math.radians(theta))])
    mid = np.array([0.5, 0.5])
    if p >= 1:
        n, m = float(normdocs.vector_norm(u, p)), float(normdocs.vector_norm(mid, p))
        point = u / n
        assert float(normdocs.vector_norm(point, p)) == pytest.approx(1.0)
    else:
        with pytest.raises(ValueError, match="ord"):
            normdocs.vector_norm(u, p)  # not a norm: normdocs says so
        n, m = quasi_norm(u, p), quasi_norm(mid, p)
        point = u / n
    return {"norm": n, "x1": float(point[0]), "x2": float(point[1]), "midpoint": m}


def test_readout_equals_normdocs(site, page) -> None:
    figure = open_figure(page, site, "unit-balls")
    problems = []
    for p, theta in SETTINGS:
        set_control(figure, "p", p)
        set_control(figure, "theta", theta)
        shown = readout(figure)
        for key, value in expected(p, theta).items():
            if not agrees(shown[key], value, 4):
                problems.append(f"p={p}, θ={theta}: {key} shows {shown[key]}, normdocs {value}")
        convex = shown["convex"].startswith("yes")
        if convex != (p >= 1):
            problems.append(f"p={p}: convex shows {shown['convex']!r}")
    assert not problems, "\n".join(problems)


def test_midpoint_leaves_the_ball_only_below_p_1(site, page) -> None:
    """What the page says: ‖(½, ½)‖ₚ ≤ 1 for every p ≥ 1 on the slider, > 1 for p < 1."""
    figure = open_figure(page, site, "unit-balls")
    steps = figure.locator('[data-key="p"]').get_attribute("data-values")
    assert steps
    for raw in steps.strip("[]").split(","):
        p = math.inf if raw.strip('"') == "inf" else float(raw)
        set_control(figure, "p", p)
        mid = float(readout(figure)["midpoint"])
        assert (mid <= 1) == (p >= 1), f"p={p}: ‖(½, ½)‖ₚ = {mid}"


def test_chinese_page_shows_the_same_numbers(site, page) -> None:
    figure = open_figure(page, site, "unit-balls", language="zh")
    set_control(figure, "p", 1.5)
    set_control(figure, "theta", 120)
    shown = readout(figure)
    for key, value in expected(1.5, 120).items():
        assert agrees(shown[key], value, 4), (key, shown[key], value)
    assert shown["convex"] == "是"
    assert "方向" in figure.locator("label").nth(1).inner_text()
