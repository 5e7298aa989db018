r"""Run the example files that the pages include, and keep their ``#>`` output lines true.

Every page includes its code from ``examples/<slug>.py``, a complete program cut into
sections marked ``# --8<-- [start:name]`` / ``# --8<-- [end:name]`` (``pymdownx.snippets``).
Right after each ``print(...)`` statement the file holds what it prints, one ``#>`` comment
per output line (``#>`` alone for an empty line)::

    print(nd.l1_norm(u), nd.l2_norm(u))
    #> 7.0 5.0

Checking (``--check``, also what ``tests/test_examples.py`` does) runs, each with the venv's
Python under ``-W error`` in a fresh empty temporary directory:

- the whole file: its stdout must be exactly its ``#>`` lines in order, and the output of
  each ``print`` statement must sit right after that statement;
- every section alone, as a reader who copies that one block would run it (dedented, the
  markers removed): its stdout must be exactly that section's ``#>`` lines.

Anything on stderr (a warning, a traceback) is a failure. Output lines are compared with
their trailing whitespace removed. Each run may take ``NORMDOCS_SNIPPET_TIMEOUT`` seconds
(default 300).

Updating (``--update``) rewrites the ``#>`` lines of a file from its real output: the file
runs with ``print`` instrumented, each call is attributed to the statement that encloses it
(a ``print`` inside a loop collects all of its outputs; a ``print`` inside a function defined
in the file goes after the statement that called the function), the old ``#>`` lines are
removed and the new ones written after each statement that printed. Sections run alone are
not used to update; ``--check`` afterwards tells whether each still runs on its own.

Command line (files default to every ``examples/*.py``)::

    python scripts/snippets.py --check [FILE ...]    # exit 1 and a diff for each drifted output
    python scripts/snippets.py --check FILE:SECTION  # that one section, alone
    python scripts/snippets.py --update [FILE ...]   # rewrite the #> lines from the real output
    python scripts/snippets.py --sections [FILE ...] # list the sections of each file

>>> code = 'print("a")\n#> a\nfor i in range(2):\n    print(i)\n    #> 0\n    #> 1\n'
>>> expected_output(code)
['a', '0', '1']
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import difflib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import tokenize
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TIMEOUT = float(os.environ.get("NORMDOCS_SNIPPET_TIMEOUT", "300"))  # seconds, per run

# pymdownx.snippets' own pattern for a section marker (RE_SNIPPET_SECTION), so that what this
# module calls a section is exactly what the pages include.
SECTION_MARKER = re.compile(
    r"""(?xi)
    ^(?P<pre>.*?)
    (?<!;)(?!(?<=-)-)
    (?P<escape>;*)
    (?P<inline_marker>-{1,}8<-{1,}[ \t]+)
    (?P<section>\[[ \t]*(?P<type>start|end)[ \t]*:[ \t]*(?P<name>[a-z][-_0-9a-z]*)[ \t]*\])
    (?P<post>.*?)$
    """
)
OUTPUT_PREFIX = "#>"


class SnippetError(Exception):
    """An example file or section that cannot be read as asked (e.g. a missing section)."""


# ---------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    """A ``[start:name]`` ... ``[end:name]`` region; lines are 1-based, markers excluded."""

    name: str
    start: int  # line of the start marker
    end: int  # line of the end marker


def _marker(line: str) -> re.Match[str] | None:
    m = SECTION_MARKER.match(line) if "8<-" in line else None
    return None if m is None or m.group("escape") else m


def sections(source: str | Path) -> list[Section]:
    r"""The sections of an example (a path or its text), in the order they start.

    >>> [s.name for s in sections("# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n")]
    ['a']
    """
    lines = _text(source).split("\n")
    starts: dict[str, int] = {}
    found: list[Section] = []
    for number, line in enumerate(lines, 1):
        m = _marker(line)
        if m is None:
            continue
        name = m.group("name")
        if m.group("type").lower() == "start":
            if name in starts or any(s.name == name for s in found):
                raise SnippetError(f"{_label(source)}:{number}: section {name!r} starts twice")
            starts[name] = number
        elif name not in starts:
            raise SnippetError(f"{_label(source)}:{number}: section {name!r} ends before it starts")
        else:
            found.append(Section(name, starts.pop(name), number))
    if starts:
        name, number = next(iter(starts.items()))
        raise SnippetError(f"{_label(source)}:{number}: section {name!r} has no end marker")
    return sorted(found, key=lambda s: s.start)


def section_code(source: str | Path, name: str) -> str:
    """The code of section ``name`` as a page shows it: other markers removed, dedented.

    Mirrors ``pymdownx.snippets`` with ``dedent_subsections: true``.
    """
    lines = _text(source).split("\n")
    for s in sections(source):
        if s.name == name:
            body = [line for line in lines[s.start : s.end - 1] if _marker(line) is None]
            return textwrap.dedent("\n".join(body)).strip("\n") + "\n"
    raise SnippetError(f"{_label(source)}: no section {name!r}")


def all_sections(files: Iterable[Path] | None = None) -> list[tuple[Path, Section]]:
    """``(file, section)`` for every section of every example file."""
    return [(f, s) for f in (example_files() if files is None else files) for s in sections(f)]


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.py"))


# ---------------------------------------------------------------------- expected output


def _output_comments(code: str) -> list[tuple[int, str, str]]:
    """``(line, indentation, text)`` of each ``#>`` comment that stands on its own line."""
    found = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        tokens = []
        for number, line in enumerate(code.splitlines(), 1):  # not Python: line by line
            if line.lstrip().startswith("#"):
                col = len(line) - len(line.lstrip())
                tokens.append(
                    tokenize.TokenInfo(
                        tokenize.COMMENT, line.strip(), (number, col), (number, len(line)), line
                    )
                )
    for tok in tokens:
        if tok.type != tokenize.COMMENT or not tok.string.startswith(OUTPUT_PREFIX):
            continue
        if tok.line[: tok.start[1]].strip():
            continue  # a trailing comment after code, not an output line
        text = tok.string[len(OUTPUT_PREFIX) :]
        text = text[1:] if text.startswith(" ") else text
        found.append((tok.start[0], tok.line[: tok.start[1]], text.rstrip()))
    return found


