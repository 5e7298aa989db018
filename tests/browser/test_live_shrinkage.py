"""The interactive shrinkage figure (``docs/assets/live/shrinkage.js``, on the L2 page): what
soft-thresholding, hard-thresholding and ridge shrinkage do to one coefficient ``z`` at a
penalty weight ``lambda``. For settings of both sliders (lambda = 0 included, and ``z`` just
inside and just outside each threshold, and on the tie of hard-thresholding), every number of
the readout is compared with what normdocs computes in Python:

- soft-thresholding: ``normdocs.soft_threshold``;
- ridge: the minimizer of ``0.5 (w - z)^2 + lambda * normdocs.l2_penalty(w)``
  (``scipy.optimize.minimize_scalar``), which must equal the closed form ``z / (1 + lambda)``;
- hard-thresholding: the better of the candidates ``{0, z}`` for
  ``0.5 (w - z)^2 + lambda * normdocs.l0_norm(w)``, compared exactly (as fractions of the
  sliders' decimal values, so the tie ``|z| = sqrt(2 lambda)`` is seen as a tie), and
  cross-checked by a grid search over ``w``;
- the hard threshold: the root of ``0.5 t^2 - lambda * normdocs.l0_norm(t)`` (``brentq``).

The curves drawn are checked against the same references, and the Chinese page once.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import brentq, minimize_scalar

import normdocs as nd

from .live_tools import agrees, open_figure, readout, set_control

pytestmark = pytest.mark.browser

NAME = "shrinkage"
DIGITS = 3
# (lambda, z): lambda 0 (no penalty), 0.5 (thresholds 0.5 and 1), 1.28 (hard threshold 1.6)
# and 2 (thresholds 2 and 2); z just inside and just outside each threshold, 0, the ends, and
# the ties |z| = sqrt(2 lambda) of hard-thresholding (1.0 at 0.5, -1.6 at 1.28)
CASES = [
    (0.0, 2.0),
    (0.0, 0.0),
    (0.0, -0.05),
    (0.5, 2.0),
    (0.5, 0.45),
    (0.5, 0.55),
    (0.5, -0.95),
    (0.5, 1.05),
    (0.5, 1.0),
    (1.28, -1.6),
    (1.28, -1.65),
    (1.28, 1.55),
    (2.0, -3.0),
    (2.0, 1.95),
    (2.0, 2.05),
    (2.0, 0.05),
    (2.0, 0.0),
]
TOL = 1e-7  # of the curves drawn (the ridge reference is a numerical minimizer)
NAMES = {"en": ("soft", "hard", "ridge"), "zh": ("软阈值", "硬阈值", "岭回归")}
TIE_NOTE = {"en": " (at the tie: w = z costs the same)", "zh": "（恰在门限上，w = z 的代价相同）"}


def move(figure, lam: float, z: float) -> None:
    """Both sliders, as the browser writes their values ("1", not "1.0")."""
    for key, v in (("lambda", lam), ("z", z)):
        set_control(figure, key, int(v) if float(v).is_integer() else v)


def soft_ref(lam: float, z: float) -> float:
    return float(nd.soft_threshold(np.array([z]), lam)[0])


def ridge_ref(lam: float, z: float) -> float:
    """The minimizer of 0.5 (w - z)^2 + lam * l2_penalty(w), numerically; checked against the
    closed form z / (1 + lam) of the half-squared convention of ``l2_penalty`` (Brent's method
    finds a minimum to about 1e-8: far below the readout's 3 decimals)."""
    found = minimize_scalar(
        lambda w: 0.5 * (w - z) ** 2 + lam * float(nd.l2_penalty(np.array([w]))),
        bracket=(-4.0, 4.0),
        method="brent",
        options={"xtol": 1e-12},
    )
    closed = z / (1 + lam)
    assert abs(found.x - closed) < 1e-7, (lam, z, found.x, closed)
    return float(found.x)


def hard_ref(lam: float, z: float) -> tuple[float, bool]:
    """The minimizer over the candidates {0, z} of 0.5 (w - z)^2 + lam * l0_norm(w), with the
    costs compared exactly (fractions of the decimal slider values); whether it is a tie (then
    the figure shows 0). Cross-checked by a grid search over w in [-4, 4]."""
    zf, lf = Fraction(str(z)), Fraction(str(lam))

    def cost(w: Fraction) -> Fraction:
        return (w - zf) ** 2 / 2 + lf * int(nd.l0_norm(np.array([float(w)])))

    keep, drop = cost(zf), cost(Fraction(0))
    tie = keep == drop and z != 0
    w = z if keep < drop else 0.0

    grid = np.union1d(np.linspace(-4.0, 4.0, 16001), [0.0])
    costs = 0.5 * (grid - z) ** 2 + lam * nd.l0_norm(grid[:, None], axis=1)
    best = float(grid[np.argmin(costs)])
    if tie:  # both candidates are minimizers: the grid finds one of them (or next to z)
        assert min(abs(best), abs(best - z)) <= 5e-4, (lam, z, best)
    else:
        assert abs(best - w) <= 5e-4, (lam, z, best, w)
    return w, tie


def threshold_ref(lam: float) -> float:
    """The |z| at which keeping z costs what dropping it costs: 0.5 t^2 = lam * l0_norm(t)."""
    if lam == 0:
        return 0.0  # every z != 0 is kept (its cost 0 < 0.5 z^2)

    def gap(t: float) -> float:  # the cost of keeping t minus the cost of dropping it
        return 0.5 * t * t - lam * float(nd.l0_norm(np.array([t])))

    return float(brentq(gap, 1e-12, 10.0, xtol=1e-14))


def expected(lam: float, z: float, language: str = "en") -> tuple[dict[str, float], str]:
    """The numbers normdocs gives at (lam, z), and the readout's list of exact zeros."""
    hard, tie = hard_ref(lam, z)
    values = {"soft": soft_ref(lam, z), "hard": hard, "ridge": ridge_ref(lam, z)}
    # exact zeros: soft and hard are exact; ridge's numerical minimizer is only near 0, so its
    # closed form (equal to it, checked in ridge_ref) says whether it is exactly 0
    exact = {**values, "ridge": z / (1 + lam)}
    zero = [n for k, n in zip(exact, NAMES[language], strict=True) if exact[k] == 0]
    sep = ", " if language == "en" else "、"
    zeros = sep.join(zero) if zero else {"en": "none", "zh": "无"}[language]
    if tie:
        zeros += TIE_NOTE[language]
    return {**values, "hard_threshold": threshold_ref(lam)}, zeros


def compare(shown: dict[str, str], lam: float, z: float, language: str = "en") -> list[str]:
    numbers, zeros = expected(lam, z, language)
    problems = [
        f"lambda={lam} z={z}: {key} shows {shown.get(key)!r}, normdocs gives {x!r}"
        for key, x in numbers.items()
        if not agrees(shown.get(key, ""), x, DIGITS)
    ]
    if shown.get("zeros") != zeros:
        problems.append(f"lambda={lam} z={z}: zeros shows {shown.get('zeros')!r}, not {zeros!r}")
    return problems


def test_references_agree_with_the_closed_forms() -> None:
    """The references are the textbook maps (checked here without a browser)."""
    for lam, z in CASES:
        (numbers, _), t = expected(lam, z), math.sqrt(2 * lam)
        assert numbers["soft"] == math.copysign(max(abs(z) - lam, 0.0), z)
        assert numbers["ridge"] == pytest.approx(z / (1 + lam), abs=1e-7)
        assert numbers["hard_threshold"] == pytest.approx(t, abs=1e-12)
        if not math.isclose(abs(z), t):
            assert numbers["hard"] == (z if abs(z) > t else 0.0)


def test_readout_equals_normdocs_for_every_setting(site, page) -> None:
    figure = open_figure(page, site, NAME)
    problems = compare(readout(figure), 0.5, 2.0)  # the figure as it opens
    for lam, z in CASES:
        move(figure, lam, z)
        problems += compare(readout(figure), lam, z)
    assert not problems, "\n".join(problems)


def test_curves_and_marked_points_are_where_normdocs_puts_them(site, page) -> None:
    """The three curves drawn, read between their vertices, and the points marked at z."""
    figure = open_figure(page, site, NAME)
    problems: list[str] = []
    for lam, z in [(0.0, 1.0), (0.5, -0.45), (1.28, 2.5), (2.0, -1.95)]:
        move(figure, lam, z)
        datasets = figure.locator("canvas").evaluate(
            "c => Chart.getChart(c).data.datasets.map(d => [d.label, d.data])"
        )
        marks = {label: data for label, data in datasets if label.endswith("@z")}
        markers = [marks["soft@z"], marks["hard@z"], marks["ridge@z"]]
        # the curves, in the legend's order: soft, hard, ridge, then the line w = z
        curves = [data for label, data in datasets if not label.endswith("@z")][:3]
        refs = {
            "soft": lambda v, lam=lam: soft_ref(lam, v),
            "hard": lambda v, lam=lam: hard_ref(lam, v)[0],
            "ridge": lambda v, lam=lam: ridge_ref(lam, v),
        }
        breaks = {0.0, lam, -lam, math.sqrt(2 * lam), -math.sqrt(2 * lam)}
        for (name, ref), mark, curve in zip(refs.items(), markers, curves, strict=True):
            if mark[0]["x"] != z or abs(mark[0]["y"] - ref(z)) > TOL:
                problems.append(f"lambda={lam}: {name} marked at {mark[0]}, not at ({z}, {ref(z)})")
            for v in np.round(np.arange(-3.0, 3.0001, 0.05), 2):
                if min(abs(v - b) for b in breaks) < 1e-6:
                    continue
                y = _between_vertices(curve, float(v))
                if y is None or abs(y - ref(float(v))) > TOL:
                    problems.append(f"lambda={lam}: {name} curve at z={v} is {y}, not {ref(v)}")
    assert not problems, "\n".join(problems[:20])


def _between_vertices(points: list[dict], x: float) -> float | None:
    """The y of the drawn polyline at x (a point with y null breaks the line)."""
    for a, b in itertools.pairwise(points):
        if a["y"] is None or b["y"] is None or not a["x"] <= x <= b["x"] or a["x"] == b["x"]:
            continue
        return a["y"] + (b["y"] - a["y"]) * (x - a["x"]) / (b["x"] - a["x"])
    return None


def test_chinese_page_draws_the_figure_in_chinese_with_the_same_numbers(site, page) -> None:
    figure = open_figure(page, site, NAME, language="zh")
    assert "软阈值" in figure.locator("figcaption").inner_text()
    labels = figure.locator(".nd-live__readout dt").all_inner_texts()
    assert labels[:3] == ["软阈值 S_λ(z)", "硬阈值 H(z)", "岭回归 z / (1 + λ)"], labels
    assert "无惩罚" in figure.locator("label").nth(1).inner_text()
    problems: list[str] = []
    for lam, z in [(0.5, 0.45), (0.5, 1.0), (2.0, -3.0)]:
        move(figure, lam, z)
        problems += compare(readout(figure), lam, z, language="zh")
    assert not problems, "\n".join(problems)
    assert "精确为零" in figure.locator("canvas").get_attribute("aria-label")
