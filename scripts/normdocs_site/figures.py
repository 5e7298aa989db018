"""The site's figures: each ``scripts/figures/<slug>.py`` defines ``figures()``, returning
``{name: matplotlib Figure}``, drawn at build time into ``figures/<name>.svg``,
deterministically (no date, fixed hash salt).

Figures are drawn in fresh Python processes (``python -m normdocs_site.figures``), so a
figure drawn under ``mkdocs serve`` after an edit of the library shows the edited library,
not the copy the server imported when it started. :func:`sources` tells which files a
figure depends on (the script, its page's example, the library or engine modules it
imports, and the files it names in ``INPUTS``): the build hook redraws a figure when one
of them changes.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from normdocs_site.paths import FIGURE_SCRIPTS, ROOT


def scripts(folder: Path = FIGURE_SCRIPTS) -> list[Path]:
    """Every figure script, ``scripts/figures/<slug>.py``."""
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


def sources(script: Path) -> list[Path]:
    """The files whose change should redraw the figures of ``script`` (in its own tree)."""
    root = script.resolve().parents[2]
    example = root / "examples" / script.name  # scripts often run their page's example
    imported: set[str] = set()
    inputs: list[str] = []
    texts = [script.read_text(encoding="utf-8")]
    if example.exists():
        texts.append(example.read_text(encoding="utf-8"))
    for node in (n for text in texts for n in ast.walk(ast.parse(text))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "INPUTS" for t in node.targets
        ):
            inputs = list(ast.literal_eval(node.value))
    found = [script, example, *(root / p for p in inputs)]
    if "normdocs" in imported:
        found += sorted((root / "src" / "normdocs").rglob("*.py"))
    if "normdocs_site" in imported:
        found += sorted((root / "scripts" / "normdocs_site").rglob("*.py"))
    return [p for p in found if p.exists()]


def stamp(script: Path) -> tuple[tuple[str, float], ...]:
    """What the cache of a figure is keyed by: its sources and their modification times."""
    return tuple((str(p), p.stat().st_mtime) for p in sources(script))


def content_digest(script: Path, salt: str) -> str:
    """A key for what ``script`` makes, for a cache on disk: the bytes of its :func:`sources`
    and ``salt`` (the versions of what else decides its output)."""
    h = hashlib.sha256(salt.encode())
    for source in sources(script):
        h.update(source.name.encode() + b"\0" + source.read_bytes())
    return h.hexdigest()[:20]


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


def render_fresh(
    paths: Sequence[Path],
    *,
    root: Path = ROOT,
    workers: int | None = None,
    timeout: float = 600,
) -> dict[Path, dict[str, bytes]]:
    """Draw the figures of ``paths`` in new Python processes, one per core (each draws a
    share of the scripts, so imports are paid once per process): ``{script: {name: svg}}``.

    The processes import the library and the engine from ``root`` (a copy of the
    repository draws with its own code)."""
    if not paths:
        return {}
    n = max(1, min(len(paths), workers or os.cpu_count() or 1))
    groups = [list(paths[i::n]) for i in range(n)]
    own_code = os.pathsep.join(str(root / d) for d in ("src", "scripts"))
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0", "PYTHONPATH": own_code}
    with tempfile.TemporaryDirectory(prefix="normdocs-figures-") as tmp:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "normdocs_site.figures", "--out", tmp, *map(str, group)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for group in groups
        ]
        errors = [p.communicate(timeout=timeout)[1] for p in procs]
        failed = [err for p, err in zip(procs, errors, strict=True) if p.returncode != 0]
        if failed:
            tracebacks = "\n".join(err[-4000:] for err in failed)
            raise RuntimeError(f"drawing the figures failed:\n{tracebacks}")
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
