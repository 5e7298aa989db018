"""Fault injection: each way the site can lie must fail the build or the checks, by name.

Each fault gets its own copy of the site's sources (``mkdocs.yml``, ``docs/``, ``examples/``,
``scripts/``, ``src/``, and a symlink to ``node_modules``) in a temporary directory; the fault
is injected into the copy, and the test asserts that ``mkdocs build --strict`` of the copy,
``scripts/check_site.py`` on what it built, or ``scripts/snippets.py --check`` fails with a
message that points at the fault (the file and the offending section, formula, anchor or
host). A control build of the unmodified copy must pass, and the real tree is never written
to (the last test checks that no injected text reached it).

The builds run in parallel once the control has built, and share one notebook cache (each
copy's ``.cache/mkdocs-jupyter`` is a symlink to it), so only a changed notebook is executed.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from repo_copy import COPIED, copy_sources

import normdocs
from normdocs_site import check_site, snippet_syntax
from normdocs_site.build import Build, build_site
from normdocs_site.config import site_config
from normdocs_site.paths import ROOT

pytestmark = pytest.mark.site


class Copy:
    """A copy of the site's sources, to break."""

    def __init__(self, root: Path, notebook_cache: Path) -> None:
        self.root = copy_sources(root)
        self.notebook_cache = notebook_cache
        self._checked: dict[tuple[str, ...], subprocess.CompletedProcess[str]] = {}
        (root / ".cache").mkdir()
        (root / ".cache" / "mkdocs-jupyter").symlink_to(notebook_cache)

    def edit(self, rel: str, change: Callable[[str], str]) -> None:
        """Apply ``change`` to the text of file ``rel``; it must change something."""
        path = self.root / rel
        old = path.read_text(encoding="utf-8")
        new = change(old)
        assert new != old, f"the fault could not be injected into {rel}"
        path.write_text(new, encoding="utf-8")

    def own_notebook_cache(self) -> None:
        """A build that succeeds with a changed notebook evicts the other entries of its cache:
        give it a copy of the shared cache."""
        own = self.root / ".cache" / "mkdocs-jupyter"
        own.unlink()
        shutil.copytree(self.notebook_cache, own)

    def notebook(self) -> str:
        notebooks = sorted((self.root / "docs" / "notebooks").glob("*.md"))
        found = [nb for nb in notebooks if not nb.name.endswith(".zh.md")]  # English ones
        assert found, "cannot inject the fault: no notebook"
        return found[0].relative_to(self.root).as_posix()

    def build(self) -> Build:
        """``mkdocs build --strict`` of the copy, with the (shared) notebook cache."""
        config = self.root / "mkdocs.yml"
        return build_site(self.root / "site", config=config, cwd=self.root, notebook_cache=True)

    def check_site_cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``scripts/check_site.py site`` of the copy (run once per set of arguments)."""
        if args not in self._checked:
            cmd = [sys.executable, "scripts/check_site.py", "site", *args]
            self._checked[args] = subprocess.run(
                cmd, cwd=self.root, capture_output=True, text=True, timeout=900
            )
        return self._checked[args]


# strings that only the injections write: none may ever appear in the real tree
MARKERS = ["renamed-away", "(drifted)", "injected fault in a cell", "injectedbadmacro"]
MARKERS += ["no-such-heading", "no-such-cell-heading", "cdn.example.com", "fonts.example.org"]
MARKERS += ["After the box: $", "live:no-such-figure"]


def _markers_in_real_tree() -> list[str]:
    found = []
    for name in COPIED:
        top = ROOT / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file() and path.suffix in {".md", ".py", ".yml", ".css", ".mjs", ".json"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                rel = path.relative_to(ROOT).as_posix()
                found += [f"{rel}: {m!r}" for m in MARKERS if m in text]
    return found


def _tail(build: Build) -> str:
    return "\n".join(build.output.splitlines()[-30:])


def _assert_fails(result: Build, *needles: str) -> None:
    assert result.returncode != 0, f"the build passed despite the fault:\n{_tail(result)}"
    for needle in needles:
        assert needle in result.output, f"the failure does not name {needle!r}:\n{_tail(result)}"


def _pages() -> list[Path]:
    """The pages, the L1/L2 page first (the faults go there when they can)."""
    return sorted((ROOT / "docs").rglob("*.md"), key=lambda p: (p.name != "l1-l2-norms.md", p))


def _page_with_includes() -> tuple[str, snippet_syntax.Include]:
    for page in _pages():
        found = [i for i in snippet_syntax.includes(page) if i.section]
        if found:
            return page.relative_to(ROOT).as_posix(), found[0]
    raise AssertionError("cannot inject the fault: no page includes a section")


def _reference_pages() -> dict[str, str]:
    """The English API reference page (``reference/<topic>.md``) that shows each public name
    (the English build, which fails first, names it)."""
    pages = {}
    reference = sorted((ROOT / "docs" / "reference").glob("*.md"))
    for page in [p for p in reference if not p.name.endswith(".zh.md")]:
        text = page.read_text(encoding="utf-8")
        for name in re.findall(r"^:::\s*normdocs\.(\w+)$", text, re.MULTILINE):
            pages[name] = page.relative_to(ROOT / "docs").as_posix()
    return pages


def _public_raw_docstring(contains: str) -> tuple[str, str, int]:
    """``(file, name, offset of its r prefix)`` of a raw docstring shown in the API reference."""
    shown = _reference_pages()
    for path in sorted((ROOT / "src" / "normdocs").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        starts = [0]
        for line in text.split("\n"):
            starts.append(starts[-1] + len(line) + 1)
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.name not in shown:
                continue
            public = getattr(normdocs, node.name, None)  # the one shown as normdocs.<name>
            if getattr(public, "__module__", None) != f"normdocs.{path.stem}":
                continue  # e.g. normdocs.distributed.vector_norm, not normdocs.vector_norm
            doc = node.body[0]
            if isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant):
                at = starts[doc.lineno - 1] + doc.col_offset
                if text.startswith('r"""', at) and contains in str(doc.value.value):
                    return path.relative_to(ROOT).as_posix(), node.name, at
    raise AssertionError(f"cannot inject the fault: no raw API docstring holding {contains!r}")


