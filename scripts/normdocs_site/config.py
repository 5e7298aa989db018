"""The one reader of ``mkdocs.yml``: MkDocs' own :func:`mkdocs.config.load_config`.

Tests and tools that need the navigation, the snippet settings or any other option read
them from the validated configuration here, never with a YAML loader of their own.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from normdocs_site.paths import MKDOCS_YML, project_root


@functools.cache
def site_config(config_file: Path = MKDOCS_YML) -> MkDocsConfig:
    """The validated configuration of ``config_file`` (read once per process)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cwd = Path.cwd()
    os.chdir(config_file.parent)  # relative paths in the file are relative to it
    try:
        return load_config(str(config_file))
    finally:
        os.chdir(cwd)


def nav_pages(config: MkDocsConfig | None = None) -> list[str]:
    """The source path of every page in the navigation, in order (e.g. ``norms/l1-l2-norms.md``)."""

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, str):
            if "://" not in node:
                yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)

    return list(walk((config or site_config())["nav"]))


def snippet_options(config: MkDocsConfig | None = None) -> dict[str, Any]:
    """The ``pymdownx.snippets`` options of the site, with ``base_path`` made absolute
    (relative paths are relative to the folder of the ``mkdocs.yml``)."""
    config = config or site_config()
    root = project_root(config)
    options = dict(config.mdx_configs.get("pymdownx.snippets", {}))
    base = options.get("base_path", ["."])
    base = [base] if isinstance(base, str) else list(base)
    options["base_path"] = [str((root / b).resolve()) for b in base]
    return options
