"""Figures of docs/regularization/coordinate-descent.md.

The data, seeds and algorithms are those of the page's examples
(examples/coordinate-descent.py): the diabetes data of ``duality-gap`` and the 500-feature
problem of ``screening``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

import normdocs as nd


def diabetes() -> tuple[np.ndarray, np.ndarray]:
    X, y = load_diabetes(return_X_y=True)
    return X, y - y.mean()


def wide() -> tuple[np.ndarray, np.ndarray]:
    """The 100 x 500 problem of the active-set and screening examples."""
    rng = np.random.default_rng(0)
    n, d = 100, 500
    X = np.asfortranarray(rng.normal(size=(n, d)))
    w_true = np.zeros(d)
    w_true[:10] = rng.choice([-2.0, 2.0], size=10)
    return X, X @ w_true + 0.5 * rng.normal(size=n)


def objective(X: np.ndarray, y: np.ndarray, alpha: float) -> Callable[[np.ndarray], float]:
    def F(w: np.ndarray) -> float:
        return float(0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w))

    return F


def solution(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    lasso = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000)
    return np.asarray(lasso.fit(X, y).coef_)


def cd_sweeps(
    X: np.ndarray, y: np.ndarray, alpha: float, sweeps: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """After each cyclic sweep: the objective, the duality gap, and how many w_j are certified 0."""
    n, d = X.shape
    F = objective(X, y, alpha)
    col_sq, col_norm = np.sum(X**2, axis=0) / n, np.asarray(nd.l2_norm(X, axis=0))
    w, r = np.zeros(d), y.copy()
    values, gaps, certified = [], [], []
    for _ in range(sweeps):
        for j in range(d):
            old = w[j]
            z = X[:, j] @ r / n + col_sq[j] * old
            w[j] = math.copysign(max(abs(z) - alpha, 0.0), z) / col_sq[j]
            r -= (w[j] - old) * X[:, j]
        theta = r / max(n * alpha, float(nd.linf_norm(X.T @ r)))
        gap = F(w) - float(alpha * theta @ y - 0.5 * n * alpha**2 * theta @ theta)
        radius = math.sqrt(2 * max(gap, 0.0) / n) / alpha
        values.append(F(w))
        gaps.append(gap)
        certified.append(int(np.sum(np.abs(X.T @ theta) + col_norm * radius < 1)))
    return np.array(values), np.array(gaps), np.array(certified)


def positive(values: np.ndarray) -> np.ndarray:
    """Values at or below 0 (round-off once converged) masked out of a log plot."""
    return np.where(values > 0, values, np.nan)


def gap_figure() -> Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))

    X, y = diabetes()
    alpha, n = 0.1, X.shape[0]
    F_star = objective(X, y, alpha)(solution(X, y, alpha))
    values, gaps, _ = cd_sweeps(X, y, alpha, 40)
    sweeps = np.arange(1, 41)
    left.plot(sweeps, positive(gaps), "o-", markersize=3, label=r"duality gap $P(w) - D(\theta)$")
    left.plot(sweeps, positive(values - F_star), "s-", markersize=3, label=r"$P(w) - P^\star$")
    for tol, style in ((1e-4, "--"), (1e-8, ":")):
        left.axhline(tol * float(y @ y) / n, color="gray", linestyle=style, linewidth=1,
                     label=rf"scikit-learn's target, tol = {tol:g}")
    left.set_yscale("log")
    left.set_xlabel("sweep of coordinate descent")
    left.set_title("diabetes: the gap bounds the error from above")
    left.legend(fontsize=8)

    X, y = wide()
    alpha = 0.2
    zeros = int(np.sum(solution(X, y, alpha) == 0))
    _, gaps, certified = cd_sweeps(X, y, alpha, 30)
    sweeps = np.arange(1, 31)
    right.plot(sweeps, certified, "o-", markersize=3, color="C2",
               label="features certified 0 by the gap safe test")
    right.axhline(zeros, color="black", linestyle="--", linewidth=1,
                  label=f"zeros of $w^\\star$: {zeros} of 500")
    right.set_xlabel("sweep of coordinate descent")
    right.set_ylabel("features")
    right.set_title("100 x 500 problem: safe screening")
    right.legend(fontsize=8, loc="center right")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {
        "coordinate-descent-gap": gap_figure(),
    }
