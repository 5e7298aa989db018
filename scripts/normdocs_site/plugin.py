"""The MkDocs plugin of the site (``plugins: [normdocs-site]`` in ``mkdocs.yml``).

It runs the build steps of :mod:`normdocs_site.hooks`, each a module with MkDocs event
functions, in this order within every event:

1. ``cheat_sheet``: the cheat sheet's table from the tested rows of its example;
2. ``figures``: every figure drawn from its script (redrawn when a source changes);
3. ``live``: the figures a reader can move (Chart.js and the figure's script, its data);
4. ``notebooks``: each notebook also served as ``.ipynb``, with a download link, and only the
   part of nbconvert's stylesheet that the page uses;
5. ``performance``: the Performance page's numbers from ``docs/performance/bench.json``;
6. ``requirements``: under each page's title, what to install to run its code blocks;
7. ``katex``: all math rendered to HTML at build time, KaTeX's files served by the site;
8. ``search``: the code blocks kept out of the search index;
9. ``accessibility``: accessible names and keyboard access the theme lacks;
10. ``languages``: each page's twin in the other language, and what the two builds (English
    and Chinese, by mkdocs-static-i18n) need.

Listed last in ``plugins``, it sees each page as the other plugins leave it.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from normdocs_site import snippet_syntax
from normdocs_site.hooks import (
    accessibility,
    cheat_sheet,
    figures,
    katex,
    languages,
    live,
    notebooks,
    performance,
    requirements,
    search,
)


class NormdocsSitePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]  # no options
    """Runs the site's build steps; see the module docstring for what and in which order."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        snippet_syntax.use_config(config)
        languages.on_config(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        languages.on_pre_build(config)

    # after mkdocs-static-i18n's (-100), which rebuilds the list of files for the language it
    # builds and would drop the files these steps generate (they have no source file)
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for step in (figures, live, notebooks, katex):
            files = step.on_files(files, config)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        for step in (cheat_sheet, performance, requirements):
            markdown = step.on_page_markdown(markdown, page, config, files)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for step in (live, notebooks, katex, search):
            html = step.on_page_content(html, page, config, files)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = notebooks.on_post_page(output, page, config)
        return accessibility.on_post_page(output, page, config)

    # after mkdocs-static-i18n's (-100), which builds the Chinese site and writes the search
    # index of both languages
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        languages.on_post_build(config)

    def on_shutdown(self) -> None:
        katex.on_shutdown()

    def __repr__(self) -> str:
        return "NormdocsSitePlugin()"


__all__: list[Any] = ["NormdocsSitePlugin"]
