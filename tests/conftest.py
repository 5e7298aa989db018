"""Fixtures shared by the tests: torch's float64 default, and the one build of the site per run
that tests/test_site.py and the browser suite (tests/browser, which adds its own) both use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from normdocs_site.build import Build, build_site


@pytest.fixture
def torch_default_float64() -> Iterator[None]:
    """Run the test with torch's default dtype set to float64, then restore it."""
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield
    finally:
        torch.set_default_dtype(old)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``mkdocs build --strict`` of the site into a temporary directory, once per run, with the
    notebook cache off (the notebooks really execute). Its outcome: tests/test_site.py's
    ``test_build_passes`` reports it (and records its wall time)."""
    return build_site(tmp_path_factory.mktemp("built") / "site", notebook_cache=False)


@pytest.fixture(scope="session")
def built_site(request: pytest.FixtureRequest) -> Path:
    """The directory of the built site; the test fails at once if the site did not build.

    While working on the browser tests, ``NORMDOCS_TEST_SITE=/tmp/site pytest tests/browser``
    tests a site already built there (``mkdocs build -d /tmp/site``) instead of building one;
    the test command (``scripts/test``) always builds."""
    given = os.environ.get("NORMDOCS_TEST_SITE")
    if given:
        if not (Path(given) / "index.html").is_file():
            pytest.fail(f"NORMDOCS_TEST_SITE={given}: no built site there", pytrace=False)
        return Path(given)
    site_build: Build = request.getfixturevalue("site_build")
    if not site_build.ok:
        tail = "\n".join(site_build.output.splitlines()[-40:])
        pytest.fail(f"mkdocs build --strict failed (last lines):\n{tail}", pytrace=False)
    return site_build.site
