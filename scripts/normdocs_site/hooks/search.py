r"""Build step: keep the code blocks out of the search index.

The blocks are the example files' sections, with their ``#>`` output, and were half of
Material's offline search index (277 KB of 578 KB of text, measured on the 27-page site),
which every page downloads for search. Each ``<div class="... highlight">`` gets Material's
``data-search-exclude`` attribute, which its search plugin honours and strips from the page
(it reads the content in ``on_page_context``, after this step). Inline code in the prose,
where every function the pages use is named, stays searchable.

>>> on_page_content('<div class="language-python highlight"><pre>x</pre></div>', None, None, None)
'<div class="language-python highlight" data-search-exclude><pre>x</pre></div>'
"""

from __future__ import annotations

import re
from typing import Any

BLOCK = re.compile(r'<div class="((?:language-[\w-]+ )?highlight)">')


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return BLOCK.sub(r'<div class="\1" data-search-exclude>', html)
