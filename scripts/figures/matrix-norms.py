"""Figures of docs/norms/matrix-norms.md."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import normdocs as nd

A = np.array([[1.0, -2.0], [3.0, 4.0]])


def unit_sphere(p: float, n_points: int = 721) -> np.ndarray:
    """Points with Lp norm 1, shape (2, n_points)."""
    t = np.linspace(0, 2 * np.pi, n_points)
    directions = np.stack([np.cos(t), np.sin(t)])
    return directions / nd.vector_norm(directions, p, axis=0, keepdims=True)


def figures() -> dict[str, Figure]:
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.8), layout="constrained")
    panels = [
        (1, "max column sum", np.array([0.0, 1.0])),
        (2, "largest singular value", np.linalg.svd(A)[2][0]),
        (math.inf, "max row sum", np.array([1.0, 1.0])),
    ]
    for ax, (p, what, x_best) in zip(axes, panels, strict=True):
        norm = nd.matrix_norm(A, p)
        ball = unit_sphere(p)
        name = r"\infty" if p == math.inf else f"{p}"
        ax.fill(*ball, color="0.85", label="unit ball $\\Vert x \\Vert_p \\leq 1$")
        ax.plot(*(A @ ball), color="tab:blue", linewidth=2, label="its image under $A$")
        ax.plot(
            *(norm * ball),
            color="tab:red",
            linewidth=1.2,
            linestyle="--",
            label="ball of radius $\\Vert A \\Vert_p$ in the same norm",
        )
        x = x_best / nd.vector_norm(x_best, p)
        ax.annotate("", A @ x, (0, 0), arrowprops={"arrowstyle": "->", "color": "black"})
        ax.plot(*x, "o", color="black", markersize=4, label="$x$ attaining the maximum, and $Ax$")
        ax.plot(*(A @ x), "o", color="black", markersize=4)
        ax.set_title(f"$\\Vert A \\Vert_{{{name}}} = {norm:.4g}$ ({what})")
        ax.set_aspect("equal")
        lim = 1.1 * norm
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.axhline(0, color="black", linewidth=0.4)
        ax.axvline(0, color="black", linewidth=0.4)
    fig.suptitle(
        r"$A = [[1, -2], [3, 4]]$ maps each unit ball into the ball of radius $\Vert A \Vert_p$"
    )
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=4, frameon=False)
    return {"matrix-norms-induced": fig}
