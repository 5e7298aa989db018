"""The writer's loop: ``mkdocs serve`` rebuilds on every source of a page, not only ``docs/``.

On a copy of the repository (the real tree is never edited), with ``mkdocs serve`` running:

- saving a change to an example file shows on its page (the code blocks are included from it);
- editing a library module redraws exactly the figures whose script or example imports the
  library, and editing a figure script redraws exactly that script's figures.

How long each step took is printed and recorded as a property (``-rP`` shows the print,
``--junitxml`` with ``-o junit_family=legacy`` the property); speed
is measured by the benchmark (``scripts/bench.py --site``), not asserted here. The time limits
below only stop a hung server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from repo_copy import copy_sources

from normdocs_site import figures
from normdocs_site.config import site_config
from normdocs_site.paths import ROOT

pytestmark = pytest.mark.site

LIMIT = 300  # seconds: a server that takes longer is hung


@dataclass
class Server:
    root: Path
    port: int
    proc: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as r:
                text: str = r.read().decode("utf-8")
                return text
        except OSError:
            return ""

    def wait(self, done: Callable[[], bool], what: str) -> float:
        start = time.perf_counter()
        while not done():
            if self.proc.poll() is not None:
                pytest.fail(f"mkdocs serve exited while waiting for {what}:\n{self.tail()}")
            if time.perf_counter() - start > LIMIT:
                pytest.fail(f"no {what} after {LIMIT} s:\n{self.tail()}")
            time.sleep(0.2)
        return time.perf_counter() - start

    def drawn_after(self, mark: int) -> set[str]:
        """The figure scripts the first redraw logged after line ``mark`` drew."""
        for line in self.log[mark:]:
            if "figures: drew " in line:
                names = line.split("figures: drew ", 1)[1].rsplit(" in ", 1)[0]
                return set(names.split(", "))
        return set()

    def tail(self) -> str:
        return "".join(self.log[-30:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = copy_sources(tmp_path_factory.mktemp("serve") / "repo")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        [*cmd, "--livereload"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    srv = Server(root, port, proc)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            srv.log.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        srv.wait(lambda: any("Serving on" in line for line in srv.log), "first build")
        yield srv
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def _rebuilt_after(server: Server, mark: int) -> Callable[[], bool]:
    return lambda: any("Documentation built" in line for line in server.log[mark:])


def test_serve_watches_every_source_of_a_page() -> None:
    watched = {Path(p).resolve() for p in site_config()["watch"]}
    for folder in ("examples", "src/normdocs", "scripts/figures"):
        assert (ROOT / folder).resolve() in watched, f"mkdocs serve does not watch {folder}"


def test_an_edited_example_shows_on_its_page(server: Server, record_property: Any) -> None:
    example = server.root / "examples" / "l1-l2-norms.py"
    lines = example.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if "--8<-- [start:" in line)
    probe = "# probe: this line was saved while mkdocs serve ran"
    lines.insert(first + 1, probe)
    mark = len(server.log)
    example.write_text("\n".join(lines), encoding="utf-8")
    seconds = server.wait(lambda: probe in server.page("norms/l1-l2-norms/"), "edit on the page")
    record_property("example_edit_seconds", round(seconds, 2))
    print(f"example_edit_seconds={seconds:.2f}")
    server.wait(_rebuilt_after(server, mark), "end of the rebuild")


def _edit(path: Path) -> None:
    """Save a change to ``path`` (a comment at its end): a figure is redrawn when the content
    of one of its sources changes, not its modification time alone (``.cache/figures``)."""
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited by the serve test\n")


def test_a_library_change_redraws_the_figures_that_import_it(
    server: Server, record_property: Any
) -> None:
    module = server.root / "src" / "normdocs" / "norms.py"
    scripts = figures.scripts(server.root / "scripts" / "figures")
    expected = {s.stem for s in scripts if module in figures.sources(s)}
    assert expected, "no figure imports the library"
    mark = len(server.log)
    _edit(module)
    seconds = server.wait(lambda: bool(server.drawn_after(mark)), "redraw after a library edit")
    assert server.drawn_after(mark) == expected
    record_property("library_edit_redraw_seconds", round(seconds, 2))
    print(f"library_edit_redraw_seconds={seconds:.2f}")
    server.wait(_rebuilt_after(server, mark), "end of the rebuild")


def test_a_figure_script_change_redraws_its_figures(server: Server) -> None:
    script = server.root / "scripts" / "figures" / "l1-sparsity.py"
    mark = len(server.log)
    _edit(script)
    server.wait(lambda: bool(server.drawn_after(mark)), "redraw after a figure script edit")
    assert server.drawn_after(mark) == {"l1-sparsity"}
    server.wait(_rebuilt_after(server, mark), "end of the rebuild")
