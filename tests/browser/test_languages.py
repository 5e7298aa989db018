"""The Chinese site in the browser: search finds Chinese terms in the shared index, the language
switcher keeps the page (after a full load and after instant navigation), math renders, the
text is set in the system's CJK fonts and no request leaves the site.

The tour (``tour.py``) also loads every Chinese page: its math, images, axe's rules in both
colour schemes and the page weight are checked there with the English pages'.
"""

from __future__ import annotations

import pytest

from .page_tools import arrive, ask_search, instant_go, load, math_state, raw_tex

pytestmark = pytest.mark.browser

# a Chinese query, and the page its first five results must include: the page the glossary
# says teaches the term (docs/guides/glossary.zh.md)
QUERIES = {
    "范数": "zh/norms/what-is-a-norm/",
    "权重衰减": "zh/regularization/l2-weight-decay/",
    "稀疏": "zh/regularization/l1-sparsity/",
    "近端算子": "zh/regularization/l1-sparsity/",
    "梯度裁剪": "zh/training/gradient-clipping/",
    "弹性网络": "zh/regularization/elastic-net-and-constraints/",
}


def search(page, query: str) -> list[str]:
    """The pages (site paths, without anchors) of the search results for ``query``."""
    ask_search(page, query)
    page.wait_for_timeout(500)  # the list is final
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [h.split("#")[0].split("?")[0] for h in hrefs]


@pytest.mark.parametrize(("query", "expected"), QUERIES.items())
def test_chinese_search_finds_the_page(site, page, guard, query: str, expected: str) -> None:
    load(page, site.url("zh/"))
    found = search(page, query)
    print(f"{query}: {len(found)} results, first {found[:3]}")
    assert site.url(expected) in found[:5], f"search {query!r}: {found[:5]}"
    assert not guard.since()


@pytest.mark.parametrize(
    ("start", "lang", "twin"),
    [
        ("regularization/l2-weight-decay/", "zh", "zh/regularization/l2-weight-decay/"),
        ("zh/norms/matrix-norms/", "en", "norms/matrix-norms/"),
        ("zh/notebooks/spectral-norm/", "en", "notebooks/spectral-norm/"),
    ],
)
def test_language_switch_keeps_the_page(site, page, guard, start, lang, twin) -> None:
    load(page, site.url(start))
    page.locator(".md-header .md-select").first.hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').first.click()
    arrive(page, site, site.url(twin))
    assert page.evaluate("document.documentElement.lang") == lang
    assert not guard.since()


def test_language_switch_after_instant_navigation(site, page, guard) -> None:
    """Material swaps pages in without a reload; the switcher must follow the page shown."""
    load(page, site.url("zh/"))
    instant_go(page, site, "zh/guides/glossary/")
    instant_go(page, site, "zh/regularization/group-lasso/")
    page.locator(".md-header .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').first.click()
    arrive(page, site, site.url("regularization/group-lasso/"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert not guard.since()


def test_chinese_page_math_and_fonts(site, page, guard) -> None:
    load(page, site.url("zh/norms/l1-l2-norms/"))
    state = math_state(page)
    assert state["count"] > 0 and not state["bad"] and not raw_tex(page), state
    family = page.evaluate("getComputedStyle(document.querySelector('.md-content p')).fontFamily")
    assert "Noto Sans CJK SC" in family and "PingFang SC" in family, family
    fonts = page.evaluate(
        "performance.getEntriesByType('resource').map(r => r.name)"
        ".filter(n => /\\.(woff2?|ttf|otf)$/.test(n))"
    )
    assert all("/assets/katex/" in f for f in fonts), fonts  # KaTeX's own, nothing else
    assert not guard.since()
