"""Figures of docs/regularization/ista-and-fista.md.

The data, seeds and algorithms are those of the page's examples
(examples/ista-and-fista.py): the correlated problem of ``rates`` and ``not-monotone``, and
the diabetes data of ``strongly-convex``.
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


def correlated() -> tuple[np.ndarray, np.ndarray]:
    """The 200 x 100 problem with correlation 0.99^|i-j| between features."""
    rng = np.random.default_rng(0)
    n, d = 200, 100
    C = 0.99 ** np.abs(np.subtract.outer(np.arange(d), np.arange(d)))
    X = rng.normal(size=(n, d)) @ np.linalg.cholesky(C).T
    w_true = np.zeros(d)
    w_true[::10] = 3.0 * rng.normal(size=10)
    return X, X @ w_true + rng.normal(size=n)


def diabetes() -> tuple[np.ndarray, np.ndarray]:
    X, y = load_diabetes(return_X_y=True)
    return X, y - y.mean()


def objective(X: np.ndarray, y: np.ndarray, alpha: float) -> Callable[[np.ndarray], float]:
    def F(w: np.ndarray) -> float:
        return float(0.5 * nd.mse_loss(X @ w, y) + alpha * nd.l1_norm(w))

    return F


def solution(X: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    lasso = Lasso(alpha=alpha, fit_intercept=False, tol=1e-15, max_iter=100_000)
    return np.asarray(lasso.fit(X, y).coef_)


def proximal_gradient(
    X: np.ndarray, y: np.ndarray, alpha: float, steps: int, method: str
) -> np.ndarray:
    """F(w_k) for k = 1..steps of ``ista``, ``fista`` or ``restart`` (FISTA with restarts)."""
    n, d = X.shape
    L = float(nd.matrix_norm(X, 2)) ** 2 / n
    F = objective(X, y, alpha)

    def prox_step(z: np.ndarray) -> np.ndarray:
        return np.asarray(nd.soft_threshold(z - X.T @ (X @ z - y) / n / L, alpha / L))

    w = z = np.zeros(d)
    t, values = 1.0, [F(w)]
    for _ in range(steps):
        if method == "ista":
            w = prox_step(w)
            values.append(F(w))
            continue
        w_next = prox_step(z)
        if method == "restart" and F(w_next) > values[-1]:
            t, w_next = 1.0, prox_step(w)
        t_next = (1 + math.sqrt(1 + 4 * t**2)) / 2
        z = w_next + (t - 1) / t_next * (w_next - w)
        w, t = w_next, t_next
        values.append(F(w))
    return np.array(values[1:])


def positive(values: np.ndarray) -> np.ndarray:
    """Values at or below 0 (round-off once converged) masked out of a log plot."""
    return np.where(values > 0, values, np.nan)


def rates_figure() -> Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.0))

    X, y = correlated()
    alpha, n = 0.1, X.shape[0]
    F, w_star = objective(X, y, alpha), solution(X, y, alpha)
    F_star, R2 = F(w_star), float(w_star @ w_star)
    L = float(nd.matrix_norm(X, 2)) ** 2 / n
    k = np.arange(1, 1001)
    for method, label, color in (
        ("ista", "ISTA", "C0"),
        ("fista", "FISTA", "C1"),
        ("restart", "FISTA with restarts", "C2"),
    ):
        left.plot(k, positive(proximal_gradient(X, y, alpha, 1000, method) - F_star), color=color,
                  label=label, linewidth=1.3)
    left.plot(k, L * R2 / (2 * k), "--", color="C0", linewidth=1, label=r"bound $LR^2/(2k)$")
    left.plot(k, 2 * L * R2 / (k + 1) ** 2, "--", color="C1", linewidth=1,
              label=r"bound $2LR^2/(k+1)^2$")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("iteration $k$")
    left.set_ylabel(r"$F(w_k) - F^\star$")
    left.set_title("correlated features (condition number $10^5$)")
    left.legend(fontsize=8, loc="lower left")

    X, y = diabetes()
    alpha, n = 0.1, X.shape[0]
    F, w_star = objective(X, y, alpha), solution(X, y, alpha)
    F_star = F(w_star)
    L = float(nd.matrix_norm(X, 2)) ** 2 / n
    support = w_star != 0
    mu = float(np.linalg.eigvalsh(X[:, support].T @ X[:, support] / n).min())
    steps = 300
    k = np.arange(1, steps + 1)
    ista = proximal_gradient(X, y, alpha, steps, "ista") - F_star
    fista = proximal_gradient(X, y, alpha, steps, "fista") - F_star
    right.plot(k, positive(ista), color="C0", label="ISTA", linewidth=1.3)
    right.plot(k, positive(fista), color="C1", label="FISTA", linewidth=1.3)
    anchor, tail = 200, k >= 100
    factor = (1 - mu / L) ** 2
    right.plot(k[tail], 10 * ista[anchor - 1] * factor ** (k[tail] - anchor), ":", color="black",
               linewidth=1, label=rf"slope $(1 - \mu/L)^{{2k}}$, $(1 - \mu/L)^2 = {factor:.4f}$")
    right.set_yscale("log")
    right.set_ylim(1e-12, 1e4)
    right.set_xlabel("iteration $k$")
    right.set_title("diabetes (strongly convex on the support)")
    right.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {
        "ista-and-fista-rates": rates_figure(),
    }
