"""Page weight: bytes transferred and load time of a cold load of each page (empty cache).

The test server compresses text with gzip, as every static host the site is published on does
(GitHub Pages, Netlify, Read the Docs, nginx), and the bytes are those the browser reports as
received for each response body. Each row also gives the uncompressed size of the same files.
Fonts (KaTeX's, the only ones: the theme uses the system's) are counted apart and left out of
the limits. The table is written to test-artifacts/page-weight.json and printed at the end of
the pytest run.
"""

from __future__ import annotations

import statistics
from urllib.parse import urlsplit

import pytest

from .page_tools import FONT_SUFFIXES

pytestmark = pytest.mark.browser

MAX_PAGE_BYTES = 1_500_000  # 1.5 MB (decimal), without fonts
MAX_MEDIAN_BYTES = 500_000  # 500 KB
# The limits apply to the bytes transferred ("bytes_without_fonts"). The 1.5 MB cap is also
# applied to the uncompressed bytes, so a page cannot hide its weight behind compression.
MEASURE = "bytes_without_fonts"
UNCOMPRESSED = "uncompressed_bytes_without_fonts"


def file_size(site, url: str) -> int:
    """The size on disk of the served file behind ``url``."""
    path = urlsplit(url).path.lstrip("/")
    file = site.root / path / "index.html" if not path or path.endswith("/") else site.root / path
    return file.stat().st_size


def weight_row(site, path: str, visit) -> dict:
    fonts = other = other_raw = 0
    for req in visit.requests:
        if req["type"] == "font" or urlsplit(req["url"]).path.endswith(FONT_SUFFIXES):
            fonts += req["bytes"]
        else:
            other += req["bytes"]
            other_raw += file_size(site, req["url"])
    return {
        "page": path,
        "bytes_without_fonts": other,
        "uncompressed_bytes_without_fonts": other_raw,
        "font_bytes": fonts,
        "requests": len(visit.requests),
        "load_ms": round(visit.load_ms, 1),
        "largest": [
            [urlsplit(r["url"]).path, r["bytes"]]
            for r in sorted(visit.requests, key=lambda r: -r["bytes"])[:6]
        ],
    }


def test_page_weight_and_load_time(site, tour, weight_recorder) -> None:
    errors = [f"/{p}: {v.error}" for p, v in tour.items() if v.error]
    assert not errors, "\n".join(errors)
    rows = [weight_row(site, path, v) for path, v in tour.items()]
    weight_recorder(rows)
    sizes = [r[MEASURE] for r in rows]
    heavy = [f"/{r['page']}: {r[MEASURE]:,} bytes" for r in rows]
    median = statistics.median(sizes)
    problems = [h for h, s in zip(heavy, sizes, strict=True) if s > MAX_PAGE_BYTES]
    problems += [
        f"/{r['page']}: {r[UNCOMPRESSED]:,} bytes uncompressed"
        for r in rows
        if r[UNCOMPRESSED] > MAX_PAGE_BYTES
    ]
    assert not problems, f"pages over {MAX_PAGE_BYTES:,} bytes ({MEASURE}):\n" + "\n".join(problems)
    assert median < MAX_MEDIAN_BYTES, (
        f"median page is {median:,.0f} bytes ({MEASURE}, limit {MAX_MEDIAN_BYTES:,}):\n"
        + "\n".join(heavy)
    )
