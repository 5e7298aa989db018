"""Each notebook page links a download of the notebook, and the download is a valid .ipynb."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from .page_tools import load

pytestmark = pytest.mark.browser


@pytest.mark.browser_context_args(accept_downloads=True)
def test_each_notebook_download_link_serves_a_valid_ipynb(site, page, tmp_path) -> None:
    notebooks = [p for p in site.pages if site.is_notebook(p)]
    assert notebooks, "no notebook page in the site (no jp-Cell in any page)"
    problems: list[str] = []
    for path in notebooks:
        where = f"/{path}"
        load(page, site.url(path), idle=False)
        link = page.locator('.md-content a[href$=".ipynb"]')
        if link.count() != 1:
            problems.append(f"{where}: {link.count()} links to an .ipynb (want one)")
            continue
        if not link.is_visible():
            problems.append(f"{where}: the download link is not visible")
        with page.expect_download() as info:
            link.click()
        download = info.value
        name = download.suggested_filename
        saved = tmp_path / name
        download.save_as(saved)
        if not name.endswith(".ipynb"):
            problems.append(f"{where}: the download is named {name!r}")
        try:
            nb = nbformat.reads(saved.read_text(encoding="utf-8"), as_version=4)
            nbformat.validate(nb)
        except (json.JSONDecodeError, nbformat.ValidationError, UnicodeDecodeError) as exc:
            problems.append(f"{where}: {name} is not a valid notebook: {exc}")
            continue
        # the same notebook as the page: as many code cells, with the same sources
        cells = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
        shown = page.locator(".jp-CodeCell .jp-InputArea-editor").all_inner_texts()
        if not cells:
            problems.append(f"{where}: {name} has no code cell")
        elif len(cells) != len(shown):
            problems.append(f"{where}: {name} has {len(cells)} code cells, the page {len(shown)}")
        elif any(
            re.sub(r"\s+", "", a) != re.sub(r"\s+", "", b)
            for a, b in zip(cells, shown, strict=True)
        ):
            problems.append(f"{where}: the code cells of {name} differ from the page's")
    assert not problems, "\n".join(problems)
