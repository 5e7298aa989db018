"""Figures of docs/training/weight-decay-and-normalization.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

LR = 0.5


def train(weight_decay: float, steps: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """||W|| and the angle of each step for the page's ``training`` example (same data, seeds)."""
    X, y = load_digits(return_X_y=True)
    X_train, _, y_train, _ = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
    X_t, y_t = torch.tensor(X_train), torch.tensor(y_train)
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 32, bias=False),
        torch.nn.BatchNorm1d(32),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 10),
    ).double()
    W = model[0].weight
    others = [p for p in model.parameters() if p is not W]
    opt = torch.optim.SGD(
        [{"params": [W], "weight_decay": weight_decay}, {"params": others, "weight_decay": 0.0}],
        lr=LR,
    )
    batches = torch.Generator().manual_seed(0)
    norms, angles = [W.norm().item()], []
    for _ in range(steps):
        i = torch.randint(0, len(y_t), (64,), generator=batches)
        W_before = W.detach().clone()
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(X_t[i]), y_t[i]).backward()
        opt.step()
        norms.append(W.norm().item())
        cos = torch.sum(W_before * W) / (W_before.norm() * W.norm())
        angles.append(torch.arccos(cos.clamp(max=1.0)).item())
    return np.array(norms), np.array(angles)


def figures() -> dict[str, Figure]:
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
    window = 20  # steps in the running rms of the angle
    for wd, color in ((0.0, "C0"), (0.01, "C1"), (0.05, "C2")):
        norms, angles = train(wd)
        steps = np.arange(len(norms))
        axes[0].plot(steps, norms, color=color, label=f"weight_decay = {wd:g}")
        axes[1].plot(steps, LR / norms**2, color=color)
        rms = np.sqrt(np.convolve(angles**2, np.ones(window) / window, mode="valid"))
        axes[2].plot(np.arange(window, len(angles) + 1), rms, color=color)
        if wd > 0:
            label = r"$\sqrt{2\eta\lambda}$ (dashed)" if wd == 0.01 else None
            axes[2].axhline(
                np.sqrt(2 * LR * wd), color=color, linestyle="--", linewidth=1, label=label
            )
    axes[0].set_title(r"$\|W\|$")
    axes[1].set_title(r"effective learning rate $\eta / \|W\|^2$")
    axes[2].set_title("angle of W per step (rms over 20 steps)")
    axes[2].legend(loc="upper left")
    axes[2].set_ylabel("radians")
    for ax in axes:
        ax.set_xlabel("step")
    axes[0].legend()
    fig.tight_layout()
    return {"weight-decay-and-normalization-norms": fig}