def expected_output(code: str) -> list[str]:
    """The ``#>`` lines of a piece of code, without the ``#> `` prefix, in order."""
    return [text for _, _, text in _output_comments(code)]


def output_lines(stdout: str) -> list[str]:
    """Printed text as the lines a ``#>`` comment can hold (trailing whitespace removed)."""
    return [line.rstrip() for line in stdout.splitlines()]


def comment_lines(output: Sequence[str], indent: str = "") -> list[str]:
    return [
        f"{indent}{OUTPUT_PREFIX} {line}" if line else f"{indent}{OUTPUT_PREFIX}" for line in output
    ]


# --------------------------------------------------------------------------- running


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
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


_TRACER = r"""
import builtins, io, json, os, runpy, sys

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
sys.path[0] = os.path.dirname(target)
try:
    runpy.run_path(target, run_name="__main__")
finally:
    builtins.print = _print
    sys.stdout.flush()
    with open(record, "w", encoding="utf-8") as f:
        json.dump(prints, f)
"""


def run(
    code: str, *, name: str = "snippet.py", trace: bool = False, timeout: float = TIMEOUT
) -> Run:
    """Run ``code`` with the venv's Python (``-W error``) in a fresh empty directory.

    The code is written to ``name`` in a separate temporary directory, so tracebacks name the
    example file. With ``trace``, each ``print`` call is recorded with the line of the statement
    being run at the top level of ``code`` (see ``--update``).

    Results are remembered for the life of the process, keyed by the code: the site check and
    the example tests run the same blocks once per test session.
    """
    key = (code, trace, timeout)
    if key not in _RUNS:
        _RUNS[key] = _run(code, name=name, trace=trace, timeout=timeout)
    return dataclasses.replace(_RUNS[key], label=name)