# ------------------------------------------------------------------ the injections

FAULTS: dict[str, Callable[[Copy], None]] = {}
# faults the build passes (the checks after it catch them): injected together into one copy
AFTER_BUILD = {
    "drifted_output_line",
    "broken_anchor_into_a_notebook_page",
    "load_from_another_host",
    "math_that_escapes_rendering",
}


def fault(inject: Callable[[Copy], None]) -> Callable[[Copy], None]:
    """Register the injection of the fault that ``test_<its name>`` checks."""
    FAULTS[inject.__name__] = inject
    return inject


@fault
def missing_snippet_section(copy: Copy) -> None:
    """The example loses the section a page includes (its markers are renamed)."""
    _, inc = _page_with_includes()
    copy.edit(f"examples/{inc.file}", lambda t: t.replace(f":{inc.section}]", ":renamed-away]"))


def _drift() -> tuple[str, str, int, str]:
    """``(page, example:section, line index, drifted line)`` for the first ``#>`` line of a
    section that a page includes."""
    for page in _pages():
        for inc in snippet_syntax.includes(page):
            example = ROOT / "examples" / inc.file
            sections = snippet_syntax.sections(example)
            section = next((s for s in sections if s.name == inc.section), None)
            if section is None:
                continue
            lines = example.read_text(encoding="utf-8").split("\n")
            for n in range(section.start, section.end - 1):
                if lines[n].lstrip().startswith("#> "):
                    where = f"examples/{inc.file}:{inc.section}"
                    return page.relative_to(ROOT).as_posix(), where, n, lines[n] + " (drifted)"
    raise AssertionError("cannot inject the fault: no included section has a #> line")


@fault
def drifted_output_line(copy: Copy) -> None:
    _, where, number, drifted = _drift()

    def drift(text: str) -> str:
        lines = text.split("\n")
        lines[number] = drifted
        return "\n".join(lines)

    copy.edit(where.split(":")[0], drift)


@fault
def notebook_cell_that_raises(copy: Copy) -> None:
    cell = '\n```python\nraise RuntimeError("injected fault in a cell")\n```\n'
    copy.edit(copy.notebook(), lambda t: t + cell)


@fault
def invalid_latex_in_a_page(copy: Copy) -> None:
    bad = "\n\nBroken: $\\lVert x \\injectedbadmacro_1$.\n"
    copy.edit("docs/norms/l1-l2-norms.md", lambda t: t + bad)


@fault
def invalid_latex_in_a_docstring(copy: Copy) -> None:
    """mkdocstrings must read the copy's src (``paths: [src]``, relative to mkdocs.yml)."""
    rel, _, at = _public_raw_docstring("$")
    dollar = (copy.root / rel).read_text(encoding="utf-8").index("$", at)
    copy.edit(rel, lambda t: t[:dollar] + "$\\injectedbadmacro$ " + t[dollar:])


@fault
def docstring_that_is_not_raw(copy: Copy) -> None:
    r"""``"\rVert"`` in a plain string is a carriage return and ``Vert``."""
    rel, _, at = _public_raw_docstring("\\rVert")
    copy.edit(rel, lambda t: t[:at] + t[at + 1 :])  # drop the r prefix


