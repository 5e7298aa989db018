"""Figures of docs/norms/lp-and-max-norms.md."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

import normdocs as nd


def figures() -> dict[str, Figure]:
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))

    # left: ||x||_p / ||x||_inf decreases to 1, below the bound n^(1/p)
    ps = np.logspace(0, np.log10(1000), 60)
    vectors = [
        ("$x = (3, -4, 12)$, $n = 3$", np.array([3.0, -4.0, 12.0]), "tab:blue"),
        ("Gaussian $x$, $n = 1000$", np.random.default_rng(0).normal(size=1000), "tab:orange"),
    ]
    for label, x, color in vectors:
        ratio = [nd.vector_norm(x, p) / nd.linf_norm(x) for p in ps]
        left.plot(ps, ratio, color=color, linewidth=2, label=label)
        left.plot(
            ps,
            len(x) ** (1 / ps),
            color=color,
            linewidth=1,
            linestyle="--",
            label=f"bound $n^{{1/p}}$, $n = {len(x)}$",
        )
    left.axhline(1, color="black", linewidth=0.8)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("$p$")
    left.set_ylabel(r"$\Vert x \Vert_p \, / \, \Vert x \Vert_\infty$")
    left.set_title(r"$\Vert x \Vert_p \to \Vert x \Vert_\infty$ as $p \to \infty$")
    left.legend(fontsize=8, frameon=False)

    # right: |t|^p tends to the indicator of t != 0 as p -> 0
    t = np.linspace(-2, 2, 801)
    colors = plt.get_cmap("viridis")(np.linspace(0, 0.85, 5))
    for p, color in zip([2, 1, 0.5, 0.2, 0.05], colors, strict=True):
        right.plot(t, np.abs(t) ** p, color=color, linewidth=2, label=f"$|t|^{{{p:g}}}$")
    right.plot(
        [-2, 0],
        [1, 1],
        color="black",
        linewidth=1.2,
        linestyle="--",
        label=r"$[t \neq 0]$, the term of $\Vert x \Vert_0$",
    )
    right.plot([0, 2], [1, 1], color="black", linewidth=1.2, linestyle="--")
    right.plot([0], [0], "o", color="black", markersize=4)
    right.set_ylim(-0.05, 2.05)
    right.set_xlabel("$t$")
    right.set_title(r"Each term $|x_i|^p \to [x_i \neq 0]$ as $p \to 0$")
    right.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    fig.tight_layout()
    return {"lp-and-max-norms-limits": fig}
