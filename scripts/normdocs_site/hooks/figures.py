"""Build step: serve every figure of the site, drawn from its tested script.

``scripts/figures/<slug>.py`` defines ``figures()``; each figure is served as
``figures/<name>.svg``, so a page links it as ``![alt text](../figures/<name>.svg)``.
Figures are drawn in a fresh process (:func:`normdocs_site.figures.render_fresh`) and
redrawn only when one of their sources changed (the script, its example, the library
modules it imports): rebuilds under ``mkdocs serve`` stay fast and never show a stale
library. Drawn figures are also kept on disk in ``.cache/figures/``, keyed by the content of
their sources and the versions of NumPy and Matplotlib, so a new build (or the second
language's) draws only what changed.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from normdocs_site import figures
from normdocs_site.paths import project_root

log = logging.getLogger("mkdocs.plugins.normdocs_site.figures")
_CACHE: dict[Path, tuple[tuple[tuple[str, float], ...], dict[str, bytes]]] = {}


def _digest(script: Path) -> str:
    """The key of a figure on disk: its sources' bytes and the drawing libraries' versions."""
    import matplotlib
    import numpy

    return figures.content_digest(script, f"{matplotlib.__version__} {numpy.__version__}")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = project_root(config)
    folder = root / "scripts" / "figures"
    stamps = {script: figures.stamp(script) for script in figures.scripts(folder)}
    stale = [s for s, stamp in stamps.items() if s not in _CACHE or _CACHE[s][0] != stamp]
    disk = root / ".cache" / "figures"
    on_disk = {script: disk / f"{script.stem}-{_digest(script)}.json" for script in stale}
    for script in list(stale):
        cached = on_disk[script]
        if cached.is_file():
            svgs = json.loads(cached.read_text(encoding="utf-8"))
            _CACHE[script] = (stamps[script], {k: v.encode() for k, v in svgs.items()})
            stale.remove(script)
    if stale:
        start = time.perf_counter()
        try:
            drawn = figures.render_fresh(stale, root=root)
        except RuntimeError as exc:
            raise PluginError(str(exc)) from None
        disk.mkdir(parents=True, exist_ok=True)
        for script, svgs in drawn.items():
            _CACHE[script] = (stamps[script], svgs)
            for old in disk.glob(f"{script.stem}-*.json"):
                old.unlink()
            text = {k: v.decode() for k, v in svgs.items()}
            on_disk[script].write_text(json.dumps(text))
        names = ", ".join(s.stem for s in stale)
        log.info(f"figures: drew {names} in {time.perf_counter() - start:.1f} s")
    for script in stamps:
        for name, svg in _CACHE[script][1].items():
            files.append(File.generated(config, f"figures/{name}.svg", content=svg))
    return files
