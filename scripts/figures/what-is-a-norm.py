"""Figures of docs/norms/what-is-a-norm.md."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import normdocs as nd

PS = [1, 1.5, 2, 4, math.inf]


def unit_sphere(p: float, n_points: int = 721) -> np.ndarray:
    """Points of the plane with Lp norm 1: the direction (cos t, sin t) divided by its Lp norm."""
    t = np.linspace(0, 2 * np.pi, n_points)
    directions = np.stack([np.cos(t), np.sin(t)], axis=1)
    if p >= 1:
        return directions / nd.vector_norm(directions, p, axis=1, keepdims=True)
    # p < 1 is not a norm and normdocs refuses it: the same formula, written out
    return directions / (np.sum(np.abs(directions) ** p, axis=1, keepdims=True) ** (1 / p))


def figures() -> dict[str, Figure]:
    fig, ax = plt.subplots(figsize=(7.2, 4.8))
    colors = plt.get_cmap("viridis")(np.linspace(0, 0.9, len(PS)))
    for p, color in zip(PS, colors, strict=True):
        pts = unit_sphere(p)
        label = r"$p = \infty$" if p == math.inf else f"$p = {p:g}$"
        ax.plot(pts[:, 0], pts[:, 1], color=color, linewidth=2, label=label)
        t = 2 ** (-1 / p)  # where the sphere meets the diagonal
        ax.plot([t], [t], "o", color=color, markersize=5)
    pts = unit_sphere(0.5)
    ax.plot(
        pts[:, 0],
        pts[:, 1],
        color="0.5",
        linewidth=1.2,
        linestyle="--",
        label=r"$p = 0.5$ (not convex: not a norm)",
    )
    ax.axhline(0, color="black", linewidth=0.5)
    ax.axvline(0, color="black", linewidth=0.5)
    ax.plot([-1.1, 1.1], [-1.1, 1.1], color="0.7", linewidth=0.6, linestyle=":")
    ax.set_aspect("equal")
    ax.set_xlim(-1.15, 1.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(r"Unit spheres $\{x : \Vert x \Vert_p = 1\}$ in the plane")
    ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), fontsize=9, frameon=False)
    fig.tight_layout()
    return {"what-is-a-norm-unit-balls": fig}
