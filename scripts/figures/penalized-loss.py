"""Figures of docs/regularization/penalized-loss.md."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon

import normdocs as nd

# an elliptical loss f(w) = 1/2 (w - c)^T A (w - c), minimized at c; constraint radius T
A = np.array([[1.0, 0.6], [0.6, 1.5]])
C = np.array([2.0, 0.4])
T = 1.0


def loss(w: np.ndarray) -> np.ndarray:
    d = w - C
    return 0.5 * np.einsum("...i,ij,...j->...", d, A, d)


def project_l1(v: np.ndarray) -> np.ndarray:
    if nd.l1_norm(v) <= T:
        return v
    u = np.sort(np.abs(v))[::-1]
    excess = np.cumsum(u) - T
    rho = np.count_nonzero(u * np.arange(1, v.size + 1) > excess)
    return np.asarray(nd.soft_threshold(v, excess[rho - 1] / rho))


def project_l2(v: np.ndarray) -> np.ndarray:
    return v * min(1.0, T / float(nd.l2_norm(v)))


def solve(project: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """Projected gradient descent on the loss over the constraint set."""
    w = np.zeros(2)
    step = 1.0 / np.linalg.eigvalsh(A).max()
    for _ in range(2000):
        w = project(w - step * A @ (w - C))
    return w


def constraint_sets() -> Figure:
    g = np.linspace(-1.6, 2.6, 400)
    W1, W2 = np.meshgrid(g, g)
    F = loss(np.stack([W1, W2], axis=-1))
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.4))
    panels = [
        (axes[0], project_l1, Polygon([(T, 0), (0, T), (-T, 0), (0, -T)]), r"L1: $\|w\|_1 \leq 1$"),
        (axes[1], project_l2, Circle((0, 0), T), r"L2: $\|w\|_2 \leq 1$"),
    ]
    for ax, project, patch, title in panels:
        patch.set(facecolor="tab:blue", alpha=0.25, edgecolor="tab:blue", linewidth=1.5)
        ax.add_patch(patch)
        w = solve(project)
        ax.contour(
            W1, W2, F, levels=[0.05, 0.2, 0.45, 0.8, 1.6, 2.6, 4.0], colors="0.55", linewidths=0.8
        )
        ax.contour(W1, W2, F, levels=[float(loss(w))], colors="tab:red", linewidths=1.6)
        ax.plot(*C, "k+", markersize=12, markeredgewidth=2)
        ax.annotate(
            "unconstrained\nminimum", C, xytext=(-20, 10), textcoords="offset points", fontsize=8
        )
        ax.plot(*w, "o", color="tab:red", markersize=7)
        ax.annotate(
            f"solution ({w[0]:.2f}, {w[1]:.2f})",
            w,
            xytext=(0, -24),
            textcoords="offset points",
            fontsize=9,
            color="tab:red",
            ha="center",
            bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"},
        )
        ax.axhline(0, color="black", linewidth=0.6)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_aspect("equal")
        ax.set_xlim(g[0], g[-1])
        ax.set_ylim(g[0], g[-1])
        ax.set_xlabel("$w_1$")
        ax.set_ylabel("$w_2$")
        ax.set_title(title)
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {"penalized-loss-constraints": constraint_sets()}