@fault
def broken_anchor_into_a_page(copy: Copy) -> None:
    link = "\n\nSee [x](l1-l2-norms.md#no-such-heading).\n"
    copy.edit("docs/norms/l1-l2-norms.md", lambda t: t + link)


@fault
def broken_anchor_into_a_notebook_page(copy: Copy) -> None:
    notebook = Path(copy.notebook()).name
    link = f"\n\nSee [y](../notebooks/{notebook}#no-such-cell-heading).\n"
    copy.edit("docs/norms/l1-l2-norms.md", lambda t: t + link)


@fault
def page_without_its_twin(copy: Copy) -> None:
    (copy.root / "docs" / "guides" / "cheat-sheet.zh.md").unlink()


@fault
def live_figure_without_its_script(copy: Copy) -> None:
    """A page (and its twin) asks for an interactive figure that has no script."""
    marker = "\n\n<!-- live:no-such-figure -->\n"
    for page in ("docs/index.md", "docs/index.zh.md"):
        copy.edit(page, lambda t: t + marker)


@fault
def load_from_another_host(copy: Copy) -> None:
    script = '\n\n<script src="https://cdn.example.com/x.js"></script>\n'
    copy.edit("docs/norms/l1-l2-norms.md", lambda t: t + script)
    css = '@import url("https://fonts.example.org/css?family=Roboto");\n'
    copy.edit("docs/assets/normdocs.css", lambda t: css + t)


@fault
def math_that_escapes_rendering(copy: Copy) -> None:
    raw = '\n\n<div class="nd-box">Raw: $\\lVert x \\rVert_1$ and \\(y\\).</div>\n'
    copy.edit("docs/norms/l1-l2-norms.md", lambda t: t + raw)
    cell = "\n<div>a box</div>\n\nAfter the box: $\\lVert A \\rVert_F$.\n"
    copy.edit(copy.notebook(), lambda t: t + cell)
    copy.own_notebook_cache()


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def real_tree_before() -> list[str]:
    found = _markers_in_real_tree()
    assert not found, f"the real tree already holds injected faults: {found}"
    return found


@pytest.fixture(scope="module")
def notebook_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("notebook-cache")


@pytest.fixture(scope="module")
def baseline(
    tmp_path_factory: pytest.TempPathFactory, notebook_cache: Path, real_tree_before: list[str]
) -> Build:
    """The unbroken copy, built first and alone (it fills the shared notebook cache)."""
    return Copy(tmp_path_factory.mktemp("baseline") / "copy", notebook_cache).build()


@pytest.fixture(scope="module")
def broken(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    notebook_cache: Path,
    baseline: Build,
) -> Iterator[Callable[[str], tuple[Copy, Build]]]:
    """Build every selected fault's copy in parallel; ``broken(name)`` waits for one.

    Each fault that fails the build gets a copy of its own; those in ``AFTER_BUILD`` share one.
    """
    groups: dict[str, list[str]] = {}
    for item in request.session.items:
        name = getattr(item, "originalname", "").removeprefix("test_")
        if getattr(item, "module", None) is sys.modules[__name__] and name in FAULTS:
            groups.setdefault("after-build" if name in AFTER_BUILD else name, []).append(name)

    def job(group: str, names: list[str]) -> tuple[Copy, Build]:
        copy = Copy(tmp_path_factory.mktemp(group) / "copy", notebook_cache)
        for name in names:
            FAULTS[name](copy)
        return copy, copy.build()

    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    futures: dict[str, Future[tuple[Copy, Build]]] = {}
    for group, names in groups.items():
        future = pool.submit(job, group, names)
        futures.update(dict.fromkeys(names, future))
    yield lambda name: futures[name].result()
    pool.shutdown(cancel_futures=True)


# --------------------------------------------------------------------------- tests


def test_unbroken_copy_builds_and_checks_clean(baseline: Build) -> None:
    """The control: without a fault, the copy builds and passes the site check."""
    assert baseline.returncode == 0, f"the unmodified copy does not build:\n{_tail(baseline)}"
    report = check_site.check_site(baseline.site)
    assert not report.problems, "\n".join(report.problems)


