"""One strict build of the site, timed: what the tests, the browser suite and the benchmark use.

``mkdocs build --strict`` runs in a subprocess (a fresh import of the library and a clean
MkDocs state), with ``NO_MKDOCS_2_WARNING`` set and, unless asked otherwise, the notebook
cache off, so notebooks really execute.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from normdocs_site.paths import MKDOCS_YML, ROOT

BUILD_TIMEOUT = 900  # seconds


@dataclass(frozen=True)
class Build:
    """The outcome of one build."""

    site: Path
    returncode: int
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def build_site(
    site: Path,
    *,
    config: Path = MKDOCS_YML,
    cwd: Path = ROOT,
    notebook_cache: bool = False,
    **env: str,
) -> Build:
    """``mkdocs build --strict`` of ``config`` into ``site``, with ``cwd`` as working directory."""
    environ = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "NORMDOCS_NOTEBOOK_CACHE": "true" if notebook_cache else "false",
        **env,
    }
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=cwd, env=environ, capture_output=True, text=True, timeout=BUILD_TIMEOUT
    )
    return Build(site, proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - start)
