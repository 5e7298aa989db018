r"""Running a piece of example code as a reader would: alone, in a fresh empty directory.

The code is written to a file in a temporary directory and run with the venv's Python
under ``-W error``, in another empty temporary directory as working directory, with a
clean environment (no ``PYTHONPATH``, ``MPLBACKEND=Agg``). Anything on stderr (a warning,
a traceback) makes the run fail. Each run may take ``NORMDOCS_SNIPPET_TIMEOUT`` seconds
(default 300). With ``trace``, every ``print`` call is recorded with the line of the
top-level statement that was running (what :mod:`normdocs_site.outputs` needs to rewrite
``#>`` lines).

Why this is hand-written rather than pytest-examples' ``EvalExample.run_print_check``
(measured with pytest-examples 0.0.18 on every example file and every section, 155 runs):
40 of the 155 fail on examples whose output is right, because it folds a multi-line
printed value (a tensor, an array) into one line between ``'''`` quotes instead of
comparing the real stdout line by line; and it runs the code in the test process, so it
cannot show that a block copied alone runs in a process of its own (no state left by
another block, an empty working directory, warnings as errors).

>>> run('print(1 + 1)').stdout
'2\n'
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from normdocs_site.paths import READER_PYTHON, VENV_PYTHON

TIMEOUT = float(os.environ.get("NORMDOCS_SNIPPET_TIMEOUT", "300"))  # seconds, per run


@dataclass
class Run:
    """The result of running a piece of code alone."""

    label: str
    returncode: int
    stdout: str
    stderr: str
    prints: list[tuple[int | None, str]] = field(default_factory=list)  # (line, text printed)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.stderr.strip()

    def failure(self, label: str | None = None) -> str:
        """Why the run failed, with stderr, or '' if it did not."""
        if self.ok:
            return ""
        what = f"exited with status {self.returncode}" if self.returncode else "wrote to stderr"
        err = textwrap.indent(self.stderr.rstrip() or "(nothing on stderr)", "    ")
        return f"{label or self.label}: {what}:\n{err}"


def python() -> str:
    """The venv's Python if there is one next to this repository, else the current one."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


_TRACER = r"""
# the tracer sits next to the target: the target's folder comes first on the import path
import builtins, io, json, runpy, sys

target, record = sys.argv[1], sys.argv[2]
prints = []
_print = builtins.print


def traced_print(*args, **kwargs):
    out = kwargs.get("file")
    if out is not None and out is not sys.stdout:
        return _print(*args, **kwargs)
    buf = io.StringIO()
    _print(*args, sep=kwargs.get("sep"), end=kwargs.get("end"), file=buf)
    sys.stdout.write(buf.getvalue())
    if kwargs.get("flush"):
        sys.stdout.flush()
    line, frame = None, sys._getframe(1)
    while frame is not None:  # the outermost frame running the example: its current statement
        if frame.f_code.co_filename == target:
            line = frame.f_lineno
        frame = frame.f_back
    prints.append((line, buf.getvalue()))


builtins.print = traced_print
sys.argv = [target]
try:
    runpy.run_path(target, run_name="__main__")
finally:
    builtins.print = _print
    sys.stdout.flush()
    with open(record, "w", encoding="utf-8") as f:
        json.dump(prints, f)
"""


def run(
    code: str,
    *,
    name: str = "snippet.py",
    trace: bool = False,
    timeout: float = TIMEOUT,
    interpreter: str | None = None,
) -> Run:
    """Run ``code`` with the venv's Python (``-W error``) in a fresh empty directory.

    ``interpreter`` is another Python to run it with, e.g. the reader's venv
    (:func:`reader_python`).

    The code is written to ``name`` in a separate temporary directory, so tracebacks name the
    example file. With ``trace``, each ``print`` call is recorded with the line of the statement
    being run at the top level of ``code`` (see ``--update``).

    Results are remembered for the life of the process, keyed by the code: the site check and
    the example tests run the same blocks once per test session.
    """
    exe = interpreter or python()
    key = (code, trace, timeout, exe)
    if key not in _RUNS:
        _RUNS[key] = _run(code, name=name, trace=trace, timeout=timeout, exe=exe)
    return dataclasses.replace(_RUNS[key], label=name)


_RUNS: dict[tuple[str, bool, float, str], Run] = {}


def reader_python() -> str | None:
    """The Python of the reader's venv (only ``normdocs[examples]``), None if not set up."""
    return str(READER_PYTHON) if READER_PYTHON.exists() else None


def _run(code: str, *, name: str, trace: bool, timeout: float, exe: str) -> Run:
    with tempfile.TemporaryDirectory(prefix="normdocs-snippet-") as tmp:
        src_dir, cwd = Path(tmp, "src"), Path(tmp, "cwd")
        src_dir.mkdir()
        cwd.mkdir()
        target = src_dir / Path(name).name
        target.write_text(code, encoding="utf-8")
        cmd = [exe, "-W", "error"]
        record = src_dir / "prints.json"
        if trace:
            tracer = src_dir / "_trace_prints.py"
            tracer.write_text(_TRACER, encoding="utf-8")
            cmd += [str(tracer), str(target), str(record)]
        else:
            cmd.append(str(target))
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "MPLBACKEND": "Agg",
        }
        env.pop("PYTHONPATH", None)
        try:
            proc = subprocess.run(
                cmd,
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            return Run(
                name,
                -1,
                _decode(exc.stdout),
                _decode(exc.stderr) + f"\ntimed out after {timeout:g} s",
            )
        prints = []
        if trace and record.exists():
            prints = [(line, text) for line, text in json.loads(record.read_text(encoding="utf-8"))]
        return Run(name, proc.returncode, proc.stdout, proc.stderr, prints)


def _decode(data: bytes | str | None) -> str:
    if data is None:
        return ""
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else data
