"""A copy of the site's sources, for tests that edit or break them (the real tree is never
touched): the fault-injection tests and the ``mkdocs serve`` test."""

from __future__ import annotations

import shutil
from pathlib import Path

from normdocs_site.paths import ROOT

COPIED = ["mkdocs.yml", "docs", "examples", "overrides", "scripts", "src"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".cache", "site")


def copy_sources(root: Path) -> Path:
    """Copy what a build reads into the new folder ``root``; KaTeX's ``node_modules`` is linked."""
    root.mkdir(parents=True)
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=IGNORED)
        else:
            shutil.copy2(src, root / name)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root
