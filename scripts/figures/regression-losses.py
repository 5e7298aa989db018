"""Figures of docs/losses/regression-losses.md."""

from __future__ import annotations

from functools import partial

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

import normdocs as nd


def loss_curves() -> Figure:
    """Each loss and its derivative as a function of one residual r."""
    r = torch.linspace(-3.0, 3.0, 601, dtype=torch.float64, requires_grad=True)
    zero = torch.zeros_like(r)
    curves = [
        ("MSE: $r^2$", nd.mse_loss, "-"),
        ("MAE: $|r|$", nd.l1_loss, "-"),
        (r"Huber, $\delta = 1$", partial(nd.huber_loss, delta=1.0), "-"),
        (
            r"SmoothL1, $\beta = 0.5$ (Huber$_{0.5}$ / 0.5)",
            partial(F.smooth_l1_loss, beta=0.5),
            "--",
        ),
    ]
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for label, loss, style in curves:
        values = loss(r, zero, reduction="none")
        (grad,) = torch.autograd.grad(values.sum(), r)
        x = r.detach().numpy()
        axes[0].plot(x, values.detach().numpy(), style, linewidth=1.5, label=label)
        axes[1].plot(x, grad.numpy(), style, linewidth=1.5, label=label)
    axes[0].set_ylim(-0.2, 4.0)
    axes[0].set_title(r"loss $\ell(r)$")
    axes[1].set_ylim(-4.2, 4.2)
    axes[1].set_title(r"derivative $\ell'(r)$: the pull of one residual")
    for ax in axes:
        ax.set_xlabel("residual $r$ = prediction - target")
        ax.axhline(0, color="black", linewidth=0.6)
        ax.axvline(0, color="black", linewidth=0.6)
    axes[1].legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def line_fits() -> Figure:
    """A line fitted under each loss to data whose six right-most points are outliers."""
    torch.manual_seed(0)
    x = torch.linspace(0.0, 1.0, 40, dtype=torch.float64)
    y = 2.0 * x + 1.0 + 0.1 * torch.randn(40, dtype=torch.float64)
    y[-6:] -= 4.0

    def fit(loss_fn: object, steps: int = 300) -> tuple[float, float]:
        ab = torch.zeros(2, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([ab], lr=0.1)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda t: 1 - t / steps)
        for _ in range(steps):
            opt.zero_grad()
            loss_fn(ab[0] * x + ab[1], y).backward()  # type: ignore[operator]
            opt.step()
            sched.step()
        a, b = ab.detach().tolist()
        return a, b

    fits = [
        ("MSE", nd.mse_loss, "-"),
        ("MAE", nd.l1_loss, "-"),
        (r"Huber, $\delta = 0.1$", partial(nd.huber_loss, delta=0.1), "-"),
        (r"SmoothL1, $\beta = 0.1$", partial(F.smooth_l1_loss, beta=0.1), ":"),
        (r"Huber, $\delta = 1$", partial(nd.huber_loss, delta=1.0), "-"),
    ]
    fig, ax = plt.subplots(figsize=(6.5, 4.0))
    xs, ys = x.numpy(), y.numpy()
    ax.scatter(xs[:-6], ys[:-6], s=14, color="0.3", label="data")
    ax.scatter(xs[-6:], ys[-6:], s=22, color="crimson", marker="x", label="outliers")
    grid = np.array([0.0, 1.0])
    ax.plot(grid, 2.0 * grid + 1.0, color="0.6", linewidth=4, alpha=0.5, label="true line $2x + 1$")
    for label, loss, style in fits:
        a, b = fit(loss)
        ax.plot(grid, a * grid + b, style, linewidth=1.6, label=f"{label}: slope {a:.2f}")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {"regression-losses-curves": loss_curves(), "regression-losses-fits": line_fits()}
