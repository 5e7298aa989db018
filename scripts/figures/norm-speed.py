"""Figures of docs/performance/norm-speed.md: time against size for every method, log-log.

The numbers are those of docs/performance/bench.json (written by scripts/bench.py), read with
normdocs_site.bench.schema.load as the page's hook reads them, so the figures and the page's
tables always show the same run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from normdocs_site.bench.schema import BenchDocument, CaseResult, load
from normdocs_site.paths import ROOT

INPUTS = ["docs/performance/bench.json"]  # redraw when the results change
RESULTS = ROOT / INPUTS[0]
PANELS = {
    "norm-speed-numpy": ("l1-numpy", "l2-numpy", "linf-numpy"),
    "norm-speed-torch": ("l1-torch", "l2-torch", "linf-torch"),
}


OTHER_COLORS = ["C1", "C2", "C4", "C5", "C6", "C8", "C9", "C7"]  # C0 and C3: normdocs


def panel(ax: Any, case: CaseResult) -> None:
    others = iter(OTHER_COLORS)
    for m in case["methods"]:
        ns = [r["n"] for r in m["results"]]
        ts = [r["median_s"] for r in m["results"]]
        style: dict[str, Any]
        if m["role"] == "normdocs":
            style = {"linewidth": 2.4, "color": "C3" if "no SciPy" in m["name"] else "C0"}
        elif m["role"] == "floor":
            style = {"linewidth": 1.2, "color": "black", "linestyle": ":"}
        else:
            style = {"linewidth": 1.1, "color": next(others), "linestyle": "-"}
            if not m["correct"]:
                style["linestyle"] = "--"
        label = m["name"] + ("" if m["correct"] or m["role"] == "floor" else " (not correct)")
        ax.plot(ns, ts, marker="o", markersize=3, label=label, **style)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (elements)")
    ax.set_title(case["title"], fontsize=10)
    ax.grid(True, which="major", linewidth=0.4, alpha=0.5)
    ax.legend(fontsize=7, loc="upper left")


def figures(path: Path = RESULTS) -> dict[str, Figure]:
    data: BenchDocument = load(path)
    cases = {c["id"]: c for c in data["cases"]}
    out = {}
    for name, ids in PANELS.items():
        present = [cases[i] for i in ids if i in cases]
        if not present:
            continue
        fig, axes = plt.subplots(1, len(present), figsize=(5.2 * len(present), 4.6), squeeze=False)
        for ax, case in zip(axes[0], present, strict=True):
            panel(ax, case)
        axes[0][0].set_ylabel("median time of one call (s)")
        fig.tight_layout()
        out[name] = fig
    return out