def test_missing_snippet_section(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    page, inc = _page_with_includes()
    _, result = broken("missing_snippet_section")
    _assert_fails(result, f"'{inc.section}'")
    # pymdownx names the page; a hook that reads the section itself names the example
    assert Path(page).name in result.output or inc.file in result.output, _tail(result)


def test_drifted_output_line(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    copy, result = broken("drifted_output_line")
    page, where, _, drifted = _drift()
    # the example runner, on that section alone, names it and shows the drifted line
    cmd = [sys.executable, "scripts/snippets.py", "--check", where]
    proc = subprocess.run(cmd, cwd=copy.root, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert where in proc.stdout, proc.stdout
    assert "-" + drifted.split("#>", 1)[1].strip() in proc.stdout, proc.stdout
    # the built page shows the drifted line; the site check runs the block and says so
    assert result.returncode == 0, _tail(result)
    report = check_site.check_site(result.site)
    src = Path(page).relative_to("docs").as_posix()
    built = File(src, None, "", site_config().use_directory_urls).dest_uri  # its path in the site
    hits = [p for p in report.problems if p.startswith(built) and "(drifted)" in p]
    assert hits, f"check_site missed the drifted line in {built}:\n" + "\n".join(report.problems)


def test_notebook_cell_that_raises(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    copy, result = broken("notebook_cell_that_raises")
    _assert_fails(result, Path(copy.notebook()).name, "injected fault in a cell")


def test_invalid_latex_in_a_page(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    _, result = broken("invalid_latex_in_a_page")
    _assert_fails(result, "norms/l1-l2-norms.md", "injectedbadmacro")


def test_invalid_latex_in_a_docstring(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    _, name, _ = _public_raw_docstring("$")
    _, result = broken("invalid_latex_in_a_docstring")
    _assert_fails(result, _reference_pages()[name], f"#normdocs.{name}", "injectedbadmacro")


def test_docstring_that_is_not_raw(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    _, name, _ = _public_raw_docstring("\\rVert")
    _, result = broken("docstring_that_is_not_raw")
    _assert_fails(result, _reference_pages()[name], f"#normdocs.{name}", "control character")


def test_broken_anchor_into_a_page(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    _, result = broken("broken_anchor_into_a_page")
    _assert_fails(result, "norms/l1-l2-norms.md", "#no-such-heading")


def test_broken_anchor_into_a_notebook_page(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    """MkDocs does not see the headings of notebook pages; check_site does."""
    copy, result = broken("broken_anchor_into_a_notebook_page")
    if result.returncode != 0:  # MkDocs learnt to see it: fine, if it names it
        _assert_fails(result, "no-such-cell-heading")
        return
    proc = copy.check_site_cli("--no-run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    hits = [line for line in proc.stdout.splitlines() if "no-such-cell-heading" in line]
    assert hits and hits[0].startswith("norms/l1-l2-norms/index.html:"), proc.stdout


def test_page_without_its_twin(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    """A page missing in one language fails the build (no fallback to the other language)."""
    _, result = broken("page_without_its_twin")
    _assert_fails(result, "docs/guides/cheat-sheet.md has no Chinese twin")


def test_live_figure_without_its_script(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    _, result = broken("live_figure_without_its_script")
    _assert_fails(result, "index.md: no live figure named no-such-figure")


def test_load_from_another_host(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    copy, result = broken("load_from_another_host")
    assert result.returncode == 0, _tail(result)
    proc = copy.check_site_cli("--no-run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    script = [x for x in lines if "cdn.example.com" in x]
    assert script and script[0].startswith("norms/l1-l2-norms/index.html:"), proc.stdout
    assert "<script src>" in script[0]
    css = [x for x in lines if "fonts.example.org" in x]
    assert css and css[0].startswith("assets/normdocs.css"), proc.stdout


def test_math_that_escapes_rendering(broken: Callable[[str], tuple[Copy, Build]]) -> None:
    """Math in a raw HTML block of a page is not seen by arithmatex: the check sees it raw.
    The same math after an HTML ``<div>`` in a notebook's Markdown cell is rendered."""
    copy, result = broken("math_that_escapes_rendering")
    assert result.returncode == 0, _tail(result)
    proc = copy.check_site_cli("--no-run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    raw = [x for x in proc.stdout.splitlines() if "raw TeX" in x]
    page = [x for x in raw if x.startswith("norms/l1-l2-norms/index.html:")]
    assert any("lVert x" in x and "rVert_1$" in x for x in page), proc.stdout
    assert any("\\(" in x for x in page), proc.stdout
    assert not [x for x in raw if x.startswith("notebooks/")], "math in a notebook cell left raw"


def test_every_fault_has_a_test() -> None:
    tests = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert set(FAULTS) <= tests, f"faults without a test: {set(FAULTS) - tests}"


def test_real_tree_is_untouched(real_tree_before: list[str]) -> None:
    """No injection leaked into the real tree (only the copies are broken)."""
    assert _markers_in_real_tree() == real_tree_before == []