_RUNS: dict[tuple[str, bool, float], Run] = {}


def _run(code: str, *, name: str, trace: bool, timeout: float) -> Run:
    with tempfile.TemporaryDirectory(prefix="normdocs-snippet-") as tmp:
        src_dir, cwd = Path(tmp, "src"), Path(tmp, "cwd")
        src_dir.mkdir()
        cwd.mkdir()
        target = src_dir / Path(name).name
        target.write_text(code, encoding="utf-8")
        cmd = [python(), "-W", "error"]
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


# ----------------------------------------------------------------- attribute and update


def _statement_ends(code: str) -> dict[int, tuple[int, str]]:
    """For each line, ``(end line, indentation)`` of the statement whose output goes after it.

    The innermost simple statement holding the line; for a line in the header of a compound
    statement (``for``, ``with``, ``if``, ...), the end of that header.
    """
    tree = ast.parse(code)
    lines = code.split("\n")
    spans: list[tuple[int, int, int, str]] = []  # (first, last, end, indent)
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        indent = lines[node.lineno - 1][: node.col_offset]
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            header_end = node.lineno
            for name, value in ast.iter_fields(node):
                if name in ("body", "orelse", "finalbody", "handlers", "cases", "decorator_list"):
                    continue
                for child in value if isinstance(value, list) else [value]:
                    if isinstance(child, ast.AST) and getattr(child, "end_lineno", None):
                        header_end = max(header_end, child.end_lineno)  # type: ignore[arg-type]
            inner = lines[body[0].lineno - 1][: body[0].col_offset]
            spans.append((node.lineno, header_end, header_end, inner))
        else:
            spans.append(
                (
                    node.lineno,
                    node.end_lineno or node.lineno,
                    node.end_lineno or node.lineno,
                    indent,
                )
            )
    result: dict[int, tuple[int, str]] = {}
    for first, last, end, indent in sorted(spans, key=lambda s: s[0] - s[1]):  # widest first
        for line in range(first, last + 1):
            result[line] = (end, indent)  # narrower spans overwrite wider ones
    return result


def printed_after(
    code: str, prints: Sequence[tuple[int | None, str]], label: str = "<code>"
) -> dict[int, list[str]]:
    """Group recorded prints by the line after which their output belongs."""
    ends = _statement_ends(code)
    grouped: dict[int, str] = {}
    for line, text in prints:
        if line is None or line not in ends:
            raise SnippetError(f"{label}: cannot tell which statement printed {text!r}")
        end = ends[line][0]
        grouped[end] = grouped.get(end, "") + text
    return {end: output_lines(text) for end, text in grouped.items()}


def rewrite_outputs(code: str, after: dict[int, list[str]]) -> str:
    """``code`` with its ``#>`` lines replaced: ``after[line]`` is written after ``line``."""
    lines = code.split("\n")
    old = {number: indent for number, indent, _ in _output_comments(code)}
    ends = _statement_ends(code)
    statement_indent = {end: indent for end, indent in ends.values()}
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        if number in old:
            continue
        out.append(line)
        if number in after:
            indent = old.get(number + 1, statement_indent.get(number, ""))
            out.extend(comment_lines(after[number], indent))
    return "\n".join(out)


def updated_text(path: Path) -> tuple[str, Run]:
    """The text of example ``path`` with its ``#>`` lines rewritten from its real output."""
    code = path.read_text(encoding="utf-8")
    result = run(code, name=path.name, trace=True)
    if not result.ok:
        raise SnippetError(result.failure())
    return rewrite_outputs(code, printed_after(code, result.prints, str(path))), result


# ------------------------------------------------------------------------------ check


