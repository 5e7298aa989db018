"""The site's figures: each ``scripts/figures/<slug>.py`` defines ``figures()``, returning
``{name: matplotlib Figure}``, drawn at build time into ``figures/<name>.svg``,
deterministically (no date, fixed hash salt).

Figures are drawn in a fresh Python process (``python -m normdocs_site.figures``), so a
figure drawn under ``mkdocs serve`` after an edit of the library shows the edited library,
not the copy the server imported when it started. :func:`sources` tells which files a
figure depends on (the script, its page's example, the library or engine modules it
imports, and the files it names in ``INPUTS``): the build hook redraws a figure when one
of them changes.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from normdocs_site.paths import ENGINE, EXAMPLES, FIGURE_SCRIPTS, LIBRARY, ROOT


def scripts() -> list[Path]:
    """Every figure script, ``scripts/figures/<slug>.py``."""
    return sorted(p for p in FIGURE_SCRIPTS.glob("*.py") if not p.name.startswith("_"))


def sources(script: Path) -> list[Path]:
    """The files whose change should redraw the figures of ``script``."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    imported: set[str] = set()
    inputs: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "INPUTS" for t in node.targets
        ):
            inputs = list(ast.literal_eval(node.value))
    found = [script, EXAMPLES / script.name, *(ROOT / p for p in inputs)]
    if "normdocs" in imported:
        found += sorted(LIBRARY.rglob("*.py"))
    if "normdocs_site" in imported:
        found += sorted(ENGINE.rglob("*.py"))
    return [p for p in found if p.exists()]


def stamp(script: Path) -> tuple[tuple[str, float], ...]:
    """What the cache of a figure is keyed by: its sources and their modification times."""
    return tuple((str(p), p.stat().st_mtime) for p in sources(script))


def load(script: Path) -> ModuleType:
    """Import a figure script (by path: its name has hyphens)."""
    spec = importlib.util.spec_from_file_location(f"normdocs_figure_{script.stem}", script)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the figure script {script}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def render(script: Path) -> dict[str, bytes]:
    """Run one figure script in this process and return ``{name: svg bytes}``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "normdocs", "svg.fonttype": "path", "figure.dpi": 100})
    out = {}
    for name, fig in load(script).figures().items():
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
        plt.close(fig)
        out[name] = buf.getvalue()
    return out


def render_fresh(paths: Sequence[Path], timeout: float = 600) -> dict[Path, dict[str, bytes]]:
    """Draw the figures of ``paths`` in one new Python process: ``{script: {name: svg}}``."""
    if not paths:
        return {}
    with tempfile.TemporaryDirectory(prefix="normdocs-figures-") as tmp:
        cmd = [sys.executable, "-m", "normdocs_site.figures", "--out", tmp, *map(str, paths)]
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"drawing the figures failed:\n{proc.stderr[-4000:]}")
        return {
            p: {svg.stem: svg.read_bytes() for svg in sorted(Path(tmp, p.stem).glob("*.svg"))}
            for p in paths
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw figure scripts into OUT/<slug>/<name>.svg.")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("scripts", nargs="*", type=Path, help="default: every figure script")
    args = parser.parse_args(argv)
    for script in args.scripts or scripts():
        folder = args.out / script.stem
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in render(script).items():
            (folder / f"{name}.svg").write_bytes(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
