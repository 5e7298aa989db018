"""Figures of docs/norms/l1-l2-norms.md."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import normdocs as nd

A, B = np.array([0.0, 4.0]), np.array([3.0, 0.0])


def path_length(points: np.ndarray, norm) -> float:
    """Total length of a polyline, each segment measured with `norm`."""
    return float(sum(norm(q - p) for p, q in itertools.pairwise(points)))


def figures() -> dict[str, Figure]:
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for x in range(4):
        ax.axvline(x, color="0.85", linewidth=0.8, zorder=0)
    for y in range(5):
        ax.axhline(y, color="0.85", linewidth=0.8, zorder=0)
    east_then_south = np.array([A, [3, 4], B])
    staircase = np.array([A, [0, 3], [1, 3], [1, 2], [2, 2], [2, 1], [3, 1], B])
    straight = np.array([A, B])
    for pts, style, color, what in [
        (east_then_south, "-", "tab:blue", "east, then south"),
        (staircase, "-", "tab:orange", "a staircase"),
        (straight, "--", "black", "straight line"),
    ]:
        if what == "straight line":
            label = f"{what}: Euclidean length {path_length(pts, nd.l2_norm):g}"
        else:
            label = f"{what}: {path_length(pts, nd.l1_norm):g} blocks"
        ax.plot(pts[:, 0], pts[:, 1], style, color=color, linewidth=2.2, label=label)
    ax.plot(*A, "o", color="black")
    ax.plot(*B, "o", color="black")
    ax.annotate("$a = (0, 4)$", A, textcoords="offset points", xytext=(8, 6))
    ax.annotate("$b = (3, 0)$", B, textcoords="offset points", xytext=(-30, -16))
    ax.set_aspect("equal")
    ax.set_xlim(-0.4, 3.6)
    ax.set_ylim(-0.6, 4.6)
    ax.set_title(
        f"$\\Vert b - a \\Vert_1 = {nd.l1_norm(B - A):g}$ (any shortest grid path),  "
        f"$\\Vert b - a \\Vert_2 = {nd.l2_norm(B - A):g}$"
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1.0), frameon=False)
    fig.tight_layout()
    return {"l1-l2-norms-distances": fig}
