"""The interactive figure ``constrained-least-squares``
(docs/assets/live/constrained-least-squares.js, on the page regularization/penalized-loss):
least squares in the plane, the loss
f(w) = ½ (w - w*)ᵀ A (w - w*) of the page's static figure minimized over the L1 ball and over the
L2 ball of radius t.

Its readout is compared with what normdocs computes for the same w* and t: projected gradient
descent to convergence with :func:`normdocs.project_l1_ball` and :func:`normdocs.project_l2_ball`,
the zero weights counted by :func:`normdocs.l0_norm`, and the multipliers from the gradient
(:func:`normdocs.linf_norm`, :func:`normdocs.l2_norm`). That reference is itself checked against
scipy's SLSQP with the constraint, against the penalized problems the multipliers name (ISTA with
:func:`normdocs.soft_threshold`, the ridge closed form), and against what the page's paragraph
says the figure shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Locator
from scipy.optimize import minimize

import normdocs as nd

from .live_tools import agrees, open_figure, readout, set_control

pytestmark = pytest.mark.browser

NAME = "constrained-least-squares"
# the loss of the static figure (scripts/figures/penalized-loss.py)
A = np.array([[1.0, 0.6], [0.6, 1.5]])
EIG = np.linalg.eigvalsh(A)
STEP = 2.0 / (EIG[0] + EIG[-1])
DIGITS = {"w1": 3, "w2": 3, "zeros": 0, "loss": 3, "lambda": 3}

# (w*₁, w*₂, t): every control at several values, its ends included
SETTINGS = [
    (2.0, 0.4, 1.0),  # the static figure: the L1 solution on the corner (1, 0), the L2 one not
    (0.3, -0.2, 1.0),  # w* inside both balls: both solutions are w*
    (0.0, 0.0, 0.2),  # w* = 0, the smallest t: two zero weights each
    (0.6, 0.6, 1.0),  # inside the L2 ball only; the L1 solution on an edge
    (1.5, 1.5, 1.0),  # outside both, the L1 solution on an edge, no zero
    (-3.0, 2.5, 0.2),  # the L1 solution on the corner (0, t): w₁ = 0
    (3.0, -3.0, 3.0),  # the largest w* and t
    (-2.5, -1.0, 0.5),
    (1.5, -0.2, 1.0),  # on the ray (t, 0) + s A⁻¹(1, 0): the L2 solution is on the axis too
    (1.5, -0.15, 1.0),  # next to it: the L2 solution is off the axis
    (-0.5, 3.0, 2.0),
]
# a region of w* (t = 1) where the L1 solution is the corner (1, 0) and the L2 one is off the axes
CORNER_REGION = [(2.0, 0.4), (2.4, 0.2), (2.8, -0.3), (1.6, 0.1), (3.0, 0.5), (1.9, -0.5)]


def loss(w: np.ndarray, c: np.ndarray) -> float:
    d = w - c
    return float(0.5 * d @ A @ d)


def projected_gradient(c: np.ndarray, t: float, project: Callable[..., Any]) -> np.ndarray:
    """argmin f over the ball that ``project`` projects onto: projected gradient from 0, a
    contraction by (κ - 1)/(κ + 1), run until a step moves w by at most 1e-15."""
    w = np.zeros(2)
    for _ in range(5000):
        nxt = np.asarray(project(w - STEP * (A @ (w - c)), t), dtype=np.float64)
        moved = float(nd.l2_norm(nxt - w))
        w = nxt
        if moved <= 1e-15:
            break
    return w


def reference(w1: float, w2: float, t: float) -> dict[str, float]:
    """Every number of the readout, computed with normdocs."""
    c = np.array([w1, w2])
    sol1 = projected_gradient(c, t, nd.project_l1_ball)
    sol2 = projected_gradient(c, t, nd.project_l2_ball)
    # the multipliers: -∇f(w) = λ g with g a subgradient of ‖w‖₁ (so λ = ‖∇f‖∞) or the gradient
    # w of ½‖w‖₂² (so λ = ‖∇f‖₂ / ‖w‖₂); 0 when w* is inside the ball
    lam1 = float(nd.linf_norm(A @ (sol1 - c))) if float(nd.l1_norm(c)) > t else 0.0
    lam2 = float(nd.l2_norm(A @ (sol2 - c)) / nd.l2_norm(sol2)) if float(nd.l2_norm(c)) > t else 0.0
    # the L1 zeros are exact zeros of the projection; the L2 solution reaches an axis only on a
    # ray of w*, where its coordinate is a rounding error: zero below 1e-12, as in the figure
    on_axis = np.where(np.abs(sol2) <= 1e-12, 0.0, sol2)
    return {
        "l1_w1": sol1[0],
        "l1_w2": sol1[1],
        "l1_zeros": 2 - float(nd.l0_norm(sol1)),
        "l1_loss": loss(sol1, c),
        "l1_lambda": lam1,
        "l2_w1": sol2[0],
        "l2_w2": sol2[1],
        "l2_zeros": 2 - float(nd.l0_norm(on_axis)),
        "l2_loss": loss(sol2, c),
        "l2_lambda": lam2,
    }


def slsqp(c: np.ndarray, t: float, ball: str) -> np.ndarray:
    """scipy's SLSQP on the same problem: the L1 ball as its four half-planes ±w₁ ± w₂ ≤ t,
    the L2 ball as t² - ‖w‖₂² ≥ 0."""
    if ball == "l1":
        signs = np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]], dtype=float)
        cons = [{"type": "ineq", "fun": lambda w: t - signs @ w, "jac": lambda w: -signs}]
    else:
        cons = [{"type": "ineq", "fun": lambda w: t * t - w @ w, "jac": lambda w: -2 * w}]
    res = minimize(
        lambda w: loss(w, c),
        np.zeros(2),
        jac=lambda w: A @ (w - c),
        method="SLSQP",
        constraints=cons,
        options={"ftol": 1e-10, "maxiter": 500},
    )
    assert res.success, res.message
    return np.asarray(res.x)


def move(figure: Locator, w1: float, w2: float, t: float) -> None:
    for key, value in (("wstar1", w1), ("wstar2", w2), ("t", t)):
        set_control(figure, key, value)


def mismatches(shown: dict[str, str], setting: tuple[float, float, float]) -> list[str]:
    want = reference(*setting)
    assert set(shown) == set(want), f"readout keys {sorted(shown)}"
    return [
        f"w*=({setting[0]}, {setting[1]}), t={setting[2]}: {key} shows {shown[key]!r}, "
        f"normdocs gives {value!r}"
        for key, value in want.items()
        if not agrees(shown[key], value, DIGITS[key.split("_", 1)[1]])
    ]


def test_reference_agrees_with_slsqp_and_with_the_penalized_problems() -> None:
    """The reference is right: SLSQP finds the same solutions, and each multiplier λ is the
    λ of a penalized problem with the same solution (the paragraph's claim)."""
    for w1, w2, t in SETTINGS:
        c = np.array([w1, w2])
        ref = reference(w1, w2, t)
        sol1 = np.array([ref["l1_w1"], ref["l1_w2"]])
        sol2 = np.array([ref["l2_w1"], ref["l2_w2"]])
        np.testing.assert_allclose(sol1, slsqp(c, t, "l1"), atol=1e-6)
        np.testing.assert_allclose(sol2, slsqp(c, t, "l2"), atol=1e-6)
        # L2: the ridge solution (A + λI)⁻¹ A w* of f + λ·½‖w‖₂²
        ridge = np.linalg.solve(A + ref["l2_lambda"] * np.eye(2), A @ c)
        np.testing.assert_allclose(ridge, sol2, atol=1e-9)
        # L1: ISTA on f + λ‖w‖₁, its zeros included
        lasso = np.zeros(2)
        for _ in range(5000):
            lasso = np.asarray(
                nd.soft_threshold(lasso - STEP * (A @ (lasso - c)), STEP * ref["l1_lambda"])
            )
        np.testing.assert_allclose(lasso, sol1, atol=1e-9)
        assert float(nd.l0_norm(lasso)) == 2 - ref["l1_zeros"]


def test_readout_equals_normdocs_at_every_setting(site, page) -> None:
    figure = open_figure(page, site, NAME)
    problems = mismatches(readout(figure), (2.0, 0.4, 1.0))  # as loaded: the static figure
    for w1, w2, t in SETTINGS:
        move(figure, w1, w2, t)
        problems += mismatches(readout(figure), (w1, w2, t))
    assert not problems, "\n".join(problems)


def test_what_the_paragraph_says(site, page) -> None:
    """The L1 solution keeps a zero weight over a region of w* where the L2 one has none; the L2
    solution reaches an axis on a ray of w*; inside a ball, w* is the solution."""
    figure = open_figure(page, site, NAME)
    for w1, w2 in CORNER_REGION:
        move(figure, w1, w2, 1.0)
        shown = readout(figure)
        assert (shown["l1_w1"], shown["l1_w2"], shown["l1_zeros"]) == ("1.000", "0.000", "1")
        assert shown["l2_zeros"] == "0", (w1, w2, shown)
        assert shown["l2_w1"] != "0.000" and shown["l2_w2"] != "0.000", (w1, w2, shown)
    move(figure, 1.5, -0.2, 1.0)
    assert readout(figure)["l2_zeros"] == "1"
    move(figure, 0.3, -0.2, 1.0)
    shown = readout(figure)
    for ball in ("l1", "l2"):
        assert (shown[f"{ball}_w1"], shown[f"{ball}_w2"]) == ("0.300", "-0.200")
        assert shown[f"{ball}_loss"] == shown[f"{ball}_lambda"] == "0.000"


def test_chinese_page(site, page) -> None:
    figure = open_figure(page, site, NAME, language="zh")
    assert "约束的解" in figure.locator(".nd-live__readout").inner_text()
    assert "半径" in figure.locator(".nd-live__controls").inner_text()
    assert "L1 约束的解" in (figure.locator("canvas").get_attribute("aria-label") or "")
    setting = (-3.0, 2.5, 0.2)
    move(figure, *setting)
    shown = readout(figure)
    assert not mismatches(shown, setting)
    assert shown["l1_zeros"] == "1" and shown["l1_w1"] == "0.000"


def test_dragging_the_minimum_moves_it_and_the_solutions(site, page) -> None:
    """Pressed on its cross and dragged, w* follows the mouse on the sliders' 0.05 grid, and
    the readout is normdocs' for the new w*."""
    figure = open_figure(page, site, "constrained-least-squares")
    canvas = figure.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    pixel = """([c, x, y]) => { const s = Chart.getChart(c).scales;
                               return [s.x.getPixelForValue(x), s.y.getPixelForValue(y)]; }"""
    box = canvas.bounding_box()
    assert box
    handle = canvas.element_handle()
    start = page.evaluate(pixel, [handle, 2.0, 0.4])  # the figure opens at w* = (2, 0.4)
    end = page.evaluate(pixel, [handle, -1.0, 2.5])
    page.mouse.move(box["x"] + start[0], box["y"] + start[1])
    page.mouse.down()
    page.mouse.move(box["x"] + end[0], box["y"] + end[1], steps=8)
    page.mouse.up()
    sliders = [
        float(figure.locator(f'[data-key="{k}"]').input_value()) for k in ("wstar1", "wstar2")
    ]
    assert sliders == [-1.0, 2.5], f"after the drag w* is {sliders}"
    assert not mismatches(readout(figure), (-1.0, 2.5, 1.0))
