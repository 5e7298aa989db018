r"""The implementation written against the Array API namespace ``xp``, for every library.

NumPy and PyTorch reuse these algorithms (overflow-safe scaled norms, losses, penalties,
soft-thresholding) with their own faster reductions: a :class:`Kernels` subclass in
``_numpy`` or ``_torch`` replaces the reductions it has faster, with the same values.
Arguments arrive validated (``_validation``); nothing here checks them again.
"""

from __future__ import annotations

import functools
import importlib
import math
import warnings
from typing import Any

import array_api_compat
import numpy as np

from normdocs._namespace import (
    detach,
    device,
    finalize,
    is_dask,
    requires_grad,
    size,
    to_float,
    to_real_float,
)

Array = Any
Namespace = Any
Axes = tuple[int, ...]  # normalized: sorted, non-negative, no repeats


class Kernels:
    """The reductions the algorithms below are made of, for any Array API library.

    ``a`` is a real floating array (complex only where said), ``axes`` a normalized
    tuple that is not empty and along which ``a`` is not empty.
    """

    @staticmethod
    def sum_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        return xp.sum(xp.abs(a), axis=axes, keepdims=keepdims)

    @staticmethod
    def max_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        """Max of ``|a|`` (real, also for complex ``a``); NaN propagates."""
        m = xp.max(xp.abs(a), axis=axes, keepdims=keepdims)
        nan = xp.any(xp.isnan(a), axis=axes, keepdims=keepdims)
        return xp.where(nan, xp.asarray(math.nan, dtype=m.dtype), m)  # m is real for complex a

    @staticmethod
    def sqrt_sum_squares(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        """``sqrt(sum(a**2))`` with no guard against overflow or underflow."""
        # NumPy-backed Array API libraries (array_api_strict, ...) warn on overflow, which
        # the caller detects and redoes scaled; np.errstate is a no-op for other libraries.
        with np.errstate(over="ignore", under="ignore"):
            return xp.sqrt(xp.sum(a * a, axis=axes, keepdims=keepdims))

    @staticmethod
    def p_norm_unscaled(xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
        """``sum(|a|**p) ** (1/p)`` with no guard against overflow or underflow."""
        with np.errstate(over="ignore", under="ignore"):  # as in sqrt_sum_squares
            return xp.sum(xp.abs(a) ** p, axis=axes, keepdims=keepdims) ** (1.0 / p)

    @staticmethod
    def count_nonzero(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        """Number of nonzero entries, in ``a``'s dtype; an entry that is NaN makes it NaN."""
        n = xp.sum(xp.astype(a != 0, a.dtype), axis=axes, keepdims=keepdims)
        return nan_where_nan(xp, a, axes, keepdims, n)

    @staticmethod
    def singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
        """Spectral (``ord=2``) or nuclear (``'nuc'``) norm over the last two axes, unguarded."""
        s = xp.linalg.svdvals(a)
        r = xp.max(s, axis=-1) if ord == 2 else xp.sum(s, axis=-1)
        return r[..., None, None] if keepdims else r

    @staticmethod
    def total(xp: Namespace, parts: list[Array]) -> Array:
        """The sum of 0-D arrays (a penalty's terms, one per parameter)."""
        total = parts[0]
        for p in parts[1:]:
            total = total + p
        return finalize(xp, total)


def nan_where_nan(xp: Namespace, a: Array, axes: Axes, keepdims: bool, r: Array) -> Array:
    """``r``, with NaN where ``a`` has a NaN along ``axes``."""
    nan = xp.any(xp.isnan(a), axis=axes, keepdims=keepdims)
    return xp.where(nan, xp.asarray(math.nan, dtype=a.dtype), r)


# --- norms ---


def vector_norm(
    xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool, k: type[Kernels] = Kernels
) -> Array:
    """``vector_norm`` of a numeric array ``a`` (validated ``p`` and ``axes``)."""
    a = to_real_float(xp, a)
    if size(a) == 0 or any(a.shape[i] == 0 for i in axes):
        return finalize(xp, zeros_reduced(xp, a, axes, keepdims))
    if not axes:  # axis=() (or a 0-D input): nothing to reduce, each entry is its own vector
        return finalize(xp, _count_nonzero_elementwise(xp, a) if p == 0 else xp.abs(a))
    if is_dask(xp):
        return dask_vector_norm(a, p, axes, keepdims)
    if p == 1:
        r = k.sum_abs(xp, a, axes, keepdims)
    elif p == math.inf:
        r = k.max_abs(xp, a, axes, keepdims)
    elif p == 0:
        r = k.count_nonzero(xp, a, axes, keepdims)
    elif p == 2:
        r = _l2(xp, a, axes, keepdims, k)
    else:
        r = _scaled(xp, a, axes, keepdims, k, lambda s: k.p_norm_unscaled(xp, s, p, axes, keepdims))
    return finalize(xp, r)


def zeros_reduced(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
    """The norm of empty vectors: zeros of the reduced shape."""
    shape = tuple(1 if i in axes else n for i, n in enumerate(a.shape) if keepdims or i not in axes)
    z = xp.zeros(shape, dtype=a.dtype, device=device(a))
    # keep the autograd graph so that backward() on an empty input works
    return z + xp.sum(a) * 0 if requires_grad(xp, a) else z


def _count_nonzero_elementwise(xp: Namespace, a: Array) -> Array:
    """1 where ``a`` is nonzero, 0 where it is zero, NaN where it is NaN, in ``a``'s dtype.

    Through torch the result stays in the autograd graph with a zero gradient, as
    ``torch.linalg.vector_norm(a, 0)``'s does: ``sign(a) * 0`` adds 0 (NaN where ``a`` is
    NaN, where the count is NaN anyway; 0 at +-inf, unlike ``a * 0``) and has derivative 0.
    """
    n = xp.astype(a != 0, a.dtype)
    n = xp.where(xp.isnan(a), xp.asarray(math.nan, dtype=a.dtype), n)
    return n + xp.sign(a) * 0 if requires_grad(xp, a) else n


def _l2(xp: Namespace, a: Array, axes: Axes, keepdims: bool, k: type[Kernels]) -> Array:
    """Fast unscaled L2 norm, redone scaled only where the sum of squares left the normal range."""
    if is_dask(xp):  # deciding on a redo would compute: one pass of chunk norms instead
        return dask_vector_norm(a, 2, axes, keepdims)
    r = k.sqrt_sum_squares(xp, a, axes, keepdims)
    lo = math.sqrt(float(xp.finfo(a.dtype).smallest_normal))
    if r.ndim == 0:  # one number: compare it in Python, not with three more array operations
        if lo <= float(detach(xp, r)) < math.inf:
            return r
    elif bool(xp.all((r >= lo) & (r < math.inf))):
        return r
    return _scaled(xp, a, axes, keepdims, k, lambda s: k.sqrt_sum_squares(xp, s, axes, keepdims))


def _scaled(
    xp: Namespace, a: Array, axes: Axes, keepdims: bool, k: type[Kernels], norm: Any
) -> Array:
    r"""$m \lVert a / m \rVert$ with $m = \max |a|$ (1 where $m$ is 0, inf or NaN).

    $m$ is cut from the autograd graph: by homogeneity the result does not depend
    on it, and its own gradient (through a max) would only add noise at ties.
    """
    m = detach(xp, k.max_abs(xp, a, axes, keepdims=True))
    one = xp.ones_like(m)
    m = xp.where((m > 0) & (m < math.inf), m, one)
    r = norm(a / m)
    if not keepdims:
        m = xp.reshape(m, r.shape) if r.ndim else xp.reshape(m, ())
    return m * r


def matrix_norm(
    xp: Namespace, a: Array, ord: str | float, keepdims: bool, k: type[Kernels] = Kernels
) -> Array:
    """``matrix_norm`` of a numeric array ``a`` with ``ndim >= 2`` (validated ``ord``)."""
    # the singular values of a complex matrix are not those of its modulus: keep it complex
    a = to_float(xp, a) if ord in ("nuc", 2) else to_real_float(xp, a)
    last2 = (a.ndim - 2, a.ndim - 1)
    if a.shape[-1] == 0 or a.shape[-2] == 0:
        return finalize(xp, zeros_reduced(xp, to_real_float(xp, a), last2, keepdims))
    if ord == "fro":
        r = _l2(xp, a, last2, keepdims, k)
    elif ord == 1 or ord == math.inf:
        sum_axis, max_axis = (-2, -1) if ord == 1 else (-1, -2)
        sums = k.sum_abs(xp, a, (a.ndim + sum_axis,), keepdims=True)
        r = k.max_abs(xp, sums, (a.ndim + max_axis,), keepdims=True)
        if not keepdims:
            r = xp.reshape(r, tuple(a.shape[:-2]))
    elif is_dask(xp):
        r = _dask_singular_value_norm(xp, a, ord, keepdims)
    else:
        r = _singular_value_norm(xp, a, ord, keepdims, k)
    return finalize(xp, r)


def _singular_value_norm(
    xp: Namespace, a: Array, ord: str | float, keepdims: bool, k: type[Kernels]
) -> Array:
    """Spectral or nuclear norm, scaled by ``max |a|``; inf and NaN entries give inf and NaN."""
    last2 = (a.ndim - 2, a.ndim - 1)
    m = detach(xp, k.max_abs(xp, a, last2, keepdims=True))
    finite = (m > 0) & (m < math.inf)
    m_safe = xp.where(finite, m, xp.ones_like(m))
    clean = xp.where(finite, a, xp.zeros_like(a)) / m_safe  # complex inf / 1 would be NaN
    r = m_safe * k.singular_value_norm(xp, clean, ord, keepdims=True)
    r = xp.where(finite | (m == 0), r, m)  # m is inf (an inf entry) or NaN
    return r if keepdims else xp.reshape(r, tuple(a.shape[:-2]))


# --- losses: ``a`` and ``b`` of one shape and one floating dtype ---


def _reduce(xp: Namespace, elementwise: Array, reduction: str) -> Array:
    if reduction == "none":
        return elementwise
    total = xp.sum(elementwise)
    return finalize(xp, total / size(elementwise) if reduction == "mean" else total)


def mse_loss(xp: Namespace, a: Array, b: Array, reduction: str) -> Array:
    d = a - b
    sq = xp.abs(d) ** 2 if xp.isdtype(d.dtype, "complex floating") else d * d
    return _reduce(xp, sq, reduction)


def l1_loss(xp: Namespace, a: Array, b: Array, reduction: str) -> Array:
    return _reduce(xp, xp.abs(a - b), reduction)


def huber_loss(xp: Namespace, a: Array, b: Array, delta: float, reduction: str) -> Array:
    r = xp.abs(a - b)
    elementwise = xp.where(r < delta, 0.5 * r * r, delta * (r - 0.5 * delta))
    return _reduce(xp, elementwise, reduction)


def smooth_l1_loss(xp: Namespace, a: Array, b: Array, beta: float, reduction: str) -> Array:
    r = xp.abs(a - b)
    if beta == 0:  # the L1 loss (no division by 0), as in torch
        return _reduce(xp, r, reduction)
    elementwise = xp.where(r < beta, (0.5 * r * r) / beta, r - 0.5 * beta)
    return _reduce(xp, elementwise, reduction)


# --- penalties: ``ps`` a non-empty list of floating arrays of one library ---


def l1_penalty(xp: Namespace, ps: list[Array], k: type[Kernels] = Kernels) -> Array:
    return k.total(
        xp, [k.sum_abs(xp, to_real_float(xp, p), tuple(range(p.ndim)), False) for p in ps]
    )


def l2_penalty(xp: Namespace, ps: list[Array], k: type[Kernels] = Kernels) -> Array:
    parts = []
    for p in ps:
        a = to_real_float(xp, p)
        parts.append(xp.sum(a * a))
    return 0.5 * k.total(xp, parts)


# --- proximal operators: ``a`` floating ---


def soft_threshold(xp: Namespace, a: Array, threshold: float) -> Array:
    mag = xp.abs(a)
    shrunk = xp.maximum(mag - threshold, xp.zeros((), dtype=mag.dtype))
    if xp.isdtype(a.dtype, "complex floating"):
        # a * (shrunk / |a|), written so that a == 0 divides by 1 instead of 0
        # (sign(a) = a / |a| would warn, or give NaN, at 0)
        return finalize(xp, a * (shrunk / xp.where(mag > 0, mag, xp.ones_like(mag))))
    return finalize(xp, xp.sign(a) * shrunk)


# --- Dask: a norm is the norm of its chunks' norms, so one pass over the chunks gives it ---


def _dask_array() -> Any:
    """``dask.array`` (optional: imported at the first call with a Dask array), untyped."""
    return importlib.import_module("dask.array")


def _chunk_norm(x: Array, p: float, axis: Axes, keepdims: bool, **_: Any) -> Array:
    """The ``p``-norm of one chunk along ``axis`` (or of chunk norms, when combining), by
    normdocs' own implementation for the chunk's library: overflow-safe, and for NumPy
    chunks the fast kernels that read the chunk once when nothing overflows."""
    from normdocs.norms import norm_of  # norms imports this module

    axes = tuple(sorted(axis))
    if p == 2 and isinstance(x, np.ndarray) and len(axes) == x.ndim and x.size:
        r = _einsum_l2(x)
        if r is not None:
            return np.reshape(r, (1,) * x.ndim) if keepdims else r
    return norm_of(array_api_compat.array_namespace(x), x, p, axes, keepdims)


def _einsum_l2(x: Array) -> Any:
    """The L2 norm of a whole float32/float64 NumPy chunk, or None when its sum of squares
    left the normal range (the caller's overflow-safe path redoes it, in memory).

    ``einsum`` reads the chunk once on the calling thread. NumPy's path uses BLAS's dot,
    whose own threads compete with Dask's workers for the cores (2 to 5 times slower here).
    """
    if x.dtype not in (np.float64, np.float32):
        return None
    dims = list(range(x.ndim))
    r = np.sqrt(np.einsum(x, dims, x, dims, []))
    lo = math.sqrt(float(np.finfo(x.dtype).smallest_normal))
    return r if lo <= r < math.inf else None


def dask_vector_norm(a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
    r"""The lazy ``p``-norm of a real floating Dask array, reading each chunk once.

    A norm of a vector cut into pieces $x = (x_1, \dots, x_k)$ is the norm of the vector
    of the pieces' norms: $\lVert x \rVert_p = \lVert (\lVert x_1 \rVert_p, \dots,
    \lVert x_k \rVert_p) \rVert_p$ for $p \ge 1$ and $p = \infty$, and the count of
    nonzeros is the sum of the counts. Each chunk's norm is overflow-safe, and so is
    the norm of the chunk norms: no second pass over the data to redo anything scaled.
    """
    da = _dask_array()
    combine = functools.partial(_chunk_norm, p=1.0 if p == 0 else p)
    return da.reduction(
        a,
        functools.partial(_chunk_norm, p=p),
        combine,
        combine=combine,
        axis=axes,
        keepdims=keepdims,
        dtype=a.dtype,
    )


class _DaskKernels(Kernels):
    @staticmethod
    def singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
        """Dask's SVD of a 2-D array chunked along one axis (tall-and-skinny QR)."""
        da = _dask_array()
        with warnings.catch_warnings():  # Dask casts a complex meta array to the real dtype
            warnings.simplefilter("ignore", np.exceptions.ComplexWarning)
            s = da.linalg.svd(a, coerce_signs=False)[1]
        r = xp.max(s, axis=-1) if ord == 2 else xp.sum(s, axis=-1)
        return r[..., None, None] if keepdims else r


def _dask_singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
    """Spectral or nuclear norm of a Dask array: each chunk's own when every chunk holds
    whole matrices; Dask's SVD for a 2-D array chunked along one axis; else a ValueError."""
    da = _dask_array()
    rows, cols = a.numblocks[-2:]
    if rows == 1 and cols == 1:  # whole matrices in each chunk: one task each, one pass
        from normdocs.norms import matrix_norm  # norms imports this module

        def block_norm(block: Array) -> Array:
            return matrix_norm(block, ord, keepdims=True)

        chunks = (*a.chunks[:-2], (1,), (1,))
        r = da.map_blocks(block_norm, a, chunks=chunks, meta=abs(a._meta))
        return r if keepdims else r[..., 0, 0]
    if a.ndim == 2 and (rows == 1 or cols == 1):
        return _singular_value_norm(xp, a, ord, keepdims, _DaskKernels)
    shown = repr(ord) if isinstance(ord, str) else "2"
    if a.ndim == 2:
        why = "is chunked along both of its axes"
        how = (
            "rechunk it so that one axis is whole: A.rechunk({-1: -1}) (each chunk holds "
            "whole rows) or A.rechunk({-2: -1}) (whole columns)"
        )
    else:
        why = "is a stack of matrices cut into pieces"
        how = "rechunk it so that each chunk holds whole matrices: A.rechunk({-2: -1, -1: -1})"
    raise ValueError(
        f"matrix_norm(A, ord={shown}) needs singular values, which Dask computes for a "
        f"matrix chunked along at most one of its two axes, or for a stack of matrices whose "
        f"chunks each hold whole matrices; `A` of shape {tuple(a.shape)} {why} "
        f"({rows} x {cols} chunks over the last two axes): {how}"
    )