def _diff(expected: Sequence[str], actual: Sequence[str], label: str) -> str:
    lines = difflib.unified_diff(
        list(expected),
        list(actual),
        f"{label} (#> lines)",
        f"{label} (real stdout)",
        n=1,
        lineterm="",
    )
    return "\n".join("    " + line for line in lines)


def check_code(code: str, label: str, *, name: str = "snippet.py") -> list[str]:
    """Problems with running ``code`` alone (empty if it prints exactly its ``#>`` lines)."""
    result = run(code, name=name)
    if not result.ok:
        return [result.failure(label)]
    expected, actual = expected_output(code), output_lines(result.stdout)
    if expected != actual:
        return [
            f"{label}: printed output differs from its #> lines:\n{_diff(expected, actual, label)}"
        ]
    return []


def check_file(path: Path) -> list[str]:
    """Problems with the whole example file run as one program."""
    label = _label(path)
    code = path.read_text(encoding="utf-8")
    try:
        new, result = updated_text(path)
    except SnippetError as exc:
        return [str(exc)]
    problems = []
    if new != code:
        diff = difflib.unified_diff(
            code.split("\n"),
            new.split("\n"),
            f"{label} (as written)",
            f"{label} (as run)",
            n=1,
            lineterm="",
        )
        body = "\n".join("    " + line for line in diff)
        fix = "run scripts/snippets.py --update to rewrite them"
        problems.append(f"{label}: #> lines differ from the real output ({fix}):\n{body}")
    expected, actual = expected_output(code), output_lines(result.stdout)
    if not problems and expected != actual:
        diff = _diff(expected, actual, label)
        why = "prints in one loop interleave, or print(..., end='') continues another print's line"
        problems.append(f"{label}: stdout differs from the #> lines in file order ({why}):\n{diff}")
    return problems


def check_section(path: Path, name: str) -> list[str]:
    """Problems with one section of ``path`` run alone."""
    where = next((s for s in sections(path) if s.name == name), None)
    label = f"{_label(path)}:{name}"
    if where is None:
        return [f"{label}: no such section"]
    label += f" (lines {where.start + 1}-{where.end - 1})"
    return check_code(section_code(path, name), label, name=f"{path.stem}-{name}.py")


def check(
    files: Sequence[Path], workers: int | None = None, only: dict[Path, str] | None = None
) -> list[str]:
    """Every problem with the files, each run as a whole and section by section.

    ``only`` maps a file to the one section to check (neither the whole file nor the others).
    """
    jobs: list[tuple[Path, str | None]] = []
    problems: list[str] = []
    for f in files:
        if only and f in only:
            jobs.append((f, only[f]))
            continue
        jobs.append((f, None))
        try:
            jobs += [(f, s.name) for s in sections(f)]
        except SnippetError as exc:
            problems.append(str(exc))
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        results = pool.map(
            lambda job: check_file(job[0]) if job[1] is None else check_section(*job), jobs
        )
        for found in results:
            problems += found
    return problems


# ------------------------------------------------------------------------ the pages


# pymdownx.snippets' notation: `--8<-- "path"` on its own line, or a block of paths
# between two lines that hold only `--8<--`.
INLINE_INCLUDE = re.compile(
    r"""^(?P<space>[ \t]*)(?P<escape>;*)-{1,}8<-{1,}[ \t]+"""
    r"""(?P<q>["'])(?P<target>(?:\\.|(?!(?P=q)).)+?)(?P=q)\r?$"""  # no trailing blank, as there
)
BLOCK_INCLUDE = re.compile(r"^[ \t]*(?P<escape>;*)-{1,}8<-{1,}[ \t]*\r?$")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
TARGET = re.compile(r"(?i)^(?P<path>.+?)(?::(?P<section>[a-z][-_0-9a-z]*))?$")


