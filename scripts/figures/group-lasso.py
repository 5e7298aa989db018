"""Figures of docs/regularization/group-lasso.md."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import normdocs as nd

# the matrix and threshold of the page's prox examples
W = np.array([[3.0, 4.0], [0.3, -0.4], [-0.9, 0.3], [0.5, 2.0], [1.2, 0.9], [0.8, 0.9]])
T = 1.0


def group_soft_threshold(A: np.ndarray, t: float) -> np.ndarray:
    """The prox of t * sum_i ||A[i]||_2 (the page's ``prox-normdocs``)."""
    return np.asarray(nd.group_soft_threshold(A, t, axis=1))


def prox_figure() -> Figure:
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.3), sharey=True)
    panels = (
        (axes[0], group_soft_threshold(W, T), "group soft-threshold: rows inside the disc -> 0"),
        (axes[1], np.asarray(nd.soft_threshold(W, T)), "L1 soft-threshold: entries within 1 -> 0"),
    )
    for ax, Z, title in panels:
        if ax is axes[0]:
            ax.add_patch(Circle((0, 0), T, color="C0", alpha=0.15, label=r"$\|w\|_2 \leq t$"))
        else:
            label = r"$\|w\|_\infty \leq t$"
            ax.add_patch(Rectangle((-T, -T), 2 * T, 2 * T, color="C1", alpha=0.15, label=label))
            ax.axvspan(-T, T, color="C1", alpha=0.06)
            ax.axhspan(-T, T, color="C1", alpha=0.06)
        for w, z in zip(W, Z, strict=True):
            ax.annotate(
                "", xy=(z[0], z[1]), xytext=(w[0], w[1]), arrowprops={"arrowstyle": "->", "lw": 1}
            )
        ax.plot(W[:, 0], W[:, 1], "o", color="black", markersize=4, label="rows $w_i$ of $W$")
        ax.plot(Z[:, 0], Z[:, 1], "s", color="C3", markersize=5, label="their prox $z_i$")
        ax.axhline(0, color="gray", linewidth=0.6)
        ax.axvline(0, color="gray", linewidth=0.6)
        ax.set_xlim(-2.2, 3.4)
        ax.set_ylim(-1.2, 4.3)
        ax.set_aspect("equal")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("first entry")
        ax.legend(loc="upper left", fontsize=8)
    axes[0].set_ylabel("second entry")
    fig.tight_layout()
    return fig


def train_first_layers() -> dict[str, np.ndarray]:
    """The first-layer weights of the page's ``pruning`` example (same data, seeds, steps)."""
    torch.set_num_threads(1)
    X, y = load_digits(return_X_y=True)
    X_train, _, y_train, _ = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
    X_t, y_t = torch.tensor(X_train), torch.tensor(y_train)
    lr, steps = 0.3, 1000

    def group_prox(layer: torch.nn.Linear, t: float) -> None:
        neurons = torch.cat([layer.weight, layer.bias[:, None]], dim=1)  # one group per row
        Z = nd.group_soft_threshold(neurons, t, axis=1)
        layer.weight.copy_(Z[:, :-1])
        layer.bias.copy_(Z[:, -1])

    def l1_prox(layer: torch.nn.Linear, t: float) -> None:
        layer.weight.copy_(nd.soft_threshold(layer.weight, t))
        layer.bias.copy_(nd.soft_threshold(layer.bias, t))

    def train(prox: Callable[[torch.nn.Linear, float], None], lam: float) -> np.ndarray:
        torch.manual_seed(0)
        first, second = torch.nn.Linear(64, 64).double(), torch.nn.Linear(64, 10).double()
        net = torch.nn.Sequential(first, torch.nn.ReLU(), second)
        opt = torch.optim.SGD(net.parameters(), lr=lr)
        batches = torch.Generator().manual_seed(0)
        for _ in range(steps):
            i = torch.randint(0, len(y_t), (64,), generator=batches)
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(net(X_t[i]), y_t[i])
            loss.backward()  # type: ignore[no-untyped-call]
            opt.step()
            with torch.no_grad():
                prox(first, lr * lam)
        return np.asarray(first.weight.detach().numpy())

    return {"group": train(group_prox, 0.01), "L1": train(l1_prox, 0.002)}


def pruning_figure() -> Figure:
    weights = train_first_layers()
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.6), sharey=True)
    for ax, (name, W1) in zip(axes, weights.items(), strict=True):
        nonzero = W1 != 0
        dead = int((~nonzero).all(axis=1).sum())
        ax.imshow(nonzero, cmap="Greys", aspect="equal", interpolation="nearest")
        ax.set_title(
            f"{name}: {int((~nonzero).sum())} zeros, {dead} whole rows (neurons) zero", fontsize=10
        )
        ax.set_xlabel("input pixel (column of W1)")
    axes[0].set_ylabel("hidden neuron (row of W1)")
    fig.suptitle("First-layer weights after proximal SGD on the digits (black: nonzero)")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {"group-lasso-prox": prox_figure(), "group-lasso-pruning": pruning_figure()}
