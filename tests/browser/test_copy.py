"""The copy button of each included example copies exactly the section of the example file."""

from __future__ import annotations

import difflib

import pytest

from .page_tools import copy_all, load

pytestmark = pytest.mark.browser


@pytest.mark.browser_context_args(permissions=["clipboard-read", "clipboard-write"])
def test_copy_button_copies_exactly_the_included_section(site, page) -> None:
    """For each ``--8<-- "file.py:section"`` of a page, in order, a copy button on the page puts
    exactly that section (dedented) on the clipboard, and every copy button copies its block."""
    problems: list[str] = []
    included_total = 0
    for path in site.pages:
        included = site.included_snippets(path)
        if not included:
            continue
        included_total += len(included)
        load(page, site.url(path), idle=False)
        copies = []
        for i, got in enumerate(copy_all(page)):
            if got["copied"] != got["block"]:
                problems.append(f"/{path}: copy button {i} copied {got['copied'][:60]!r}")
            copies.append(got["copied"])
        # the included sections appear among the copied blocks, in the order of the Markdown
        k = 0
        for spec, text in included:
            while k < len(copies) and copies[k] != text:
                k += 1
            if k == len(copies):
                closest = difflib.get_close_matches(text, copies, n=1, cutoff=0.0)
                diff = "\n".join(
                    difflib.unified_diff(
                        text.splitlines(),
                        closest[0].splitlines() if closest else [],
                        f"{spec} (the file)",
                        "the closest copied block",
                        lineterm="",
                    )
                )
                problems.append(f"/{path}: no copy button copies {spec!r} (in order):\n{diff}")
                k = 0
                continue
            k += 1
    assert included_total, "no page includes an example section (is the syntax still --8<--?)"
    assert not problems, "\n".join(problems)
    print(f"{included_total} included sections matched their copy buttons")
