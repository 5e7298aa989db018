r"""The ``#>`` output lines of the examples: reading them, and writing them from a real run.

Right after each ``print(...)`` statement an example holds what it prints, one ``#>``
comment per output line (``#>`` alone for an empty line)::

    print(nd.l1_norm(u), nd.l2_norm(u))
    #> 7.0 5.0

Writing them back (``--update``) needs to know which statement printed what: the example
runs with ``print`` traced (:mod:`normdocs_site.runner`), each call is attributed to the
statement that encloses it (a ``print`` inside a loop collects all of its outputs; a
``print`` inside a function defined in the file goes after the statement that called the
function), the old ``#>`` lines are removed and the new ones written after each statement
that printed.

>>> code = 'print("a")\n#> a\nfor i in range(2):\n    print(i)\n    #> 0\n    #> 1\n'
>>> expected_output(code)
['a', '0', '1']
>>> print(rewrite_outputs('for i in range(2):\n    print(i)\n', {2: ["0", "1"]}))
for i in range(2):
    print(i)
    #> 0
    #> 1
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Sequence

from normdocs_site.snippet_syntax import SnippetError

OUTPUT_PREFIX = "#>"


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
                    end_lineno = getattr(child, "end_lineno", None)
                    if isinstance(child, ast.AST) and isinstance(end_lineno, int):
                        header_end = max(header_end, end_lineno)
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
