"""The built site: one strict build (notebooks really executed), then its contract.

The build is tests/conftest.py's ``site_build``: once per run into a temporary directory
(:func:`normdocs_site.build.build_site`, ``NORMDOCS_NOTEBOOK_CACHE=false``), shared with the
browser suite; its wall time is recorded as the ``build_seconds`` property of
``test_build_passes`` (``--junitxml`` shows it; ``-rP`` prints it).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.structure.files import File

from normdocs_site import check_site
from normdocs_site.build import Build
from normdocs_site.config import nav_pages, site_config
from normdocs_site.pages import PYTHON, fences, markdown_pages
from normdocs_site.paths import DOCS, ROOT

pytestmark = pytest.mark.site

NOTEBOOKS = sorted((DOCS / "notebooks").glob("*.md"))  # both languages


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_page(site: Path, src: str) -> Path:
    """Where MkDocs writes the page of ``src``, a Markdown file or a notebook (which
    mkdocs-jupyter builds as a page): MkDocs' own answer, with ``use_directory_urls``."""
    as_page = PurePosixPath(src).with_suffix(".md").as_posix()
    language = ""
    if as_page.endswith(".zh.md"):  # a Chinese twin, built under zh/
        as_page, language = as_page.removesuffix(".zh.md") + ".md", "zh"
    use_directory_urls = site_config().use_directory_urls
    return site / language / File(as_page, None, str(site), use_directory_urls).dest_uri


# ----------------------------------------------------------------------------- tests


def test_build_passes(site_build: Build, record_property: Any) -> None:
    record_property("build_seconds", round(site_build.seconds, 2))
    print(f"mkdocs build --strict (notebooks executed): {site_build.seconds:.1f} s")
    tail = "\n".join(site_build.output.splitlines()[-40:])
    assert site_build.returncode == 0, f"mkdocs build --strict failed:\n{tail}"


def test_check_site_passes(built_site: Path) -> None:
    report = check_site.check_site(built_site)
    assert not report.problems, "\n".join(report.problems)
    python_fences = [
        fence for page in markdown_pages() for fence in fences(page) if fence.language in PYTHON
    ]
    assert python_fences, "no Python block in the pages"
    assert report.code_blocks >= len(python_fences), (
        f"check_site found {report.code_blocks} Python blocks; the pages have "
        f"{len(python_fences)}: some were not recognized as Python"
    )
    # a page and its Chinese twin show the same blocks: each different block runs once
    assert 0 < report.distinct_code_blocks <= report.code_blocks / 2
    assert report.links > 0 and report.pages > 0


def test_every_nav_page_is_built(built_site: Path) -> None:
    nav = nav_pages()
    assert nav, "mkdocs.yml has no nav"
    for src in nav:
        assert (DOCS / src).is_file(), f"nav names {src}, not in docs/"
        page = built_page(built_site, src)
        assert page.is_file(), (
            f"nav page {src} was not built ({page.relative_to(built_site)} missing)"
        )
        assert _soup(page).find("h1") is not None, f"{page.relative_to(built_site)} has no title"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_notebook_offers_its_ipynb(built_site: Path, notebook: Path) -> None:
    import jupytext

    page = built_page(built_site, notebook.relative_to(DOCS).as_posix())
    article = _soup(page).select_one("article")
    assert article is not None, f"{page}: no article"
    links = [a for a in article.find_all("a", href=True) if str(a["href"]).endswith(".ipynb")]
    assert links, f"{page.relative_to(built_site)}: no download link to the .ipynb"
    link = links[0]
    assert link.has_attr("download"), "the .ipynb link does not download"
    assert link.get_text(strip=True), "the .ipynb link has no visible text"
    for tag in [link, *link.parents]:
        style = str(tag.get("style", "")).replace(" ", "")
        assert not tag.has_attr("hidden") and "display:none" not in style, "the link is hidden"
    ipynb = (page.parent / str(link["href"])).resolve()
    assert ipynb.is_file(), f"{link['href']} is not in the site"
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    source = jupytext.read(notebook, fmt="md")
    got = [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]
    want = [(c.cell_type, c.source) for c in source.cells]
    assert got == want, "the .ipynb does not hold the notebook's cells"
    assert any(kind == "code" for kind, _ in got)


def test_notebooks_exist() -> None:
    assert NOTEBOOKS, "no notebook in docs/notebooks/"


