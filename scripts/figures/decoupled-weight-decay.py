"""Figures of docs/training/decoupled-weight-decay.md: the per-coordinate decay rates of the
``per-coordinate`` example (examples/decoupled-weight-decay.py)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from sklearn.datasets import load_breast_cancer


def per_coordinate_rates() -> tuple[np.ndarray, np.ndarray, float]:
    """Feature std, Adam+L2's rate lr wd / sqrt(v_hat), AdamW's lr wd (``per-coordinate``)."""
    torch.set_num_threads(1)
    data = load_breast_cancer()
    X, y = torch.tensor(data.data), torch.tensor(data.target, dtype=torch.float64)
    lr, wd = 0.01, 0.01
    w = torch.zeros(30, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    groups: list[dict[str, object]] = [{"params": [w]}, {"params": [b], "weight_decay": 0.0}]
    opt = torch.optim.Adam(groups, lr=lr, weight_decay=wd)
    batches = torch.Generator().manual_seed(0)
    for _ in range(300):
        i = torch.randint(0, len(y), (64,), generator=batches)
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(X[i] @ w + b, y[i])
        loss.backward()  # type: ignore[no-untyped-call]
        opt.step()
    state = opt.state[w]
    v_hat = state["exp_avg_sq"] / (1 - 0.999 ** state["step"])
    rate = lr * wd / (v_hat.sqrt() + 1e-8)
    return X.std(0).numpy(), rate.numpy(), lr * wd


def rates_figure() -> Figure:
    std, rate, uniform = per_coordinate_rates()
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.loglog(std, rate, "o", color="C0", label=r"Adam + L2: $\eta\lambda / \sqrt{\hat v_j}$")
    ax.axhline(uniform, color="C1", linewidth=2, label=rf"AdamW: $\eta\lambda$ = {uniform:g}")
    ax.set_xlabel("standard deviation of feature $j$ (raw breast-cancer data)")
    ax.set_ylabel("decay per step, per unit of $w_j$")
    ax.set_title(
        f"30 weights: Adam + L2's rates span {rate.max() / rate.min():.0e}, AdamW's are equal",
        fontsize=10,
    )
    ax.legend()
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {
        "decoupled-weight-decay-rates": rates_figure(),
    }
