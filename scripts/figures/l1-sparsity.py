"""Figures of docs/regularization/l1-sparsity.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from sklearn.datasets import load_diabetes
from sklearn.linear_model import lasso_path


def diabetes_path(num: int = 120) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The lasso path on the diabetes data (centered target), from alpha_max down 1000-fold."""
    data = load_diabetes()
    X, y = data.data, data.target - data.target.mean()
    alpha_max = np.abs(X.T @ y).max() / len(y)
    alphas = alpha_max * np.geomspace(1.0, 1e-3, num)
    alphas, coefs, _ = lasso_path(X, y, alphas=alphas, tol=1e-10)
    return alphas, coefs.T, list(data.feature_names)


def path_figure() -> Figure:
    alphas, coefs, names = diabetes_path()
    fig, axes = plt.subplots(
        1, 2, figsize=(10, 4.0), gridspec_kw={"width_ratios": [1.6, 1.0]}, sharex=True
    )
    ax = axes[0]
    colors = plt.get_cmap("tab10").colors
    for j, name in enumerate(names):
        ax.plot(alphas, coefs[:, j], color=colors[j], linewidth=1.4, label=name)
    ax.legend(ncol=2, fontsize=8, loc="upper left")
    ax.set_title("lasso coefficients on the diabetes data")
    ax.set_ylabel("coefficient $w_j$")
    ax.axhline(0, color="black", linewidth=0.6)

    zeros = (coefs == 0).sum(axis=1)
    axes[1].step(alphas, zeros, where="post", color="tab:red", linewidth=1.6)
    axes[1].set_title(r"exact zeros among the 10 coefficients")
    axes[1].set_ylabel("number of $w_j = 0$")
    axes[1].set_yticks(range(0, 11, 2))
    axes[0].set_xscale("log")
    axes[0].invert_xaxis()  # strong regularization on the left (the x axis is shared)
    for ax in axes:
        ax.set_xlabel(r"$\alpha$ (scikit-learn's Lasso), decreasing")
        ax.axvline(0.1, color="0.5", linewidth=0.8, linestyle="--")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {"l1-sparsity-path": path_figure()}
