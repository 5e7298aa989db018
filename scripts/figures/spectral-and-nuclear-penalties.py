"""Figures of docs/regularization/spectral-and-nuclear-penalties.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import normdocs as nd


def lipschitz_during_training(lam: float, lr: float = 0.1, steps: int = 1000) -> np.ndarray:
    """(step, bound, estimate) every 50 steps of the page's ``spectral-penalty`` training."""
    torch.set_num_threads(1)
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, _ = train_test_split(X / 16.0, y, test_size=0.3, random_state=0)
    X_tr, X_te, y_tr = torch.tensor(X_train), torch.tensor(X_test), torch.tensor(y_train)
    torch.manual_seed(0)
    layers = [torch.nn.Linear(64, 64), torch.nn.Linear(64, 64), torch.nn.Linear(64, 10)]
    net = torch.nn.Sequential(
        layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2]
    ).double()
    weights = [layer.weight for layer in layers]
    us = [torch.randn(W.shape[0], dtype=torch.float64) for W in weights]
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    batches = torch.Generator().manual_seed(0)

    def record(step: int) -> tuple[float, float, float]:
        bound = float(np.prod([nd.matrix_norm(W.detach(), 2).item() for W in weights]))
        J = torch.func.vmap(torch.func.jacrev(net))(X_te)
        return float(step), bound, float(nd.matrix_norm(J, 2).max().item())

    rows = [record(0)]
    for t in range(1, steps + 1):
        i = torch.randint(0, len(y_tr), (64,), generator=batches)
        loss = torch.nn.functional.cross_entropy(net(X_tr[i]), y_tr[i])
        for k, W in enumerate(weights):
            with torch.no_grad():
                v = torch.nn.functional.normalize(W.T @ us[k], dim=0)
                us[k] = torch.nn.functional.normalize(W @ v, dim=0)
            loss = loss + lam / 2 * (us[k] @ W @ v) ** 2
        opt.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        opt.step()
        if t % 50 == 0:
            rows.append(record(t))
    return np.array(rows)


def lipschitz_figure() -> Figure:
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for lam, color in ((0.0, "C0"), (0.03, "C1")):
        rows = lipschitz_during_training(lam)
        ax.plot(rows[:, 0], rows[:, 1], color=color, label=rf"$\lambda = {lam:g}$: product bound")
        ax.plot(
            rows[:, 0], rows[:, 2], color=color, linestyle="--",
            label=rf"$\lambda = {lam:g}$: largest $\|J(x)\|_2$ on the test set",
        )
        ax.annotate(
            f"{rows[-1, 1]:.2f} / {rows[-1, 2]:.2f}", (rows[-1, 0], rows[-1, 1]),
            textcoords="offset points", xytext=(-70, 6), color=color,
        )
    ax.set_yscale("log")
    ax.set_ylim(top=60)
    ax.set_xlabel("SGD step")
    ax.set_ylabel("Lipschitz constant (L2)")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def completion_runs() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Singular values and the error on the unseen entries per iteration, for the page's
    ``matrix-completion`` (prox) and ``nuclear-subgradient`` (autograd) examples."""
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    m, n, r = 60, 40, 3
    M = rng.normal(size=(m, r)) @ rng.normal(size=(r, n))
    seen = rng.random((m, n)) < 0.4

    def error(X: np.ndarray) -> float:
        return float(nd.l2_norm((X - M)[~seen]) / nd.l2_norm(M[~seen]))

    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for lam in (2.0, 0.5):
        X = np.zeros((m, n))
        errors = []
        for _ in range(500):
            U, s, Vt = np.linalg.svd(X - seen * (X - M), full_matrices=False)
            X = (U * nd.soft_threshold(s, lam)) @ Vt
            errors.append(error(X))
        out[f"prox, $\\lambda = {lam:g}$"] = (np.linalg.svd(X, compute_uv=False), np.array(errors))
    M_t, seen_t = torch.from_numpy(M), torch.from_numpy(seen)
    Xt = torch.zeros(m, n, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([Xt], lr=1.0)
    errors = []
    for _ in range(500):
        opt.zero_grad()
        loss = 0.5 * (seen_t * (Xt - M_t)).pow(2).sum() + 0.5 * nd.matrix_norm(Xt, "nuc")
        loss.backward()
        opt.step()
        errors.append(error(Xt.detach().numpy()))
    sv = np.linalg.svd(Xt.detach().numpy(), compute_uv=False)
    out[r"autograd, $\lambda = 0.5$"] = (sv, np.array(errors))
    out["true $M$"] = (np.linalg.svd(M, compute_uv=False), np.array([]))
    return out


def completion_figure() -> Figure:
    runs = completion_runs()
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    styles = {"true $M$": ("black", "o"), r"autograd, $\lambda = 0.5$": ("C3", "^")}
    for (name, (sv, errors)), color in zip(runs.items(), ["C0", "C1", "C3", "black"], strict=True):
        marker = styles.get(name, (color, "s"))[1]
        k = np.arange(1, len(sv) + 1)
        axes[0].plot(k, np.maximum(sv, 1e-16), marker=marker, markersize=3, color=color, label=name)
        if len(errors):
            axes[1].plot(np.arange(1, len(errors) + 1), errors, color=color, label=name)
    axes[0].set_yscale("log")
    axes[0].set_xlabel("index $k$")
    axes[0].set_ylabel(r"singular value $\sigma_k$ (floor $10^{-16}$)")
    axes[0].set_title("singular values after 500 iterations", fontsize=10)
    axes[0].legend(fontsize=8)
    axes[1].set_yscale("log")
    axes[1].set_xlabel("iteration")
    axes[1].set_ylabel("relative error, unseen entries")
    axes[1].set_title("recovery of the 1399 unseen entries", fontsize=10)
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    return fig


def figures() -> dict[str, Figure]:
    return {
        "spectral-and-nuclear-penalties-lipschitz": lipschitz_figure(),
        "spectral-and-nuclear-penalties-completion": completion_figure(),
    }
