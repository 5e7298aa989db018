"""Figures of docs/training/tuning-weight-decay.md, from the data and runs of the page's
examples (examples/tuning-weight-decay.py): ``total-decay``, ``ema-view`` and ``grid``."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

EMA_RUNS = [(0.01, 1.0), (0.05, 0.2), (0.005, 1.0)]  # (lr, wd) of the ``ema-view`` example
GRID_LRS = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1]  # the ``grid`` example
GRID_WDS = list(np.logspace(-2, 1, 7))


def ema_runs(steps: int = 1000, n_noise: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """theta_0 and the rms of the noise weights at every step (the ``ema-view`` example)."""
    torch.set_num_threads(1)
    torch.manual_seed(0)
    params = [
        torch.zeros(1 + n_noise, dtype=torch.float64, requires_grad=True) for _ in EMA_RUNS
    ]
    groups = [
        {"params": [p], "lr": lr, "weight_decay": wd}
        for p, (lr, wd) in zip(params, EMA_RUNS, strict=True)
    ]
    opt = torch.optim.AdamW(groups)
    signal = np.zeros((steps + 1, len(EMA_RUNS)))
    rms = np.zeros((steps + 1, len(EMA_RUNS)))
    for t in range(1, steps + 1):
        opt.zero_grad()
        xi = torch.randn(n_noise, dtype=torch.float64)
        sum(-p[0] + xi @ p[1:] for p in params).backward()  # type: ignore[union-attr]
        opt.step()
        with torch.no_grad():
            signal[t] = [p[0].item() for p in params]
            rms[t] = [p[1:].pow(2).mean().sqrt().item() for p in params]
    return signal, rms


def ema_figure() -> Figure:
    signal, rms = ema_runs()
    steps = np.arange(len(signal))
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for k, (lr, wd) in enumerate(EMA_RUNS):
        color, tau = f"C{k}", round(1 / (lr * wd))
        label = f"lr {lr:g}, wd {wd:g}: $\\tau$ = {tau}"
        axes[0].plot(steps, signal[:, k], color=color, label=label)
        axes[0].axhline(1 / wd, color=color, linestyle="--", linewidth=0.8)
        axes[0].plot([tau], [signal[tau, k]], "o", color=color)
        axes[1].plot(steps, rms[:, k], color=color, label=label)
        axes[1].axhline(math.sqrt(lr / (2 * wd)), color=color, linestyle="--", linewidth=0.8)
    axes[0].set_title(
        r"$\theta_0$ (constant gradient); dashed: $1/\mathrm{wd}$; dots: step $\tau$", fontsize=10
    )
    axes[1].set_title(
        r"rms of the 1000 noise weights; dashed: $\sqrt{\mathrm{lr}/(2\,\mathrm{wd})}$", fontsize=10
    )
    for ax in axes:
        ax.set_xlabel("step")
    axes[0].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def schedule_memory(steps: int = 500, wd: float = 0.2) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """For each run of the ``total-decay`` example: the decay so far, and each step's memory."""
    runs = {"lr 0.01, constant": (0.01, False), "lr 0.01, cosine": (0.01, True)}
    runs |= {"lr 0.003, cosine": (0.003, True), "lr 0.03, cosine": (0.03, True)}
    out = {}
    t = np.arange(steps)
    for name, (lr, cosine) in runs.items():
        lrs = lr * (0.5 * (1 + np.cos(np.pi * t / steps)) if cosine else np.ones(steps))
        decay_so_far = np.cumprod(1 - lrs * wd)
        after = np.cumprod((1 - lrs * wd)[::-1])[::-1]  # prod over t >= s
        memory = lrs * np.append(after[1:], 1.0)  # lr_s prod_{t > s} (1 - lr_t wd)
        out[name] = (decay_so_far, memory)
    return out


