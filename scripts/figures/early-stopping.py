"""Figures of docs/training/early-stopping.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

EPS, TAU = 0.5, 79  # the page's learning rate and the step early stopping chose


def data() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The page's training and validation data (same seed, same order of draws)."""
    rng = np.random.default_rng(0)
    n, d = 40, 30
    scales = np.logspace(0, -1.5, d)
    w_true = rng.normal(size=d)
    X, X_val = rng.normal(size=(n, d)) * scales, rng.normal(size=(1000, d)) * scales
    y, y_val = X @ w_true + rng.normal(size=n), X_val @ w_true + rng.normal(size=1000)
    return X, y, X_val, y_val


def curves(steps: int = 10_000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validation MSE along gradient descent, and along the ridge path at alpha = 1/(tau eps)."""
    X, y, X_val, y_val = data()
    n, d = X.shape
    w, gd = np.zeros(d), []
    for _ in range(steps):
        w = w - EPS * X.T @ (X @ w - y) / n
        gd.append(np.mean((X_val @ w - y_val) ** 2))
    taus = np.logspace(0, np.log10(steps), 200)
    H, b = X.T @ X / n, X.T @ y / n
    ridge = [
        np.mean((X_val @ np.linalg.solve(H + np.eye(d) / (t * EPS), b) - y_val) ** 2)
        for t in taus
    ]
    return np.arange(1, steps + 1), np.array(gd), taus, np.array(ridge)


def figures() -> dict[str, Figure]:
    X, _, _, _ = data()
    lam = np.linalg.eigvalsh(X.T @ X / len(X))
    x_data = lam * TAU * EPS
    x = np.logspace(-3, 3, 60001)  # the grid of the page's factor-gap example
    fig, (ax, gap) = plt.subplots(1, 2, figsize=(10, 3.6))
    ax.plot(x, 1 - np.exp(-x), color="C0", label=r"gradient descent, $1 - e^{-x}$")
    ax.plot(x, x / (1 + x), color="C1", label=r"ridge, $x / (1 + x)$")
    ax.plot(x_data, 1 - (1 - EPS * lam) ** TAU, "o", color="C0", markersize=4,
            label=rf"the 30 directions: $1 - (1 - \epsilon d_i)^{{{TAU}}}$")
    ax.plot(x_data, lam / (lam + 1 / (TAU * EPS)), "s", color="C1", markersize=3,
            label=r"the 30 directions: $d_i / (d_i + \alpha)$")
    ax.set_xscale("log")
    ax.set_xlabel(r"$x = d\,\tau\epsilon$")
    ax.set_title(r"shrink factor of an eigendirection, $\alpha = 1/(\tau\epsilon)$")
    ax.legend(fontsize=8)
    diff = 1 - np.exp(-x) - x / (1 + x)
    gap.plot(x, diff, color="black")
    i = int(np.argmax(diff))
    gap.annotate(f"largest gap {diff[i]:.4f}\nat $x = {x[i]:.3f}$",
                 xy=(x[i], diff[i]), xytext=(0.01, 0.15), arrowprops={"arrowstyle": "->"})
    gap.set_xscale("log")
    gap.set_xlabel(r"$x = d\,\tau\epsilon$")
    gap.set_title("gradient descent minus ridge")
    fig.tight_layout()

    steps, gd, taus, ridge = curves()
    vfig, vax = plt.subplots(figsize=(7, 3.6))
    vax.plot(steps, gd, label="gradient descent, after $\\tau$ steps")
    vax.plot(taus, ridge, label="ridge, $\\alpha = 1/(\\tau\\epsilon)$")
    best = int(np.argmin(gd))
    vax.plot(steps[best], gd[best], "o", color="C0")
    vax.annotate(f"best step {steps[best]}: {gd[best]:.4f}", xy=(steps[best], gd[best]),
                 xytext=(steps[best] * 2, gd[best] + 0.6), arrowprops={"arrowstyle": "->"})
    j = int(np.argmin(ridge))
    vax.plot(taus[j], ridge[j], "s", color="C1")
    vax.set_xscale("log")
    vax.set_xlabel(r"$\tau$ (steps), and $1/(\alpha\epsilon)$ for ridge")
    vax.set_ylabel("validation MSE")
    vax.legend()
    vfig.tight_layout()
    return {"early-stopping-factors": fig, "early-stopping-validation": vfig}
