"""Figures of docs/regularization/elastic-net-and-constraints.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import normdocs as nd


def penalty_on_grid(W1: np.ndarray, W2: np.ndarray, l1_ratio: float) -> np.ndarray:
    """The elastic-net penalty of every grid point (w1, w2), vectorized over the grid."""
    l1 = np.abs(W1) + np.abs(W2)
    l2 = 0.5 * (W1**2 + W2**2)
    values = l1_ratio * l1 + (1.0 - l1_ratio) * l2
    # the same convention as nd.elastic_net_penalty, checked on one point
    assert np.isclose(
        values.flat[0], nd.elastic_net_penalty([W1.flat[0], W2.flat[0]], l1_ratio=l1_ratio)
    )
    return values


def balls() -> Figure:
    g = np.linspace(-1.3, 1.3, 261)
    W1, W2 = np.meshgrid(g, g)
    fig, ax = plt.subplots(figsize=(4.6, 4.4))
    styles = [
        (1.0, "tab:blue", "L1 (l1_ratio = 1)"),
        (0.5, "tab:purple", "elastic net, 0.5"),
        (0.2, "tab:red", "elastic net, 0.2"),
        (0.0, "tab:green", "L2 (l1_ratio = 0)"),
    ]
    for rho, color, label in styles:
        level = float(nd.elastic_net_penalty([1.0, 0.0], l1_ratio=rho))  # through (1, 0)
        ax.contour(
            W1, W2, penalty_on_grid(W1, W2, rho), levels=[level], colors=color, linewidths=1.6
        )
        ax.plot([], [], color=color, label=label)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_title("penalty level sets through (1, 0)")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {"elastic-net-balls": balls()}
