"""The two languages of the site: every page has a Chinese twin of the same structure, the
Chinese pages use the glossary's terms, and the built site serves both with the right
``lang``, ``hreflang`` and language switcher."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from normdocs_site import i18n
from normdocs_site.hooks.languages import glossary_rows, glossary_terms

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = i18n.english_pages(DOCS)
GLOSSARY_ZH = DOCS / "guides" / "glossary.zh.md"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _rel(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def test_every_page_has_its_twin() -> None:
    assert PAGES, "no page found"
    assert i18n.missing_twins(DOCS) == []


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_twin_has_the_same_structure(page: Path) -> None:
    en = page.read_text(encoding="utf-8")
    zh = i18n.twin_of(page).read_text(encoding="utf-8")
    assert i18n.compare(en, zh) == []


EN = """# Title

Text with a [link](other.md#anchor) and [`nd.l1_norm`][normdocs.l1_norm].

$$
x = 1 \\text{ if } y
$$

```python
--8<-- "page.py:numpy"
```

![A figure](../figures/f.svg){ .nd-figure }

## Compute it

!!! note "Note"
    <!-- bench:ratio a | b | c -->
"""
ZH = """# 标题 {#title}

带有[链接](other.md#anchor)和 [`nd.l1_norm`][normdocs.l1_norm] 的文字。

$$
x = 1 \\text{ 若 } y
$$

```python
--8<-- "page.py:numpy"
```

![一幅图](../figures/f.svg){ .nd-figure }

## 计算 {#compute-it}

!!! note "注"
    <!-- bench:ratio a | b | c -->
"""


def test_a_faithful_twin_passes_the_check() -> None:
    assert i18n.compare(EN, ZH) == []


@pytest.mark.parametrize(
    ("what", "old", "new"),
    [
        ("snippets", '"page.py:numpy"', '"page.py:torch"'),
        ("images", "../figures/f.svg", "../figures/g.svg"),
        ("math", "x = 1", "x = 2"),
        ("markers", "bench:ratio a | b | c", "bench:ratio a | c | b"),
        ("links", "other.md#anchor", "other.md#elsewhere"),
        ("links", "[normdocs.l1_norm]", "[normdocs.l2_norm]"),
        ("headings", "{#compute-it}", ""),
        ("headings", "## 计算", "### 计算"),
        ("admonitions", '!!! note "注"\n    <!--', "<!--"),
    ],
)
def test_the_check_finds_drift(what: str, old: str, new: str) -> None:
    assert old in ZH
    problems = i18n.compare(EN, ZH.replace(old, new))
    assert any(p.startswith(what) for p in problems), problems


def test_a_missing_twin_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.zh.md").write_text("# B\n", encoding="utf-8")
    problems = i18n.missing_twins(tmp_path)
    assert len(problems) == 2
    assert "a.md has no Chinese twin" in problems[0]
    assert "b.zh.md has no English twin" in problems[1]


# --------------------------------------------------------------------------- terminology


def _glossary_rows() -> list[tuple[str, str, str]]:
    """(Chinese term, English term, the Chinese page that teaches it) of each glossary row."""
    rows = []
    for cells in glossary_rows(GLOSSARY_ZH):
        link = re.search(r"\]\(([^)#]+)", cells[3])
        if HAN.search(cells[0]) and link:
            page = (GLOSSARY_ZH.parent / link.group(1)).resolve()
            rows.append((cells[0], cells[1], i18n.twin_of(page).relative_to(DOCS).as_posix()))
    return rows


ROWS = _glossary_rows()


def _core(term: str) -> str:
    """A glossary term without its parenthesis and quotes, and without spaces."""
    term = re.sub(r"（[^）]*）|\([^)]*\)", "", term)
    return re.sub(r"[\s“”\"]", "", term)


def test_the_glossary_fixes_the_terms() -> None:
    terms = glossary_terms(GLOSSARY_ZH)
    assert len(ROWS) >= 50, f"{len(ROWS)} rows in {GLOSSARY_ZH}"
    assert len(terms) >= len(ROWS)
    english = (DOCS / "guides" / "glossary.md").read_text(encoding="utf-8")
    for _, en, _ in ROWS:
        assert f"| {en} |" in english, f"{en!r} is not a term of the English glossary"


@pytest.mark.parametrize(("zh", "en", "page"), ROWS, ids=[r[1] for r in ROWS])
def test_the_page_that_teaches_a_term_uses_it(zh: str, en: str, page: str) -> None:
    text = re.sub(r"\s", "", (DOCS / page).read_text(encoding="utf-8"))
    # a term, or each word of a term that describes (L2 范数在 0 处的次微分: 范数, 次微分)
    words = [w for w in re.split(r"[^\u4e00-\u9fff]+|[的在处与和及或之]", _core(zh)) if len(w) > 1]
    missing = [w for w in words if w not in text]
    assert _core(zh) in text or not missing, f"docs/{page} teaches {en!r}, never writes {missing}"


# A Chinese page whose English twin uses the term (in its prose) uses the glossary's Chinese
# term, and no page uses the usual variants that the glossary rejected.
CORE_TERMS = {
    r"\bnorms?\b": "范数",
    r"\bweight decay\b": "权重衰减",
    r"\bregulari[sz]ation\b": "正则化",
    r"\bsparse|sparsity\b": "稀疏",
    r"\bsoft-threshold": "软阈值",
    r"\bproximal operator|\bprox\b": "近端",
    r"\belastic net\b": "弹性网络",
    r"\bgradient clipping\b": "梯度裁剪",
    r"\bearly stopping\b": "早停",
    r"\bcoordinate descent\b": "坐标下降",
}
VARIANTS = {
    "正规化": "正则化",
    "权值衰减": "权重衰减",
    "欧式范数": "欧几里得范数",
    "欧氏范数": "欧几里得范数",
    "邻近算子": "近端算子",
    "近似算子": "近端算子",
    "梯度截断": "梯度裁剪",
    "提前停止": "早停",
    "弹性网(?!络)": "弹性网络",
    "套索": "Lasso",
    "次梯度下降法": "次梯度法",
}


def _prose(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|\]\[[^\]]*\]", "", text, flags=re.S)
    return text


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_chinese_pages_use_the_glossarys_terms(page: Path) -> None:
    en = _prose(page.read_text(encoding="utf-8"))
    zh = _prose(i18n.twin_of(page).read_text(encoding="utf-8"))
    problems = [
        f"the English uses {pattern!r}, the Chinese never writes {term}"
        for pattern, term in CORE_TERMS.items()
        if re.search(pattern, en) and term not in zh
    ]
    problems += [
        f"{m.group(0)!r} instead of the glossary's {term}"
        for variant, term in VARIANTS.items()
        for m in re.finditer(variant, zh)
    ]
    assert not problems, f"{_rel(i18n.twin_of(page))}: " + "; ".join(problems)


def test_l2_page_quotes_the_misconception_in_both_languages() -> None:
    """The seed's claim, quoted as the common misconception, next to the experiment."""
    en = (DOCS / "regularization" / "l2-weight-decay.md").read_text(encoding="utf-8")
    zh = (DOCS / "regularization" / "l2-weight-decay.zh.md").read_text(encoding="utf-8")
    en_section = en.split("## L2 does not make weights sparse")[1].split("\n## ")[0]
    zh_section = zh.split("{#l2-does-not-make-weights-sparse}")[1].split("\n## ")[0]
    assert "L2 regularization, like L1, drives weights to zero" in " ".join(en_section.split())
    assert "常见误解“L2 正则化也会使权重稀疏”" in zh_section
    for section in (en_section, zh_section):
        assert '--8<-- "l2-weight-decay.py:no-zeros"' in section


# --------------------------------------------------------------------------- the built site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _url(src: str) -> str:
    """The site path of a page's source (``norms/x.md`` -> ``norms/x/``)."""
    stem = src[: -len(".md")]
    return (
        ""
        if stem == "index"
        else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
    )


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_both_languages_are_built_and_linked(built_site: Path, page: Path) -> None:
    src = _rel(page)
    url = {"en": _url(src), "zh": "zh/" + _url(src)}
    for lang, path in url.items():
        html = built_site / path / "index.html"
        assert html.is_file(), f"/{path} was not built"
        soup = _soup(html)
        assert soup.html is not None and soup.html.get("lang") == lang, f"/{path}: lang"
        base = f"http://site/{path}"
        alternates = {
            link["hreflang"]: urljoin(base, link["href"])
            for link in soup.select('link[rel="alternate"][hreflang]')
        }
        assert alternates == {k: f"http://site/{v}" for k, v in url.items()}, f"/{path}: hreflang"
        switcher = {
            a["hreflang"]: urljoin(base, a["href"])
            for a in soup.select("a.md-select__link[hreflang]")
        }
        assert switcher == alternates, f"/{path}: the language switcher does not keep the page"
    untranslated = _untranslated(_soup(built_site / url["zh"] / "index.html"))
    assert not untranslated, f"/{url['zh']}: text left in English: {untranslated}"


def _untranslated(soup: BeautifulSoup) -> list[str]:
    """The blocks of text of a Chinese page's article that are English prose (six words or
    more, no Chinese character), code, math, the API's docstrings, outputs and the glossary's
    column of English terms aside."""
    article = soup.select_one("article")
    assert article is not None
    for block in article.select(".doc, pre, code, .katex, .highlight, .jp-OutputArea"):
        block.decompose()
    for table in article.select("table"):  # the glossary's column of English terms
        heads = [th.get_text(strip=True) for th in table.select("thead th")]
        if "English" in heads:
            for row in table.select("tbody tr"):
                row.select("td")[heads.index("English")].decompose()
    found = []
    for el in article.select("p, li, td, th, h1, h2, h3, h4, h5, h6, dt, dd, summary, figcaption"):
        text = " ".join(el.get_text(" ").split())
        if not HAN.search(text) and len(re.findall(r"[A-Za-z]{2,}", text)) >= 6:
            found.append(text[:80])
    return found


def test_both_languages_share_one_search_index(built_site: Path) -> None:
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u" not in raw.split('"docs"', 1)[1][:100_000], "index not written as UTF-8"
    index = json.loads(raw)
    assert index["config"]["lang"] == ["en", "zh"]
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    for page in PAGES:
        assert _url(_rel(page)) in locations
        assert "zh/" + _url(_rel(page)) in locations
    # jieba cuts the Chinese text into words at U+200B; the glossary's terms stay whole words
    words = {
        w for d in index["docs"] for w in re.split(r"[\s\u200b]+", d["text"] + " " + d["title"])
    }
    for term in ("范数", "权重衰减", "稀疏性", "近端算子", "软阈值", "正则化", "梯度裁剪"):
        assert term in words, f"{term} is not a word of the search index"


def test_chinese_page_uses_cjk_system_fonts(built_site: Path) -> None:
    css = (built_site / "assets" / "normdocs.css").read_text(encoding="utf-8")
    rule = re.search(r'html\[lang\^="zh"\] body \{(.*?)\}', css, re.S)
    assert rule is not None
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"):
        assert font in rule.group(1)
    assert "@font-face" not in css
