"""Where things are in the repository (the engine is installed editable, so from this file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
FIGURE_SCRIPTS = ROOT / "scripts" / "figures"
LIBRARY = ROOT / "src" / "normdocs"
ENGINE = Path(__file__).resolve().parent
NODE_MODULES = ROOT / "node_modules"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
#: a reader's environment: only ``pip install -e '.[examples]'`` (made by scripts/setup)
READER_PYTHON = ROOT / ".venv-examples" / "bin" / "python"


def project_root(config: Any) -> Path:
    """The folder of the ``mkdocs.yml`` being built: the build steps read the sources there
    (a copy of the repository builds from its own files)."""
    return Path(config.config_file_path).resolve().parent
