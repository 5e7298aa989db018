"""Fixtures shared by the library tests (tests/browser/conftest.py adds the browser's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch


@pytest.fixture
def torch_default_float64() -> Iterator[None]:
    """Run the test with torch's default dtype set to float64, then restore it."""
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield
    finally:
        torch.set_default_dtype(old)
