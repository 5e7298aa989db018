"""Build step: serve every figure of the site, drawn from its tested script.

``scripts/figures/<slug>.py`` defines ``figures()``; each figure is served as
``figures/<name>.svg``, so a page links it as ``![alt text](../figures/<name>.svg)``.
Figures are drawn in a fresh process (:func:`normdocs_site.figures.render_fresh`) and
redrawn only when one of their sources changed (the script, its example, the library
modules it imports): rebuilds under ``mkdocs serve`` stay fast and never show a stale
library.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from normdocs_site import figures

_CACHE: dict[Path, tuple[tuple[tuple[str, float], ...], dict[str, bytes]]] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    stamps = {script: figures.stamp(script) for script in figures.scripts()}
    stale = [s for s, stamp in stamps.items() if s not in _CACHE or _CACHE[s][0] != stamp]
    for script, drawn in figures.render_fresh(stale).items():
        _CACHE[script] = (stamps[script], drawn)
    for script in stamps:
        for name, svg in _CACHE[script][1].items():
            files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files
