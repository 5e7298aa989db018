r"""Build step for the site's two languages (mkdocs-static-i18n builds English at ``/`` and
Chinese at ``/zh/``, one full MkDocs build each, in one process).

- A page without its twin in the other language fails the build (the i18n plugin would fall
  back to the English page; the fallback is kept only for the assets both languages share).
- mkdocs-autorefs keeps its map of API anchors across the two builds, and then finds each
  ``normdocs.x`` twice (``reference/...`` and ``zh/reference/...``); the map is emptied before
  each build, so that each language's pages link to its own reference pages.
- The i18n plugin warns that Material's language switcher cannot keep the page under
  ``navigation.instant`` (the header is not redrawn, so its links name the first page's
  twin). ``docs/assets/language-switch.js`` points them at the twin of the page shown, and the
  browser tests switch language after instant navigation. That one warning is dropped.
- Material's search cuts Chinese text into words with jieba at build time; the glossary's
  Chinese terms (``docs/guides/glossary.zh.md``) are added to jieba's dictionary, so that
  权重衰减 or 近端算子 are one word of the index and a query for them finds them.
- mkdocs-jupyter evicts, after each build, the cached executed notebooks that this build did
  not use: the English build evicted the Chinese notebooks and the Chinese build the English
  ones, so every build ran all four notebooks again. Its eviction is replaced by one that runs
  after both builds and keeps what either used.
- Material fetches the sitemap of the site a page belongs to (``/zh/sitemap.xml`` for a
  Chinese page) for instant navigation; the i18n plugin writes one sitemap, of both languages,
  at the root. The Chinese site gets its own: the root's entries for the Chinese pages.
- Material's language switcher fetches ``<href>/sitemap.xml`` for each ``<link rel="alternate"
  hreflang>`` of a page, to find the current page in the other language after instant
  navigation; the i18n plugin makes those links point at the page's twins (right for
  ``hreflang``), so each fetch was a 404 and a console error on every page. Each page's
  folder gets a sitemap of that page and its twin.
- The search index (fetched when a reader reaches for search:
  ``docs/assets/search-on-demand.js``) is written as UTF-8 rather than with
  ``\uXXXX`` escapes, which made each Chinese character and each of jieba's word breaks
  (U+200B) 6 bytes instead of 3: 1.36 MB became about 1 MB.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from normdocs_site.i18n import missing_twins
from normdocs_site.paths import project_root

log = logging.getLogger("mkdocs.plugins.normdocs_site.languages")
GLOSSARY_ZH = "guides/glossary.zh.md"
_INSTANT_WARNING = "language switcher contextual link is not compatible"
_AUTOREFS_MAPS = (
    "_primary_url_map",
    "_secondary_url_map",
    "_title_map",
    "_breadcrumbs_map",
    "_abs_url_map",
    "_backlinks",
    "_url_to_page",
)


class _DropInstantWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return _INSTANT_WARNING not in record.getMessage()


_USED_NOTEBOOK_CACHE: set[Path] = set()


def on_config(config: MkDocsConfig) -> None:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        hooks = config.plugins.events["post_build"]
        hooks[:] = [h for h in hooks if getattr(h, "__self__", None) is not jupyter]
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _DropInstantWarning) for f in logger.filters):
        logger.addFilter(_DropInstantWarning())
    _load_glossary_terms(Path(config.docs_dir) / GLOSSARY_ZH)


def on_pre_build(config: MkDocsConfig) -> None:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:  # its own on_pre_build (before this one) has just emptied its set
        jupyter._used_cache_paths = _USED_NOTEBOOK_CACHE
    problems = missing_twins(project_root(config) / "docs")
    if problems:
        raise PluginError("every page needs its twin in the other language: " + "; ".join(problems))
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        for name in _AUTOREFS_MAPS:
            mapping = getattr(autorefs, name, None)
            if mapping is None:
                raise PluginError(
                    f"mkdocs-autorefs has no {name} any more: update {__name__} for its version"
                )
            mapping.clear()


def _sitemap_parts(sitemap: str) -> tuple[str, list[str], str]:
    """A sitemap cut into what comes before its ``<url>`` entries, the entries, and what
    comes after them."""
    entries = re.findall(r"\s*<url>.*?</url>", sitemap, re.S)
    head, tail = sitemap.split(entries[0], 1)[0], sitemap.rsplit(entries[-1], 1)[1]
    return head, entries, tail


def chinese_sitemap(sitemap: str, site_url: str) -> str:
    """The entries of the two-language ``sitemap`` whose page is under ``<site_url>zh/``."""
    head, entries, tail = _sitemap_parts(sitemap)
    zh = [e for e in entries if f"<loc>{site_url}zh/" in e]
    return head + "".join(zh) + tail


def page_sitemaps(sitemap: str, site_url: str) -> dict[str, str]:
    """For each page but the two home pages: its folder (``norms/l1-l2-norms/``) and a sitemap
    of its entry in the two-language ``sitemap``."""
    head, entries, tail = _sitemap_parts(sitemap)
    pages = {}
    for entry in entries:
        loc = re.search(r"<loc>(.*?)</loc>", entry)
        assert loc is not None, entry
        folder = loc.group(1).removeprefix(site_url)
        if folder not in ("", "zh/"):
            pages[folder] = head + entry + tail
    return pages


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    if sitemap.is_file() and (site / "zh").is_dir():
        text = sitemap.read_text(encoding="utf-8")
        (site / "zh" / "sitemap.xml").write_text(
            chinese_sitemap(text, config.site_url or ""), encoding="utf-8"
        )
        for folder, page_map in page_sitemaps(text, config.site_url or "").items():
            if (site / folder / "index.html").is_file():
                (site / folder / "sitemap.xml").write_text(page_map, encoding="utf-8")
    jupyter = config.plugins.get("mkdocs-jupyter")
    both_done = not getattr(config.plugins.get("i18n"), "building", False)
    if jupyter is not None and both_done:
        cache_dir = Path(jupyter.config["cache_dir"])
        for cached in cache_dir.glob("*.json") if jupyter.config["cache"] else ():
            if cached not in _USED_NOTEBOOK_CACHE:
                cached.unlink()
                log.info(f"evicted a stale executed notebook: {cached}")
        _USED_NOTEBOOK_CACHE.clear()
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")


def glossary_rows(glossary: Path) -> list[list[str]]:
    """The cells of each term's row in the tables of the Chinese glossary (columns
    ``| 术语 | English | 公式 | 出处 |``)."""
    rows = []
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0] not in ("术语", "") and not set(cells[0]) <= {"-", ":"}:
            rows.append(cells)
    return rows


def glossary_terms(glossary: Path) -> dict[str, str]:
    """English term -> Chinese term, from the Chinese glossary."""
    return {cells[1]: cells[0] for cells in glossary_rows(glossary)}


# words of the site that jieba's dictionary cuts apart (正则化 -> 正则 + 化) and that no
# glossary term spells alone
WORDS = ("正则化", "正则项", "范数", "惩罚项", "稀疏", "稀疏性", "近端", "幂迭代", "次梯度")


def jieba_words(glossary: Path) -> list[str]:
    """The words jieba must keep whole: the glossary's Chinese terms of two to four characters
    (each run of Chinese characters of a term without a function word: 近端算子, 权重衰减; not
    范数在 of "L2 范数在 0 处的次微分"), and WORDS."""
    words = list(WORDS)
    for term in glossary_terms(glossary).values():
        term = re.sub(r"（[^）]*）|\([^)]*\)", "", term)  # not what a parenthesis adds
        for run in re.findall(r"[\u4e00-\u9fff]+", term):
            if 2 <= len(run) <= 4 and not re.search("[的在处与和及或之是为]", run):
                words.append(run)
    return sorted(set(words))


def _load_glossary_terms(glossary: Path) -> None:
    if not glossary.is_file():
        return
    import jieba  # type: ignore[import-untyped]

    for word in jieba_words(glossary):
        jieba.add_word(word)