def memory_figure() -> Figure:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for k, (name, (decay, memory)) in enumerate(schedule_memory().items()):
        steps = np.arange(1, len(decay) + 1)
        style = "--" if "constant" in name else "-"
        axes[0].plot(steps, decay, style, color=f"C{k}", label=f"{name}: {decay[-1]:.4f}")
        label = f"{name}: peak at step {memory.argmax() + 1}"
        axes[1].plot(steps, memory / memory.sum(), style, color=f"C{k}", label=label)
    axes[0].set_title(
        r"decay so far, $\prod_{t \leq s} (1 - \mathrm{lr}_t\, \mathrm{wd})$, wd = 0.2", fontsize=10
    )
    axes[1].set_title("share of step $s$'s update in the final weights", fontsize=10)
    for ax in axes:
        ax.set_xlabel("step $s$")
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def grid_losses() -> dict[int, np.ndarray]:
    """Validation losses of the ``grid`` example, (lr, wd) grid, after 300 and 3000 steps."""
    torch.set_num_threads(1)
    X, y = load_breast_cancer(return_X_y=True)
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, train_size=100, random_state=0, stratify=y)
    mean, std = X_tr.mean(0), X_tr.std(0)
    Xt, Xv = torch.tensor((X_tr - mean) / std), torch.tensor((X_va - mean) / std)
    yt, yv = torch.tensor(y_tr, dtype=torch.float64), torch.tensor(y_va, dtype=torch.float64)
    lrs = torch.tensor(GRID_LRS, dtype=torch.float64)
    wds = torch.tensor(GRID_WDS, dtype=torch.float64)
    lr, wd = (g.reshape(-1, 1) for g in torch.meshgrid(lrs, wds, indexing="ij"))
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    out = {}
    for steps in (300, 3000):
        W = torch.zeros(len(lr), 30, dtype=torch.float64, requires_grad=True)
        m, v = torch.zeros_like(W), torch.zeros_like(W)
        batches = torch.Generator().manual_seed(0)
        for t in range(1, steps + 1):
            i = torch.randint(0, len(yt), (10,), generator=batches)
            W.grad = None
            loss = bce(W @ Xt[i].T, yt[i].expand(len(lr), -1), reduction="sum").div(10)
            loss.backward()  # type: ignore[no-untyped-call]
            with torch.no_grad():
                assert W.grad is not None
                W.mul_(1 - lr * wd)
                m.mul_(0.9).add_(W.grad, alpha=0.1)
                v.mul_(0.999).addcmul_(W.grad, W.grad, value=0.001)
                W.sub_(lr / (1 - 0.9**t) * m / ((v / (1 - 0.999**t)).sqrt() + 1e-8))
        with torch.no_grad():
            val = torch.stack([bce(Xv @ w, yv) for w in W])
        out[steps] = val.reshape(len(GRID_LRS), len(GRID_WDS)).numpy()
    return out


def grid_figure() -> Figure:
    losses = grid_losses()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True, layout="constrained")
    norm = LogNorm(vmin=0.1, vmax=0.41)
    image = None
    for ax, (steps, val) in zip(axes, losses.items(), strict=True):
        image = ax.imshow(val, origin="lower", cmap="viridis_r", norm=norm, aspect="auto")
        for i in range(val.shape[0]):
            for j in range(val.shape[1]):
                ax.text(
                    j,
                    i,
                    f"{val[i, j]:.3f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if val[i, j] > 0.2 else "black",
                )
            j = int(val[i].argmin())
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, color="red", lw=1.5))
        # lr * wd constant along i + j = c: both grids step by (about) half a decade
        xs = np.array([-0.5, 6.5])
        for c in range(1, 11):
            ax.plot(xs, c - xs, color="white", linewidth=1.2, linestyle=":")
        ax.set_xlim(-0.5, 6.5)
        ax.set_ylim(-0.5, 4.5)
        ax.set_xticks(range(len(GRID_WDS)), [f"{w:.3g}" for w in GRID_WDS])
        ax.set_yticks(range(len(GRID_LRS)), [f"{lr:g}" for lr in GRID_LRS])
        ax.set_xlabel("weight_decay")
        ax.set_title(f"after {steps} steps ({steps // 10} epochs)", fontsize=10)
    axes[0].set_ylabel("lr")
    fig.suptitle(
        "validation loss of AdamW runs; red: the best wd of each lr; dotted: lr * wd constant",
        fontsize=10,
    )
    assert image is not None
    fig.colorbar(image, ax=axes, label="validation loss (log scale)")
    return fig


def figures() -> dict[str, Figure]:
    return {
        "tuning-weight-decay-memory": memory_figure(),
        "tuning-weight-decay-ema": ema_figure(),
        "tuning-weight-decay-grid": grid_figure(),
    }