@dataclass(frozen=True)
class Include:
    """One ``--8<--`` include in a page."""

    page: Path
    line: int
    target: str  # as written: "file.py:section"

    @property
    def file(self) -> str:
        m = TARGET.match(self.target)
        return m["path"] if m else self.target

    @property
    def section(self) -> str | None:
        m = TARGET.match(self.target)
        return m["section"] if m else None

    def __str__(self) -> str:
        return f"{_label(self.page)}:{self.line}: --8<-- {self.target!r}"


def includes(page: Path) -> list[Include]:
    """Every ``--8<--`` include of a Markdown page (inline and block notation)."""
    found = []
    in_block = False
    for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
        if m := INLINE_INCLUDE.match(line):
            if not m["escape"]:
                found.append(Include(page, number, m["target"].strip()))
        elif m := BLOCK_INCLUDE.match(line):
            in_block = not in_block if not m["escape"] else in_block
        elif in_block and line.strip() and not line.strip().startswith(";"):
            found.append(Include(page, number, line.strip()))
    return found


@dataclass(frozen=True)
class Fence:
    """A fenced code block of a Markdown page."""

    page: Path
    line: int  # of the opening fence
    language: str
    body: list[str]

    def __str__(self) -> str:
        return f"{_label(self.page)}:{self.line}: {self.language or 'plain'} block"


def fences(page: Path) -> list[Fence]:
    """The fenced code blocks of a Markdown page (backticks or tildes, at any indentation)."""
    found = []
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        info = m["info"].strip().lstrip("{").strip()
        language = info.split()[0].lstrip(".").rstrip("}").lower() if info else ""
        close = re.compile(rf"^[ \t]*{re.escape(m['fence'][0])}{{{len(m['fence'])},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), len(lines))
        found.append(Fence(page, i + 1, language, lines[i + 1 : end]))
        i = end + 1
    return found


def only_includes(fence: Fence) -> bool:
    """Whether a code block holds nothing but ``--8<--`` includes (and blank lines)."""
    in_block = False
    has_include = False
    for line in fence.body:
        if INLINE_INCLUDE.match(line):
            has_include = True
        elif BLOCK_INCLUDE.match(line):
            in_block = not in_block
        elif in_block and line.strip():
            has_include = True
        elif line.strip():
            return False
    return has_include


# ------------------------------------------------------------------------------ helpers


def _text(source: str | Path) -> str:
    return source.read_text(encoding="utf-8") if isinstance(source, Path) else source


def _label(source: str | Path) -> str:
    if not isinstance(source, Path):
        return "<code>"
    try:
        return source.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(source)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check or rewrite the #> output lines of the example files.",
        epilog="FILES default to every examples/*.py.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="run each file and each section alone")
    mode.add_argument(
        "--update", action="store_true", help="rewrite the #> lines from the real output"
    )
    mode.add_argument("--sections", action="store_true", help="list the sections of each file")
    parser.add_argument("files", nargs="*", metavar="FILE[:SECTION]")
    args = parser.parse_args(argv)
    files, only = [], {}
    for arg in args.files:
        path, _, section = arg.partition(":") if not Path(arg).is_file() else (arg, "", "")
        files.append(Path(path))
        if section:
            only[Path(path)] = section
    files = files or example_files()
    if missing := [f for f in files if not f.is_file()]:
        parser.error(f"no such file: {', '.join(map(str, missing))}")
    if only and not args.check:
        parser.error("FILE:SECTION is for --check only")
    if args.sections:
        try:
            for f in files:
                for s in sections(f):
                    print(f"{_label(f)}:{s.name}  (lines {s.start + 1}-{s.end - 1})")
        except SnippetError as exc:
            print(exc, file=sys.stderr)
            return 1
        return 0
    if args.update:
        status = 0
        for f in files:
            try:
                new, _ = updated_text(f)
            except SnippetError as exc:
                print(exc, file=sys.stderr)
                status = 1
                continue
            if new != f.read_text(encoding="utf-8"):
                f.write_text(new, encoding="utf-8")
                print(f"updated {_label(f)}")
            else:
                print(f"unchanged {_label(f)}")
        return status
    problems = check(files, only=only)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
