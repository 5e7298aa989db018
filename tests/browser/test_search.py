"""Offline search (Material's lunr worker, index served by the site) finds the key terms."""

from __future__ import annotations

import re

import pytest

from .page_tools import arrive, ask_search, load

pytestmark = pytest.mark.browser

TERMS = ["Huber", "weight decay", "soft-thresholding", "Frobenius"]


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_the_term_and_opens_a_page_about_it(site, page, term) -> None:
    load(page, site.url(site.pages[0]))
    results = ask_search(page, term)
    meta = page.locator(".md-search-result__meta").inner_text()
    assert results.count() > 0, f"search for {term!r}: {meta!r}"

    link = results.first.locator("a").first
    href = None
    while href != (now := link.get_attribute("href")):  # the list is final
        href = now
        page.wait_for_timeout(300)
    assert href
    link.click()
    arrive(page, site, href)
    opened = page.locator(".md-content article").first.inner_text()
    print(f"{term!r}: {meta}; the first opens {href}")
    assert normalized(term) in normalized(opened), (
        f"the first result for {term!r} ({href}) opens a page that does not contain {term!r}"
    )


def test_search_index_is_fetched_when_the_reader_reaches_for_search(site, page) -> None:
    """The index (both languages' text, about 1 MB) is not part of a page's load: it is
    fetched when the search box gets the focus, here by the "/" shortcut."""
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    load(page, site.url("norms/l1-l2-norms/"))
    page.wait_for_timeout(500)
    assert not [u for u in asked if u.endswith("/search/search_index.json")], asked
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
        page.keyboard.press("/")
    assert index.value.ok
    assert ask_search(page, "Frobenius").count() > 0
