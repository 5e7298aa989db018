"""The live figure ``regularization-path`` (docs/regularization/l1-sparsity.md): its readout
against scikit-learn and normdocs.

The figure looks the coefficients up in paths computed at build time
(scripts/live/regularization-path.py); here each model is fitted again, alone, at the chosen
alpha: ``Lasso``, ``ElasticNet`` (coordinate descent, tolerance 1e-12) and ``Ridge`` (with
scikit-learn's ``alpha = n * alpha``, the figure's ``(alpha/2) ||w||^2``). Each solution is
checked with normdocs before it serves as the reference: the lasso's and the elastic net's are
fixed points of the proximal gradient step built on :func:`normdocs.soft_threshold` (their
optimality condition), ridge's has a zero gradient; its exact zeros are counted with
:func:`normdocs.l0_norm`. Every number of the readout is compared: alpha, the ten
coefficients (3 decimals; an exact zero is shown as ``0`` and must be exactly zero in the
reference), the count of exact zeros.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, Ridge

import normdocs as nd

from .live_tools import agrees, open_figure, readout, set_control

pytestmark = pytest.mark.browser

NAME = "regularization-path"
DIABETES = load_diabetes()
FEATURES = list(DIABETES.feature_names)
X, Y = DIABETES.data, DIABETES.target - DIABETES.target.mean()  # the page's preparation
N = len(Y)
ALPHA_MAX = float(np.abs(X.T @ Y).max() / N)  # the smallest alpha with a zero lasso solution
ALPHAS = ALPHA_MAX * np.geomspace(1.0, 1e-4, 81)  # the figure's grid: 20 points a decade
STEP = 1.0 / float(np.linalg.eigvalsh(X.T @ X / N).max())  # 1 / Lipschitz constant

# (model, l1_ratio, index of alpha in the grid): every model, each l1_ratio of the elastic net,
# alpha at both ends of the grid (index 0 is alpha_max, where every lasso coefficient is 0) and
# between, where the page's paragraph says what to watch for
SETTINGS = [
    ("lasso", None, 0),  # alpha_max: 10 zeros
    ("lasso", None, 27),  # alpha 0.096, next to the page's alpha = 0.1: 3 zeros
    ("lasso", None, 55),  # alpha 0.0038: s3 back at zero, 1 zero
    ("lasso", None, 80),  # alpha_max / 10^4: no zero
    ("enet", 0.5, 0),  # alpha_max: 4 zeros
    ("enet", 0.1, 40),
    ("enet", 0.25, 10),
    ("enet", 0.75, 60),
    ("enet", 0.9, 80),
    ("enet", 0.9, 0),
    ("ridge", None, 0),  # ridge: never a zero
    ("ridge", None, 27),
    ("ridge", None, 80),
]


def reference(model: str, l1_ratio: float | None, alpha: float) -> np.ndarray:
    """The coefficients scikit-learn finds at ``alpha``, checked with normdocs."""
    if model == "ridge":
        w = Ridge(alpha=N * alpha, fit_intercept=False).fit(X, Y).coef_
        # optimal for 1/(2n) ||y - Xw||^2 + alpha/2 ||w||^2: the gradient is zero
        gradient = X.T @ (X @ w - Y) / N + alpha * w
        assert float(nd.linf_norm(gradient)) < 1e-9
        return w
    rho = 1.0 if l1_ratio is None else l1_ratio  # the lasso is l1_ratio 1
    if model == "lasso":
        fit = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=1_000_000)
    else:
        fit = ElasticNet(
            alpha=alpha, l1_ratio=rho, fit_intercept=False, tol=1e-12, max_iter=1_000_000
        )
    w = fit.fit(X, Y).coef_
    # optimal iff a fixed point of the proximal gradient step: a gradient step on the data
    # term, then the prox of alpha (rho ||w||_1 + (1 - rho)/2 ||w||^2), which is
    # soft-thresholding by STEP alpha rho and a division by 1 + STEP alpha (1 - rho)
    moved = w + STEP * X.T @ (Y - X @ w) / N
    prox = np.asarray(nd.soft_threshold(moved, STEP * alpha * rho)) / (
        1.0 + STEP * alpha * (1.0 - rho)
    )
    assert np.abs(prox - w).max() < 1e-6, f"{model} at alpha {alpha}: not a fixed point"
    return w


def expected_zeros(w: np.ndarray) -> int:
    return len(w) - int(nd.l0_norm(w))


def alpha_digits(alpha: float) -> int:
    """The decimals of 4 significant digits, as the figure shows alpha."""
    return max(0, 3 - math.floor(math.log10(alpha)))


def check(shown: dict[str, str], model: str, l1_ratio: float | None, k: int) -> int:
    """Compare the readout with the reference; the count of exact zeros."""
    alpha = float(ALPHAS[k])
    where = f"{model} l1_ratio={l1_ratio} alpha[{k}]={alpha:.6g}"
    w = reference(model, l1_ratio, alpha)
    assert agrees(shown["alpha"], alpha, alpha_digits(alpha)), f"{where}: alpha {shown['alpha']}"
    assert len(shown["alpha"].partition(".")[2]) == alpha_digits(alpha), shown["alpha"]
    for name, wj in zip(FEATURES, w, strict=True):
        text = shown[name]
        if text == "0":  # the figure's exact zero
            assert wj == 0.0, f"{where}: {name} shown as an exact 0, scikit-learn has {wj!r}"
        else:
            assert wj != 0.0, f"{where}: {name} shown as {text}, scikit-learn has an exact 0"
            assert agrees(text, wj, 3), f"{where}: {name} = {text}, scikit-learn {wj:.6f}"
    zeros = expected_zeros(w)
    assert shown["zeros"] == str(zeros), f"{where}: zeros {shown['zeros']}, expected {zeros}"
    return zeros


def choose(figure, model: str, l1_ratio: float | None, k: int) -> dict[str, str]:
    set_control(figure, "model", model)
    if l1_ratio is not None:
        set_control(figure, "l1_ratio", l1_ratio)
    set_control(figure, "alpha", float(ALPHAS[k]))
    return readout(figure)


def test_every_readout_number_agrees_with_scikit_learn_and_normdocs(site, page) -> None:
    figure = open_figure(page, site, NAME)
    zeros = {}
    for model, l1_ratio, k in SETTINGS:
        zeros[model, l1_ratio, k] = check(choose(figure, model, l1_ratio, k), model, l1_ratio, k)
    # what the page's paragraph tells the reader to watch for
    assert zeros["lasso", None, 0] == 10
    assert zeros["lasso", None, 27] == 3 and abs(ALPHAS[27] - 0.1) < 0.01
    assert zeros["lasso", None, 55] == 1 and abs(ALPHAS[55] - 0.004) < 0.001
    assert choose(figure, "lasso", None, 55)["s3"] == "0"
    assert zeros["enet", 0.5, 0] == 4
    assert all(z == 0 for (m, _, _), z in zeros.items() if m == "ridge")


def test_ridge_never_has_a_zero_and_lasso_has_its_staircase(site, page) -> None:
    """Along the whole grid: ridge has no exact zero, the lasso has 10 at alpha_max, then
    fewer, and back to 1 (s3) near alpha = 0.004, as the page says."""
    figure = open_figure(page, site, NAME)
    for k in range(0, 81, 8):
        shown = choose(figure, "ridge", None, k)
        assert shown["zeros"] == "0", f"ridge at alpha[{k}]: {shown['zeros']} zeros"
    lasso = {k: int(choose(figure, "lasso", None, k)["zeros"]) for k in (0, 10, 27, 45, 53, 57, 70)}
    for k, z in lasso.items():
        assert z == expected_zeros(reference("lasso", None, float(ALPHAS[k]))), f"lasso alpha[{k}]"
    assert lasso[0] == 10 and lasso[53] == lasso[57] == 1 and lasso[70] == 0


def test_l1_ratio_is_the_elastic_nets_only(site, page) -> None:
    """The l1_ratio slider is enabled for the elastic net only; moving it changes nothing of
    the lasso's or ridge's numbers."""
    figure = open_figure(page, site, NAME)
    ratio = figure.locator('[data-key="l1_ratio"]')
    for model in ("lasso", "ridge"):
        before = choose(figure, model, None, 30)
        assert ratio.is_disabled(), f"l1_ratio enabled for {model}"
        set_control(figure, "l1_ratio", 0.1)
        assert readout(figure) == before
    set_control(figure, "model", "enet")
    assert ratio.is_enabled()


def test_chinese_page_same_numbers(site, page) -> None:
    figure = open_figure(page, site, NAME, language="zh")
    assert "正则化路径" in figure.locator(".nd-live__title").inner_text()
    assert "弹性网络" in figure.locator('select[data-key="model"]').inner_text()
    assert "精确为零" in figure.locator(".nd-live__readout").inner_text()
    assert "系数" in (figure.locator("canvas").get_attribute("aria-label") or "")
    check(choose(figure, "enet", 0.5, 27), "enet", 0.5, 27)
    check(choose(figure, "lasso", None, 0), "lasso", None, 0)
    summary = figure.locator(".nd-live__summary").inner_text()
    assert "弹性网络" not in summary and "Lasso" in summary
