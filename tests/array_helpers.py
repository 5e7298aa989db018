"""Helpers shared by the library tests: each array library's arrays, and results back as NumPy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import array_api_strict as xs
import numpy as np
import torch

XS_ARRAY = type(xs.asarray(0.0))  # array_api_strict's array class

# library name -> make that library's array from a NumPy array, keeping the dtype
BACKENDS: dict[str, Callable[[np.ndarray], Any]] = {
    "numpy": lambda a: np.array(a),
    "torch": lambda a: torch.from_numpy(np.array(a)),
    "array_api_strict": lambda a: xs.asarray(np.array(a)),
}


def to_numpy(r: Any) -> np.ndarray:
    """Any result (NumPy scalar or array, tensor, array_api_strict array) as a NumPy array."""
    if isinstance(r, torch.Tensor):
        return r.detach().cpu().numpy()
    if isinstance(r, XS_ARRAY):
        return np.from_dlpack(r)
    return np.asarray(r)


def library_of(r: Any) -> str:
    if isinstance(r, torch.Tensor):
        return "torch"
    if isinstance(r, XS_ARRAY):
        return "array_api_strict"
    if isinstance(r, (np.ndarray, np.generic)):
        return "numpy"
    raise AssertionError(f"unexpected result type {type(r)}")
