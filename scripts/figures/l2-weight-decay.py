"""Figures of docs/regularization/l2-weight-decay.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from scipy.optimize import brentq
from sklearn.linear_model import Lasso, Ridge

import normdocs as nd


def paths(n: int = 100, d: int = 20, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients of Lasso and Ridge (lambda/2 ||w||^2 convention) along a lambda grid."""
    rng = np.random.default_rng(seed)
    w_true = np.zeros(d)
    w_true[:5] = [4.0, -3.0, 2.0, -1.5, 1.0]
    X = rng.normal(size=(n, d))
    y = X @ w_true + 0.5 * rng.normal(size=n)
    lams = np.logspace(-3, 2, 40)
    l1 = np.array([Lasso(alpha=lam, fit_intercept=False).fit(X, y).coef_ for lam in lams])
    l2 = np.array([Ridge(alpha=lam * n, fit_intercept=False).fit(X, y).coef_ for lam in lams])
    return lams, l1, l2


def zero_counts(
    n: int = 100, d: int = 20, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Exact zeros of Lasso and Ridge on a fine lambda grid, and where Ridge coefficients cross 0.

    The data and the lambda scale are those of the page's ``zero-sets`` example.
    """
    rng = np.random.default_rng(seed)
    w_true = np.zeros(d)
    w_true[:5] = [4.0, -3.0, 2.0, -1.5, 1.0]
    X = rng.normal(size=(n, d))
    y = X @ w_true + 0.5 * rng.normal(size=n)
    lams = np.logspace(-3, 2, 201)
    G, b = X.T @ X, X.T @ y

    def ridge(lam: float) -> np.ndarray:
        return np.asarray(np.linalg.solve(G + lam * n * np.eye(d), b))

    l1 = np.array([Lasso(alpha=lam, fit_intercept=False).fit(X, y).coef_ for lam in lams])
    l2 = np.array([ridge(lam) for lam in lams])
    crossings = []
    for i, j in zip(*np.nonzero(np.diff(np.sign(l2), axis=0)), strict=True):
        crossings.append(brentq(lambda lam, j=j: float(ridge(lam)[j]), lams[i], lams[i + 1]))
    return lams, (l1 == 0).sum(axis=1), (l2 == 0).sum(axis=1), np.sort(np.array(crossings))


def figures() -> dict[str, Figure]:
    lams, zeros_l1, zeros_l2, crossings = zero_counts()
    zfig, zax = plt.subplots(figsize=(7, 3.4))
    zax.step(lams, zeros_l1, where="mid", label="L1 (Lasso): exact zeros")
    zax.step(lams, zeros_l2, where="mid", label="L2 (Ridge): exact zeros")
    zax.plot(
        crossings,
        np.zeros_like(crossings),
        "o",
        markersize=5,
        label=f"L2: a coefficient crosses 0 ({len(crossings)} isolated values)",
    )
    zax.set_xscale("log")
    zax.set_xlabel(r"$\lambda$")
    zax.set_ylabel("coefficients exactly 0")
    zax.set_ylim(-1, 21)
    zax.legend(loc="center right")
    zfig.tight_layout()

    lams, l1, l2 = paths()
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
    for ax, coefs, title in ((axes[0], l1, "L1 (Lasso)"), (axes[1], l2, "L2 (Ridge)")):
        ax.plot(lams, coefs, linewidth=1.2)
        ax.set_xscale("log")
        ax.set_xlabel(r"$\lambda$")
        zeros = (coefs == 0).sum(axis=1)
        n_zero, n_all = zeros[-1], coefs.shape[1]
        ax.set_title(f"{title}: exact zeros at the largest $\\lambda$: {n_zero} of {n_all}")
        ax.axhline(0, color="black", linewidth=0.6)
    axes[0].set_ylabel("coefficient $w_j$")
    fig.tight_layout()
    return {
        "l2-weight-decay-paths": fig,
        "l2-weight-decay-zeros": zfig,
        "l2-weight-decay-shrinkage": shrinkage(1.0),
    }


def shrinkage(lam: float) -> Figure:
    """The three maps of one coefficient at ``lam`` (the live figure moves lam and z)."""
    z = np.linspace(-3, 3, 1201)
    soft = np.asarray(nd.soft_threshold(z, lam))
    hard = np.where(0.5 * z**2 > lam, z, 0.0)
    ridge = z / (1 + lam)
    fig, ax = plt.subplots(figsize=(5, 4.4))
    ax.plot(z, z, "--", color="gray", linewidth=0.8, label="no penalty: w = z")
    ax.plot(z, soft, linewidth=2, label=f"soft-thresholding (L1), zero for |z| <= {lam:g}")
    jump = np.abs(np.diff(hard)) > 0.5  # break the line at the jumps of hard-thresholding
    ax.plot(z, np.where(np.r_[jump, False], np.nan, hard), linewidth=1.5,
            label=f"hard-thresholding (L0), jumps at |z| = {np.sqrt(2 * lam):.3f}")
    ax.plot(z, ridge, linewidth=1.5, label=f"ridge (L2): z / {1 + lam:g}, zero only at z = 0")
    ax.set_xlabel("z, the unpenalized coefficient")
    ax.set_ylabel("w, the penalized coefficient")
    ax.set_title(f"One coefficient at $\\lambda$ = {lam:g}")
    ax.set_aspect("equal")
    ax.grid(linewidth=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig
