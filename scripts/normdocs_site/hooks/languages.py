r"""Build step for the site's two languages (mkdocs-static-i18n builds English at ``/`` and
Chinese at ``/zh/``, one full MkDocs build each, in one process).

- A page without its twin in the other language fails the build (the i18n plugin would fall
  back to the English page; the fallback is kept only for the assets both languages share).
- mkdocs-autorefs keeps its map of API anchors across the two builds, and then finds each
  ``normdocs.x`` twice (``reference/...`` and ``zh/reference/...``); the map is emptied before
  each build, so that each language's pages link to its own reference pages.
- The i18n plugin warns that Material's language switcher cannot keep the page under
  ``navigation.instant``. It can: Material finds the page in the other language from the
  sitemap's ``hreflang`` alternates (``integrations/alternate``), which the i18n plugin writes;
  the browser tests switch language after instant navigation. That one warning is dropped.
- Material's search cuts Chinese text into words with jieba at build time; the glossary's
  Chinese terms (``docs/guides/glossary.zh.md``) are added to jieba's dictionary, so that
  权重衰减 or 近端算子 are one word of the index and a query for them finds them.
- mkdocs-jupyter evicts, after each build, the cached executed notebooks that this build did
  not use: the English build evicted the Chinese notebooks and the Chinese build the English
  ones, so every build ran all four notebooks again. Its eviction is replaced by one that runs
  after both builds and keeps what either used.
- The search index, which every page downloads, is written as UTF-8 rather than with
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


def on_post_build(config: MkDocsConfig) -> None:
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


def glossary_terms(glossary: Path) -> dict[str, str]:
    """English term -> Chinese term, from the tables of the Chinese glossary (columns
    ``| 术语 | English | 公式 | 出处 |``)."""
    terms: dict[str, str] = {}
    for line in glossary.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0] not in ("术语", "") and not set(cells[0]) <= {"-", ":"}:
            terms[cells[1]] = cells[0]
    return terms


def _load_glossary_terms(glossary: Path) -> None:
    if not glossary.is_file():
        return
    import jieba  # type: ignore[import-untyped]

    for term in glossary_terms(glossary).values():
        # the Chinese words of a term such as "L1 范数" or "近端算子（proximal operator）";
        # not a phrase such as 带惩罚项的损失, which would hide 损失 from a query
        for word in re.findall(r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])", term):
            jieba.add_word(word)