def test_purge_css_keeps_what_the_page_uses() -> None:
    """The notebooks hook cuts nbconvert's stylesheet to the rules the page uses, and keeps the
    custom properties that its kept rules, the page's other stylesheets (the dark theme's code
    colours) and other kept properties read; it drops the rest."""
    from normdocs_site.hooks.notebooks import purge_css

    css = (
        ".jupyter-wrapper{--used:red;--read-by-page:var(--chain);--chain:blue;--unused:green}"
        "[data-md-color-scheme=slate] .jupyter-wrapper{--used:pink}"
        ".jupyter-wrapper .kept{color:var(--used)}.jupyter-wrapper .gone{color:var(--unused)}"
    )
    html = (
        '<body data-md-color-scheme="default"><input data-md-color-scheme="slate">'
        '<style>.k{color:var(--read-by-page)}</style>'
        '<div class="jupyter-wrapper"><span class="kept">x</span></div></body>'
    )
    kept = purge_css(html, css)
    assert ".kept" in kept and ".gone" not in kept
    for name in ("--used:", "--read-by-page:", "--chain:"):
        assert name in kept.replace(" ", ""), (name, kept)
    assert "--unused" not in kept
    assert "[data-md-color-scheme=slate]" in kept


def test_api_reference_shows_every_public_name() -> None:
    """Each name of ``normdocs.__all__`` has its entry (``::: normdocs.name``) on one topic page
    of the reference, and a link in the overview's table; no page shows a name that is gone."""
    import normdocs

    reference = DOCS / "reference"
    shown: dict[str, list[str]] = {}
    # the English pages (their Chinese twins show the same entries: test_i18n checks it)
    for page in sorted(p for p in reference.glob("*.md") if not p.name.endswith(".zh.md")):
        text = page.read_text(encoding="utf-8")
        for name in re.findall(r"^:::\s*(normdocs(?:\.\w+)+)\s*$", text, re.MULTILINE):
            shown.setdefault(name, []).append(page.name)
    public = {f"normdocs.{n}" for n in normdocs.__all__}
    assert not public - set(shown), f"public names without an entry: {sorted(public - set(shown))}"
    twice = {n: p for n, p in shown.items() if len(p) > 1}
    assert not twice, f"names shown on more than one page: {twice}"
    overview = (reference / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\[(normdocs(?:\.\w+)+)\]", overview))
    only_table, only_pages = sorted(linked - set(shown)), sorted(set(shown) - linked)
    assert linked == set(shown), (
        f"the overview's table and the pages differ: only in the table {only_table}, "
        f"only on the pages {only_pages}"
    )
    for name in set(shown) - public:  # normdocs.distributed.* and the like: they must import
        module, _, attr = name.rpartition(".")
        assert hasattr(__import__(module, fromlist=[attr]), attr), f"{name} does not exist"


def test_katex_css_and_fonts_are_served_by_the_site(built_site: Path) -> None:
    css = built_site / "assets" / "katex" / "katex.min.css"
    assert css.is_file(), "KaTeX's stylesheet is not in the site"
    fonts = re.findall(r"url\((fonts/[^)]+)\)", css.read_text(encoding="utf-8"))
    assert any(f.endswith(".woff2") for f in fonts)
    missing = [f for f in fonts if not (css.parent / f).is_file()]
    assert not missing, f"KaTeX fonts missing from the site: {missing}"
    page = _soup(built_page(built_site, "norms/l1-l2-norms.md"))
    sheets = [str(link["href"]) for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("assets/katex/katex.min.css") for href in sheets), sheets


@pytest.mark.parametrize(
    "src",
    [
        "norms/l1-l2-norms.md",
        "reference/norms.md",
        *[f"notebooks/{nb.name}" for nb in NOTEBOOKS if "$" in nb.read_text(encoding="utf-8")],
    ],
)
def test_math_is_rendered(built_site: Path, src: str) -> None:
    html = built_page(built_site, src).read_text(encoding="utf-8")
    assert 'class="katex"' in html, f"{src}: no KaTeX math in the built page"
    assert 'class="arithmatex"' not in html, f"{src}: math left for a script to render"


# ------------------------------------------------ check_site on a small hand-made site

PAGE = """<!doctype html><html><head>
<link rel="canonical" href="https://normdocs.example/">
<link rel="stylesheet" href="https://cdn.example/theme.css">
<link rel="preconnect" href="https://fonts.example">
<link rel="stylesheet" href="assets/site.css">
<style>@import "https://import.example/s.css";</style>
</head><body>
<h1 id="top">Title</h1>
<a href="https://example.com/">a link, not a load</a>
<a href="other/">ok</a> <a href="other/#here">ok</a> <a href="other/index.html#gone">bad</a>
<a href="missing.html">bad</a> <a href="#top">ok</a> <a href="#nowhere">bad</a>
<a href="data.ipynb">ok</a> <a href="../outside.html">bad</a>
<img srcset="img.png 1x, https://img.example/b.png 2x" alt="">
<div style="background: url(//style.example/x.png)">styled</div>
<p>Raw $x^2$ left, and \\(y\\) too.</p>
<p>Prices $5 and $10 are not math, <code>$HOME$</code> is code.</p>
<div class="raw">Raw in a div: $$a+b$$</div>
<p><span class="arithmatex">\\(z\\)</span></p>
<div class="language-python highlight"><pre><code>print(1)
#&gt; 2
</code></pre></div>
<div class="language-python highlight"><pre><code>x = 3  <span class="c1"># (1)!</span>
print(x)  <span class="c1"># prints (2)</span>
<span class="c1">#&gt; 3</span>
</code></pre></div>
<ol><li>an annotation</li><li>another</li></ol>
<div class="language-bash highlight"><pre><code>rm -rf /nothing-runs-here</code></pre></div>
<div class="highlight"><pre><code>what language?</code></pre></div>
</body></html>
"""


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    (tmp_path / "other").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "other" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    (tmp_path / "img.png").write_bytes(b"")
    (tmp_path / "data.ipynb").write_text("{}", encoding="utf-8")
    css = (
        "a{background:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\")}"
        "@font-face{src:url(fonts/present.woff2),url(fonts/absent.woff2)}"
        "/* url(https://in-a-comment.example/) */ b{background:url('https://css.example/i.png')}"
    )
    (tmp_path / "assets" / "site.css").write_text(css, encoding="utf-8")
    (tmp_path / "assets" / "fonts").mkdir()
    (tmp_path / "assets" / "fonts" / "present.woff2").write_bytes(b"")
    return tmp_path


def test_check_site_reports_each_kind_of_problem(small_site: Path) -> None:
    report = check_site.check_site(small_site)
    text = "\n".join(report.problems)
    expected = [
        "<link rel=stylesheet> loads from cdn.example",
        "<link rel=preconnect> loads from fonts.example",
        "<style> @import loads from import.example",
        "<img srcset> loads from img.example",
        "style= of <div> url() loads from style.example",
        "stylesheet url() loads from css.example",
        "no file assets/fonts/absent.woff2",
        "broken anchor: other/index.html#gone",
        "broken link: missing.html",
        "broken anchor: #nowhere",
        "points outside the site: ../outside.html",
        "raw TeX in the text: '$x^2$'",
        "raw TeX in the text: '\\\\('",
        "raw TeX in the text: '$$a+b$$'",
        "math left unrendered",
        "code block without a language class",
        "-2\n",
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, f"not reported: {missing}\n--- report:\n{text}"
    for allowed in ["normdocs.example", "example.com", "in-a-comment", "$5", "$HOME", "w3.org"]:
        assert allowed not in text, f"{allowed!r} wrongly reported:\n{text}"
    assert report.code_blocks == 2, "the bash block ran, or a Python block did not"
    assert sum("python block" in p for p in report.problems) == 1, text


def test_check_site_copies_what_the_copy_button_copies(small_site: Path) -> None:
    soup = _soup(small_site / "index.html")
    blocks = soup.find_all("div", class_="language-python")
    assert check_site.copied_text(blocks[1]) == "x = 3\nprint(x)  # prints\n#> 3\n"


def test_check_site_cli_exit_status(
    small_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    script = ROOT / "scripts" / "check_site.py"  # the command line the README documents
    bad = subprocess.run(
        [sys.executable, str(script), str(small_site), "--no-run"], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "index.html:" in bad.stdout
    clean = tmp_path_factory.mktemp("clean")
    (clean / "index.html").write_text('<h1 id="a">ok</h1><a href="#a">a</a>', encoding="utf-8")
    good = subprocess.run([sys.executable, str(script), str(clean)], capture_output=True, text=True)
    assert good.returncode == 0 and good.stdout == "", good.stdout + good.stderr
