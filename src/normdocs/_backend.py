"""Which array library an array comes from, dtype promotion, and the native kernels.

NumPy and PyTorch get their own fast kernels; every other Array API library
gets a generic kernel written against its namespace ``xp``.
"""

from __future__ import annotations

import math
from typing import Any

import array_api_compat
import numpy as np

Array = Any
Namespace = Any


def is_numpy(xp: Namespace) -> bool:
    return bool(array_api_compat.is_numpy_namespace(xp))


def is_torch(xp: Namespace) -> bool:
    return bool(array_api_compat.is_torch_namespace(xp))


def default_float(xp: Namespace, a: Array) -> Any:
    """The library's default real floating dtype (float64 for NumPy, torch's default)."""
    if is_torch(xp):
        import torch

        return torch.get_default_dtype()
    if is_numpy(xp):
        return np.float64
    return xp.__array_namespace_info__().default_dtypes(device=device(a))["real floating"]


def to_float(xp: Namespace, a: Array) -> Array:
    """Promote boolean and integer arrays to the default float; leave float and complex."""
    if xp.isdtype(a.dtype, ("real floating", "complex floating")):
        return a
    return xp.astype(a, default_float(xp, a))


def to_real_float(xp: Namespace, a: Array) -> Array:
    """Like :func:`to_float`, and complex arrays become their modulus."""
    a = to_float(xp, a)
    if xp.isdtype(a.dtype, "complex floating"):
        return xp.abs(a)
    return a


def finalize(xp: Namespace, r: Array) -> Array:
    """NumPy reductions over every axis return a NumPy scalar, as NumPy's own do."""
    if is_numpy(xp) and isinstance(r, np.ndarray) and r.ndim == 0:
        return r[()]
    return r


def device(a: Array) -> Any:
    return array_api_compat.device(a)


def size(a: Array) -> int:
    return math.prod(int(s) for s in a.shape)


def detach(xp: Namespace, a: Array) -> Array:
    """Cut ``a`` from the autograd graph (torch); other libraries have no graph."""
    return a.detach() if is_torch(xp) else a


def _dims(axes: tuple[int, ...], ndim: int) -> tuple[int, ...] | None:
    """torch's ``dim``: ``None`` for a reduction over every axis (0-D inputs included)."""
    return None if len(axes) == ndim else axes


# --- kernels: ``a`` is a real floating array, ``axes`` a normalized non-empty-or-full tuple ---


def sum_abs(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    if is_torch(xp):
        import torch

        return torch.linalg.vector_norm(a, 1, dim=_dims(axes, a.ndim), keepdim=keepdims)
    if is_numpy(xp):
        return np.sum(np.abs(a), axis=axes, keepdims=keepdims)
    return xp.sum(xp.abs(a), axis=axes, keepdims=keepdims)


def max_abs(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    """Max of ``|a|``; NaN propagates. ``a`` must not be empty along ``axes``."""
    if is_torch(xp):
        import torch

        return torch.linalg.vector_norm(a, math.inf, dim=_dims(axes, a.ndim), keepdim=keepdims)
    if is_numpy(xp):
        return np.max(np.abs(a), axis=axes, keepdims=keepdims)
    m = xp.max(xp.abs(a), axis=axes, keepdims=keepdims)
    nan = xp.any(xp.isnan(a), axis=axes, keepdims=keepdims)
    return xp.where(nan, xp.asarray(math.nan, dtype=a.dtype), m)


def sqrt_sum_squares(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    """``sqrt(sum(a**2))`` with no guard against overflow or underflow."""
    if is_torch(xp):
        import torch

        return torch.linalg.vector_norm(a, 2, dim=_dims(axes, a.ndim), keepdim=keepdims)
    if is_numpy(xp):
        with np.errstate(over="ignore", under="ignore"):  # the caller checks the range
            if len(axes) == a.ndim and a.ndim > 0:
                v = a.reshape(-1)
                r = np.sqrt(np.dot(v, v))
                return np.reshape(r, (1,) * a.ndim) if keepdims else r
            return np.sqrt(np.sum(a * a, axis=axes, keepdims=keepdims))
    # NumPy-backed Array API libraries (array_api_strict, ...) warn on overflow, which the
    # caller detects and redoes scaled; np.errstate is a no-op for every other library.
    with np.errstate(over="ignore", under="ignore"):
        return xp.sqrt(xp.sum(a * a, axis=axes, keepdims=keepdims))


def p_norm_unscaled(
    xp: Namespace, a: Array, p: float, axes: tuple[int, ...], keepdims: bool
) -> Array:
    """``sum(|a|**p) ** (1/p)`` with no guard against overflow or underflow."""
    if is_torch(xp):
        import torch

        return torch.linalg.vector_norm(a, p, dim=_dims(axes, a.ndim), keepdim=keepdims)
    if is_numpy(xp):
        with np.errstate(over="ignore", under="ignore"):  # the caller scales first
            return np.sum(np.abs(a) ** p, axis=axes, keepdims=keepdims) ** (1.0 / p)
    with np.errstate(over="ignore", under="ignore"):  # as in sqrt_sum_squares
        return xp.sum(xp.abs(a) ** p, axis=axes, keepdims=keepdims) ** (1.0 / p)


def count_nonzero(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    """Number of nonzero entries, in ``a``'s dtype; an entry that is NaN makes it NaN."""
    if is_torch(xp):
        import torch

        n = torch.linalg.vector_norm(a, 0, dim=_dims(axes, a.ndim), keepdim=keepdims)
    elif is_numpy(xp):
        n = np.asarray(np.count_nonzero(a, axis=axes, keepdims=keepdims), dtype=a.dtype)
    else:
        n = xp.sum(xp.astype(a != 0, a.dtype), axis=axes, keepdims=keepdims)
    nan = xp.any(xp.isnan(a), axis=axes, keepdims=keepdims)
    return xp.where(nan, xp.asarray(math.nan, dtype=a.dtype), n)


def count_nonzero_elementwise(xp: Namespace, a: Array) -> Array:
    """1 where ``a`` is nonzero, 0 where it is zero, NaN where it is NaN, in ``a``'s dtype."""
    n = xp.astype(a != 0, a.dtype)
    return xp.where(xp.isnan(a), xp.asarray(math.nan, dtype=a.dtype), n)


def singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
    """Spectral (``ord=2``) or nuclear (``'nuc'``) norm over the last two axes, unguarded."""
    if is_torch(xp):
        import torch

        return torch.linalg.matrix_norm(a, ord, keepdim=keepdims)
    if is_numpy(xp):
        return np.linalg.norm(a, ord, axis=(-2, -1), keepdims=keepdims)  # type: ignore[arg-type]
    s = xp.linalg.svdvals(a)
    r = xp.max(s, axis=-1) if ord == 2 else xp.sum(s, axis=-1)
    return r[..., None, None] if keepdims else r
