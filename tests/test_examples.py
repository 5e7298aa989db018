"""The example files that the pages include: they run, and print what they say they print.

For every ``examples/<slug>.py``: the whole file run gives exactly its ``#>`` lines, each right
after the statement that prints it; every section run alone in an empty directory (as a reader
who copies that block would) gives exactly its own ``#>`` lines. For the pages: every
``--8<--`` include names an existing file and section, every section is included somewhere,
and every Python block of a page holds only includes, no code typed into Markdown.

The runs go through :mod:`normdocs_site.examples` (``scripts/snippets.py --check`` is the same
check on the command line, ``--update`` rewrites drifted ``#>`` lines) and run in parallel; the
snippet syntax is read by :mod:`normdocs_site.snippet_syntax` (pymdownx's own parser).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import markdown
import pytest

from normdocs_site import examples, pages, snippet_syntax
from normdocs_site.paths import EXAMPLES, ROOT

PAGES = pages.markdown_pages()
FILES = snippet_syntax.example_files()


def _sections() -> list[tuple[Path, str]]:
    found = []
    for f in FILES:
        # test_section_markers_pair_up reports a bad file
        with contextlib.suppress(snippet_syntax.SnippetError):
            found += [(f, s.name) for s in snippet_syntax.sections(f)]
    return found


SECTIONS = _sections()
INCLUDES = [inc for page in PAGES for inc in snippet_syntax.includes(page)]
FENCES = [fence for page in PAGES for fence in pages.fences(page)]
PYTHON_FENCES = [f for f in FENCES if f.language in pages.PYTHON]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# ------------------------------------------------------------------------- the runs


def _run_job(job: tuple[str, ...]) -> list[str]:
    kind, rel, *rest = job
    path = ROOT / rel
    return examples.check_file(path) if kind == "file" else examples.check_section(path, rest[0])


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest) -> Iterator[dict[tuple[str, ...], Future[list[str]]]]:
    """Start every selected run at once (in parallel); each test waits for its own."""
    jobs = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if (
            callspec is not None
            and item.module is sys.modules[__name__]
            and "job" in callspec.params
        ):
            jobs.append(callspec.params["job"])
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    yield {job: pool.submit(_run_job, job) for job in dict.fromkeys(jobs)}
    pool.shutdown(cancel_futures=True)


@pytest.mark.parametrize("job", [("file", _rel(f)) for f in FILES], ids=[f.name for f in FILES])
def test_whole_file_prints_its_output_lines(
    job: tuple[str, ...], runs: dict[tuple[str, ...], Future[list[str]]]
) -> None:
    problems = runs[job].result()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "job",
    [("section", _rel(f), name) for f, name in SECTIONS],
    ids=[f"{f.name}:{name}" for f, name in SECTIONS],
)
def test_section_alone_prints_its_output_lines(
    job: tuple[str, ...], runs: dict[tuple[str, ...], Future[list[str]]]
) -> None:
    problems = runs[job].result()
    assert not problems, "\n".join(problems)


# -------------------------------------------------------------------- static checks


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_section_markers_pair_up(path: Path) -> None:
    found = snippet_syntax.sections(path)  # raises SnippetError naming the line
    assert found, f"{_rel(path)} has no section: a page can include nothing from it"


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_example_has_a_page_of_its_slug(path: Path) -> None:
    pages = [p for p in PAGES if p.stem == path.stem]
    assert pages, f"{_rel(path)}: no page docs/**/{path.stem}.md (one example file per page slug)"


@pytest.mark.parametrize("inc", INCLUDES, ids=[f"{_rel(i.page)}:{i.line}" for i in INCLUDES])
def test_include_names_an_existing_section(inc: snippet_syntax.Include) -> None:
    target = EXAMPLES / inc.file
    assert target.is_file(), f"{inc}: no file examples/{inc.file}"
    assert inc.section, f"{inc}: include a named section ('{inc.file}:<name>'), not a whole file"
    names = [s.name for s in snippet_syntax.sections(target)]
    assert inc.section in names, (
        f"{inc}: examples/{inc.file} has no section {inc.section!r}; it has {names}"
    )


@pytest.mark.parametrize("inc", INCLUDES, ids=[f"{_rel(i.page)}:{i.line}" for i in INCLUDES])
def test_page_includes_its_own_example(inc: snippet_syntax.Include) -> None:
    assert Path(inc.file).stem == pages.slug(inc.page), (
        f"{inc}: page {inc.page.name!r} includes another page's example; "
        f"its code belongs in examples/{pages.slug(inc.page)}.py"
    )


@pytest.mark.parametrize("section", SECTIONS, ids=[f"{f.name}:{name}" for f, name in SECTIONS])
def test_every_section_is_included(section: tuple[Path, str]) -> None:
    path, name = section
    used = {(inc.file, inc.section) for inc in INCLUDES}
    assert (path.name, name) in used, f"{_rel(path)}:{name} is included by no page (dead example)"


@pytest.mark.parametrize(
    "fence", PYTHON_FENCES, ids=[f"{_rel(f.page)}:{f.line}" for f in PYTHON_FENCES]
)
def test_python_block_holds_only_includes(fence: pages.Fence) -> None:
    body = "\n".join(fence.body)
    assert pages.only_includes(fence), (
        f"{fence}: code typed into Markdown is never run; put it in a section of "
        f"examples/{pages.slug(fence.page)}.py and include it with --8<--:\n{body}"
    )


def test_the_pages_have_examples() -> None:
    """The parametrized tests above are not vacuous."""
    assert FILES and SECTIONS and INCLUDES and PYTHON_FENCES


# ------------------------------------------------------------------ the tool itself


SAMPLE = '''\
"""A sample example."""

# --8<-- [start:first]
print("hello")
#> stale
for i in range(3):
    print(i * i)
# --8<-- [end:first]

# --8<-- [start:second]
def show(x):
    print("show", x)
    print()


show(
    5,
)
text = "a\\n\\nb"
print(text)
#> a
# --8<-- [end:second]
'''

UPDATED = '''\
"""A sample example."""

# --8<-- [start:first]
print("hello")
#> hello
for i in range(3):
    print(i * i)
    #> 0
    #> 1
    #> 4
# --8<-- [end:first]

# --8<-- [start:second]
def show(x):
    print("show", x)
    print()


show(
    5,
)
#> show 5
#>
text = "a\\n\\nb"
print(text)
#> a
#>
#> b
# --8<-- [end:second]
'''


def test_update_rewrites_output_lines_and_check_agrees(tmp_path: Path) -> None:
    path = tmp_path / "sample.py"
    path.write_text(SAMPLE, encoding="utf-8")
    assert examples.check_file(path), "a stale #> line went unnoticed"
    assert examples.main(["--update", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == UPDATED
    assert examples.check_file(path) == []
    assert examples.check_section(path, "first") == []
    assert examples.check_section(path, "second") == []
    assert examples.main(["--update", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == UPDATED, "--update is not idempotent"


def test_check_names_the_drifted_line(tmp_path: Path) -> None:
    path = tmp_path / "drift.py"
    path.write_text(UPDATED.replace("#> 4", "#> 5"), encoding="utf-8")
    (problem,) = examples.check_file(path)
    assert "drift.py" in problem and "-    #> 5" in problem and "+    #> 4" in problem
    (problem,) = examples.check_section(path, "first")
    assert "drift.py:first (lines 4-10)" in problem and "-5" in problem and "+4" in problem
    assert examples.main(["--check", f"{path}:first"]) == 1
    assert examples.main(["--check", f"{path}:second"]) == 0


def test_section_code_is_what_the_page_shows() -> None:
    code = (
        "# --8<-- [start:outer]\n"
        "if True:\n"
        "    # --8<-- [start:inner]\n"
        "    x = 1\n"
        "    print(x)\n"
        "    #> 1\n"
        "    # --8<-- [end:inner]\n"
        "# --8<-- [end:outer]\n"
    )
    assert snippet_syntax.section_code(code, "inner") == "x = 1\nprint(x)\n#> 1\n"
    outer = "if True:\n    x = 1\n    print(x)\n    #> 1\n"
    assert snippet_syntax.section_code(code, "outer") == outer
    with pytest.raises(snippet_syntax.SnippetError, match="no section 'missing'"):
        snippet_syntax.section_code(code, "missing")


@pytest.mark.parametrize("section", SECTIONS, ids=[f"{f.name}:{name}" for f, name in SECTIONS])
def test_section_code_matches_pymdownx_snippets(section: tuple[Path, str]) -> None:
    """What the runs run is what the page shows: pymdownx.snippets' own extraction."""
    path, name = section
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(path.parent)],
                "check_paths": True,
                "dedent_subsections": True,
            }
        },
    )
    shown = md.preprocessors["snippet"].run([f'--8<-- "{path.name}:{name}"'])
    assert snippet_syntax.section_code(path, name) == "\n".join(shown).strip("\n") + "\n"


def test_a_run_that_warns_or_raises_fails(tmp_path: Path) -> None:
    (problem,) = examples.check_code("import warnings\nwarnings.warn('careful')\n", "w")
    assert "UserWarning: careful" in problem
    (problem,) = examples.check_code("print(1)\n#> 1\nraise SystemExit(3)\n", "x")
    assert "exited with status 3" in problem
    (problem,) = examples.check_code("import os\nprint(os.listdir('.'))\n#> ['x']\n", "cwd")
    assert "+[]" in problem, "the code does not run in an empty directory"
