"""Build step: accessible names and keyboard access that the theme's HTML lacks (axe-core).

- Material's search dialog and page-loading progress bar get an ``aria-label``;
- regions that scroll sideways (content tables, notebook code cells) get ``tabindex="0"``
  so that a keyboard user can reach and scroll them.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

LABELS = {
    'data-md-component="search" role="dialog"': 'aria-label="Search"',
    'data-md-component="progress" role="progressbar"': 'aria-label="Page loading"',
}
SCROLLERS = re.compile(r'<(table|div class="highlight-ipynb[^"]*")(?![^>]*tabindex)')


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    for anchor, label in LABELS.items():
        output = output.replace(anchor, f"{anchor} {label}")
    return SCROLLERS.sub(lambda m: f'<{m.group(1)} tabindex="0"', output)
