"""Figures of docs/regularization/l2-weight-decay.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from sklearn.linear_model import Lasso, Ridge


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


def figures() -> dict[str, Figure]:
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
    return {"l2-weight-decay-paths": fig}
