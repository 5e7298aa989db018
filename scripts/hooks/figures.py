"""MkDocs hook: draw every figure of the site at build time from its tested script.

`scripts/figures/<slug>.py` defines `figures()`; each figure is served as
`figures/<name>.svg`, so a page links it as `![alt text](../figures/<name>.svg)`.
A script is re-run only when it or its page's example file changed (fast rebuilds
under `mkdocs serve`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import figure_tools

_CACHE: dict[Path, tuple[tuple[float, ...], dict[str, bytes]]] = {}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _stamp(script: Path) -> tuple[float, ...]:
    sources = [script, EXAMPLES / script.name]
    return tuple(p.stat().st_mtime for p in sources if p.exists())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for script in figure_tools.scripts():
        stamp = _stamp(script)
        if script not in _CACHE or _CACHE[script][0] != stamp:
            _CACHE[script] = (stamp, figure_tools.render(script))
        for name, svg in _CACHE[script][1].items():
            files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files
