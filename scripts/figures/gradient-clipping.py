"""Figures of docs/training/gradient-clipping.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure

import normdocs as nd

STEPS = np.arange(1, 81)


def linear_norms() -> dict[str, np.ndarray]:
    """||W^T||_2 for the page's ``linear-recurrence`` and ``non-normal`` matrices."""
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(8, 8)))
    matrices = {f"$\\rho = {rho}$, orthogonal $\\times \\rho$": rho * Q for rho in (0.9, 1.0, 1.1)}
    matrices[r"$\rho = 0.9$, non-normal, $\|W\|_2 = 5.16$"] = np.array([[0.9, 5.0], [0.0, 0.9]])
    return {
        name: np.array([float(nd.matrix_norm(np.linalg.matrix_power(W, int(T)), 2)) for T in STEPS])
        for name, W in matrices.items()
    }


def rnn_norms() -> dict[str, np.ndarray]:
    """||dh_T/dh_0||_2 of the page's ``rnn-jacobian`` tanh RNN, small and unit-size inputs."""
    torch.manual_seed(0)
    rnn = torch.nn.RNN(1, 8, nonlinearity="tanh", bias=False).double()
    Q, _ = torch.linalg.qr(torch.randn(8, 8, dtype=torch.float64))
    with torch.no_grad():
        rnn.get_parameter("weight_hh_l0").copy_(1.1 * Q)
    h0 = torch.zeros(8, dtype=torch.float64)
    out: dict[str, list[float]] = {"inputs $\\times$ 0.001": [], "inputs $\\times$ 1": []}
    for T in STEPS:
        x = torch.randn(int(T), 1, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
        for name, inputs in zip(out, (0.001 * x, x), strict=True):

            def last_state(h: torch.Tensor, u: torch.Tensor = inputs) -> torch.Tensor:
                state: torch.Tensor = rnn(u, h[None])[1][0]
                return state

            J = torch.autograd.functional.jacobian(last_state, h0)  # type: ignore[no-untyped-call]
            out[name].append(float(nd.matrix_norm(J, 2)))
    return {name: np.array(v) for name, v in out.items()}


def cliff_runs() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """w and |grad| at each step of the page's ``cliff`` example, without and with clipping."""
    runs = {}
    for name, max_norm in (("without clipping", None), ("clipped to norm 10", 10.0)):
        w = torch.nn.Parameter(torch.tensor(1.2, dtype=torch.float64))
        opt = torch.optim.SGD([w], lr=5e-4)
        ws, norms = [], []
        for _ in range(60):
            opt.zero_grad()
            h = torch.tensor(1.0, dtype=torch.float64)
            for _ in range(20):
                h = w * h
            loss = (h - 2.0) ** 2
            loss.backward()  # type: ignore[no-untyped-call]
            ws.append(w.item())
            if max_norm is None:
                assert w.grad is not None
                norm = torch.nn.utils.get_total_norm([w.grad])
            else:
                norm = torch.nn.utils.clip_grad_norm_([w], max_norm)
            norms.append(norm.item())
            opt.step()
        runs[name] = (np.array(ws), np.array(norms))
    return runs


def figures() -> dict[str, Figure]:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
    for name, norms in linear_norms().items():
        axes[0].plot(STEPS, norms, label=name)
    axes[0].set_title(r"linear recurrence $h_t = W h_{t-1}$: $\|W^T\|_2$")
    axes[1].plot(STEPS, 1.1**STEPS, "k--", linewidth=1, label=r"$1.1^T$")
    for name, norms in rnn_norms().items():
        axes[1].plot(STEPS, norms, label=name)
    axes[1].set_title(r"tanh RNN, $\rho(W) = 1.1$: $\|\partial h_T / \partial h_0\|_2$")
    for ax in axes:
        ax.set_yscale("log")
        ax.set_xlabel("sequence length $T$")
        ax.legend(fontsize=8)
    fig.tight_layout()

    cfig, (cax, nax) = plt.subplots(1, 2, figsize=(10, 3.6))
    grid = np.linspace(0.9, 1.21, 400)
    cax.plot(grid, (grid**20 - 2.0) ** 2, color="black", linewidth=1, label="loss $(w^{20} - 2)^2$")
    runs = cliff_runs()
    ws, norms = runs["clipped to norm 10"]
    cax.plot(ws, (ws**20 - 2.0) ** 2, "o", color="C1", markersize=3, label="clipped to norm 10")
    w0, w1 = runs["without clipping"][0][:2]
    cax.annotate(
        f"without clipping: step 1 goes\nfrom $w = {w0:g}$ to $w = {w1:.1f}$",
        xy=(w0, (w0**20 - 2.0) ** 2),
        xytext=(0.9, 2e2),
        arrowprops={"arrowstyle": "->"},
    )
    cax.set_yscale("log")
    cax.set_ylim(1e-4, 1e5)
    cax.set_xlabel("$w$")
    cax.set_title("the loss of a 20-step recurrence, and the clipped run")
    cax.legend(loc="lower right", fontsize=8)
    nax.plot(np.arange(len(norms)), norms, "o-", color="C1", markersize=3, label="|grad| before")
    nax.axhline(10.0, color="black", linestyle="--", linewidth=1, label="max_norm = 10")
    nax.set_yscale("log")
    nax.set_xlabel("step")
    nax.set_title("clipped run: gradient norm per step")
    nax.legend(fontsize=8)
    cfig.tight_layout()
    return {"gradient-clipping-growth": fig, "gradient-clipping-cliff": cfig}
