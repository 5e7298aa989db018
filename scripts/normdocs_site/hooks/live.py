"""Build step: the figures a reader can move, computed in the page.

A page asks for one with the marker ``<!-- live:NAME -->`` (in both languages: the twins'
markers are checked to be the same). The marker becomes an empty, hidden
``<div class="nd-live" data-live="NAME">``, and the page gets, once, the scripts that fill it:

- Chart.js (npm, ``node_modules/chart.js``), served by the site as
  ``assets/live/chart.umd.min.js``: no CDN;
- ``docs/assets/live/live.js``: what the figures share (sliders, readouts, charts that follow
  the light and dark palettes, the page's language);
- ``docs/assets/live/NAME.js``: the figure itself, its math in JavaScript.

Without JavaScript the ``div`` stays hidden and the page's static figure (an SVG drawn by
``scripts/figures``) is all there is. Data a figure needs from the build is computed by
``scripts/live/NAME.py`` (run as a script in a fresh process, so that under ``mkdocs serve``
it sees the edited library; it prints the JSON) and served as ``assets/live/NAME.json``;
kept on disk in ``.cache/live`` by the content of its sources.

The browser tests (``tests/browser/test_live_figures.py``) set the controls of each figure
and compare its readout with what :mod:`normdocs` computes for the same parameters.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from normdocs_site import figures
from normdocs_site.paths import project_root

log = logging.getLogger("mkdocs.plugins.normdocs_site.live")
ASSET_DIR = "assets/live"
CHART_JS = "chart.umd.min.js"
MARKER = re.compile(r"<!--\s*live:([a-z0-9-]+)\s*-->")
_DATA: dict[Path, tuple[str, bytes]] = {}


def chart_js(root: Path) -> Path:
    """Where the set-up installs Chart.js from npm."""
    return root / "node_modules" / "chart.js" / "dist" / CHART_JS


def figure_names(root: Path) -> list[str]:
    """Every live figure: ``docs/assets/live/NAME.js`` but the shared ``live.js``."""
    folder = root / "docs" / ASSET_DIR
    return sorted(p.stem for p in folder.glob("*.js") if p.stem != "live")


def data_scripts(root: Path) -> list[Path]:
    """The scripts that compute a live figure's data at build time."""
    return sorted((root / "scripts" / "live").glob("*.py"))


def compute(script: Path) -> bytes:
    """Run ``script`` in a fresh Python process; the JSON it prints."""
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, cwd=script.parents[2], check=False
    )
    if done.returncode != 0:
        raise PluginError(f"{script.name}: {done.stderr.decode(errors='replace').strip()}")
    json.loads(done.stdout)  # it must be JSON
    return done.stdout


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = project_root(config)
    chart = chart_js(root)
    if not chart.is_file():
        raise PluginError(f"{chart} is missing: run scripts/setup (npm package chart.js)")
    files.append(File.generated(config, f"{ASSET_DIR}/{CHART_JS}", abs_src_path=str(chart)))
    disk = root / ".cache" / "live"
    for script in data_scripts(root):
        key = figures.content_digest(script, sys.version)
        if script not in _DATA or _DATA[script][0] != key:
            cached = disk / f"{script.stem}-{key}.json"
            if cached.is_file():
                _DATA[script] = (key, cached.read_bytes())
            else:
                start = time.perf_counter()
                _DATA[script] = (key, compute(script))
                disk.mkdir(parents=True, exist_ok=True)
                for old in disk.glob(f"{script.stem}-*.json"):
                    old.unlink()
                cached.write_bytes(_DATA[script][1])
                log.info(f"live: computed {script.stem} in {time.perf_counter() - start:.1f} s")
        name = f"{ASSET_DIR}/{script.stem}.json"
        files.append(File.generated(config, name, content=_DATA[script][1]))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    names = MARKER.findall(html)
    if not names:
        return html
    known = figure_names(project_root(config))
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise PluginError(
            f"{page.file.src_uri}: no live figure named {', '.join(unknown)} "
            f"(docs/{ASSET_DIR}/NAME.js); there are: {', '.join(known)}"
        )
    assets = get_relative_url(f"{ASSET_DIR}/", page.url or ".")
    html = MARKER.sub(
        lambda m: f'<div class="nd-live" data-live="{m[1]}" data-assets="{assets}" hidden></div>',
        html,
    )
    scripts = [CHART_JS, "live.js", *(f"{n}.js" for n in dict.fromkeys(names))]
    tags = "".join(
        f'<script src="{get_relative_url(f"{ASSET_DIR}/{s}", page.url or ".")}"></script>'
        for s in scripts
    )
    return html + tags
