r"""Check the example files that the pages include, and keep their ``#>`` lines true.

Checking (``--check``, also what ``tests/test_examples.py`` does) runs, each alone
(:func:`normdocs_site.runner.run`):

- the whole file: its stdout must be exactly its ``#>`` lines in order, and the output of
  each ``print`` statement must sit right after that statement;
- every section alone, as a reader who copies that one block would run it (the text
  pymdownx includes): its stdout must be exactly that section's ``#>`` lines.

Output lines are compared with their trailing whitespace removed. Updating (``--update``)
rewrites the ``#>`` lines of a file from its real output (:mod:`normdocs_site.outputs`);
sections run alone are not used to update, ``--check`` afterwards tells whether each still
runs on its own.

Command line (files default to every ``examples/*.py``)::

    python scripts/snippets.py --check [FILE ...]    # exit 1 and a diff for each drifted output
    python scripts/snippets.py --check FILE:SECTION  # that one section, alone
    python scripts/snippets.py --update [FILE ...]   # rewrite the #> lines from the real output
    python scripts/snippets.py --sections [FILE ...] # list the sections of each file
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from normdocs_site.outputs import expected_output, output_lines, printed_after, rewrite_outputs
from normdocs_site.runner import Run, reader_python, run
from normdocs_site.snippet_syntax import SnippetError, example_files, section_code, sections
from normdocs_site.snippet_syntax import label as _label


def updated_text(path: Path) -> tuple[str, Run]:
    """The text of example ``path`` with its ``#>`` lines rewritten from its real output."""
    code = path.read_text(encoding="utf-8")
    result = run(code, name=path.name, trace=True)
    if not result.ok:
        raise SnippetError(result.failure())
    return rewrite_outputs(code, printed_after(code, result.prints, str(path))), result


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


def check_code(
    code: str, label: str, *, name: str = "snippet.py", interpreter: str | None = None
) -> list[str]:
    """Problems with running ``code`` alone (empty if it prints exactly its ``#>`` lines).

    ``interpreter``: run it with that Python instead of the venv's (see :func:`run`)."""
    result = run(code, name=name, interpreter=interpreter)
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
        lines = difflib.unified_diff(
            code.split("\n"),
            new.split("\n"),
            f"{label} (as written)",
            f"{label} (as run)",
            n=1,
            lineterm="",
        )
        body = "\n".join("    " + line for line in lines)
        fix = "run scripts/snippets.py --update to rewrite them"
        problems.append(f"{label}: #> lines differ from the real output ({fix}):\n{body}")
    expected, actual = expected_output(code), output_lines(result.stdout)
    if not problems and expected != actual:
        diff = _diff(expected, actual, label)
        why = "prints in one loop interleave, or print(..., end='') continues another print's line"
        problems.append(f"{label}: stdout differs from the #> lines in file order ({why}):\n{diff}")
    return problems


def check_section(path: Path, name: str) -> list[str]:
    """Problems with one section of ``path`` run alone, as a reader who copied it would: in
    the reader's venv (``.venv-examples``, only ``normdocs[examples]``) when it is set up.
    The site check runs the copied blocks there too, so a block is run once per session."""
    where = next((s for s in sections(path) if s.name == name), None)
    label = f"{_label(path)}:{name}"
    if where is None:
        return [f"{label}: no such section"]
    label += f" (lines {where.start + 1}-{where.end - 1})"
    code = section_code(path, name)
    return check_code(code, label, name=f"{path.stem}-{name}.py", interpreter=reader_python())


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
