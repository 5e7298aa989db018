"""Figures of the site: each `scripts/figures/<slug>.py` defines `figures()`, returning
``{name: matplotlib Figure}``; they are drawn at build time (scripts/hooks/figures.py)
into ``figures/<name>.svg``, deterministically (no date, fixed hash salt).
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

FIGURE_DIR = Path(__file__).resolve().parent / "figures"
plt.rcParams.update({"svg.hashsalt": "normdocs", "svg.fonttype": "path", "figure.dpi": 100})


def scripts() -> list[Path]:
    return sorted(p for p in FIGURE_DIR.glob("*.py") if not p.name.startswith("_"))


def load(script: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"normdocs_figure_{script.stem}", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(script: Path) -> dict[str, bytes]:
    """Run one figure script and return ``{name: svg bytes}``."""
    out = {}
    for name, fig in load(script).figures().items():
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(fig)
        out[name] = buf.getvalue()
    return out
