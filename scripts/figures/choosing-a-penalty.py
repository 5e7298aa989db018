"""Figures of docs/guides/choosing-a-penalty.md, drawn from the very code the page shows.

The `experiment` section of examples/choosing-a-penalty.py is executed (its printing
silenced) and its `results` plotted: validation accuracy against lambda, and the
histograms of the trained weights.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from normdocs_site.snippet_syntax import section_code

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "choosing-a-penalty.py"


def experiment() -> dict[str, dict[float, tuple[float, Any]]]:
    code = section_code(EXAMPLE, "experiment")
    namespace: dict[str, Any] = {"__name__": "choosing_a_penalty"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "choosing-a-penalty.py:experiment", "exec"), namespace)
    results: dict[str, dict[float, tuple[float, Any]]] = namespace["results"]
    return results


def figures() -> dict[str, Figure]:
    results = experiment()
    curves, ax = plt.subplots(figsize=(6, 3.6))
    baseline = results["none"][0.0][0]
    ax.axhline(baseline, color="gray", linestyle="--", label="no penalty")
    for name, runs in results.items():
        if name != "none":
            lams = list(runs)
            ax.plot(lams, [runs[lam][0] for lam in lams], marker="o", label=name)
    ax.set_xscale("log")
    ax.set_xlabel(r"$\lambda$")
    ax.set_ylabel("validation accuracy")
    ax.set_title("Digits, softmax regression: accuracy against the penalty strength")
    ax.legend()
    curves.tight_layout()

    hist, axes = plt.subplots(1, 3, figsize=(9, 3), sharey=True)
    lam = 1e-2
    bins = np.linspace(-1.0, 1.0, 41)
    for ax, (name, w) in zip(
        axes,
        [("no penalty", results["none"][0.0][1]), ("L1", results["L1"][lam][1]),
         ("L2", results["L2"][lam][1])],
        strict=True,
    ):
        values = w.numpy().ravel()
        ax.hist(values, bins=bins)
        ax.set_yscale("log")
        ax.set_title(f"{name}: {int((values == 0).sum())} of {values.size} exactly 0")
        ax.set_xlabel("weight")
    axes[0].set_ylabel("count (log scale)")
    hist.suptitle(rf"Trained weights at $\lambda = {lam:g}$")
    hist.tight_layout()
    return {"choosing-a-penalty-accuracy": curves, "choosing-a-penalty-weights": hist}
