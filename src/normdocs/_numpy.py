"""NumPy's fast kernels: full reductions at memory speed, and NumPy's reductions for the rest.

``np.sum(np.abs(x))`` and ``np.max(np.abs(x))`` write a temporary as large as ``x`` and
read it back: 5 to 7 times one read of ``x``. Over a contiguous array the kernels here read
``x`` once: in cache-sized chunks (|chunk| goes to a per-thread buffer that stays in cache),
or, for float64 sums, through SciPy's BLAS ``dasum`` when SciPy is installed (optional;
``normdocs.options(scipy_blas=False)`` turns it off). Every other case runs the generic
algorithms of ``_generic`` with NumPy's own reductions (:class:`Kernels`).
"""

from __future__ import annotations

import importlib
import math
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from normdocs import _generic
from normdocs._generic import Axes
from normdocs._options import SCIPY_BLAS

Array = Any
Namespace = Any

CHUNK_BYTES = 1 << 18  # 256 KiB: stays in the L2 cache of current x86 and ARM cores
MAX_CHUNK_BYTES = 1 << 20  # max|x| reads each chunk twice and needs no buffer: 1 MiB
SMALL = 1 << 14  # below this many elements the plain temporary is in cache anyway
_FAST_FLOATS = (np.dtype(np.float64), np.dtype(np.float32))
_local = threading.local()  # one buffer per thread and dtype
_dasum: Callable[[Array], float] | bool | None = False  # False: not looked up yet


def _blas_dasum() -> Callable[[Array], float] | None:
    """SciPy's BLAS ``dasum`` (one pass, float64), or None without SciPy."""
    global _dasum
    if _dasum is False:
        try:
            _dasum = importlib.import_module("scipy.linalg.blas").dasum
        except ImportError:  # SciPy is optional: fall back to the chunked sum
            _dasum = None
    return _dasum  # type: ignore[return-value]


def _contiguous_flat(a: Array) -> Array | None:
    """``a`` as a 1-D view of a float32/float64 contiguous NumPy array, else None."""
    if a.dtype not in _FAST_FLOATS or not (a.flags.c_contiguous or a.flags.f_contiguous):
        return None
    return a.reshape(-1, order="A")


def _buffer(dtype: Any, n: int) -> Array:
    buf = getattr(_local, dtype.char, None)
    if buf is None:
        buf = np.empty(CHUNK_BYTES // dtype.itemsize, dtype=dtype)
        setattr(_local, dtype.char, buf)
    return buf[:n]


def sum_abs_all(a: Array) -> Any:
    """``sum(|a|)`` over every element of a real NumPy array, as a NumPy scalar."""
    v = _contiguous_flat(a)
    if v is None or v.size < SMALL:  # in cache anyway; and the same rounding as np.sum's
        return np.add.reduce(np.abs(a), axis=None)
    if (
        v.dtype == np.float64
        and v.size < 2**31
        and SCIPY_BLAS.get()
        and (dasum := _blas_dasum()) is not None
    ):
        return np.float64(dasum(v))
    step = CHUNK_BYTES // v.itemsize
    total = 0.0  # float64 accumulation of the chunks' pairwise sums, also for float32
    for i in range(0, v.size, step):
        chunk = v[i : i + step]
        total += float(np.add.reduce(np.abs(chunk, out=_buffer(v.dtype, chunk.size))))
    return v.dtype.type(total)


# A float's bits, read as an integer of its width: for x >= 0 (sign bit clear) the signed
# integer grows with x; for x <= -0.0 (sign bit set) the unsigned integer grows with |x|; a
# NaN of either sign lies above the infinity of its sign. Integer max needs no NaN logic.
_BIT_VIEWS: dict[np.dtype[Any], tuple[np.dtype[Any], np.dtype[Any]]] = {
    np.dtype(np.float64): (np.dtype(np.int64), np.dtype(np.uint64)),
    np.dtype(np.float32): (np.dtype(np.int32), np.dtype(np.uint32)),
}


def max_abs_all(a: Array) -> Any:
    """``max(|a|)`` over every element of a non-empty real NumPy array; NaN propagates.

    Float32/64, contiguous and large: two integer max-reductions of the bits, chunk by chunk
    so that the second read hits the cache. The largest non-negative value is the largest
    signed integer; the most negative, the largest unsigned one (sign bit set). The larger of
    their magnitudes is the answer, a NaN when there was one (a NaN's bits are above inf's).
    """
    v = _contiguous_flat(a)
    if v is None or v.size < SMALL:  # v: float32 or float64, the keys of _BIT_VIEWS
        return np.maximum.reduce(np.abs(a), axis=None)
    signed, unsigned = _BIT_VIEWS[v.dtype]
    as_signed, as_unsigned = v.view(signed), v.view(unsigned)
    sign = 1 << (8 * v.itemsize - 1)
    step = MAX_CHUNK_BYTES // v.itemsize
    top = np.maximum.reduce  # the ufunc itself: less overhead a chunk
    highs, lows = [], []
    for i in range(0, v.size, step):
        highs.append(top(as_signed[i : i + step]))
        lows.append(top(as_unsigned[i : i + step]))
    high, low = int(top(highs)), int(top(lows))
    bits = max(high, low - sign)  # high < 0: no value >= 0; low < sign: no value <= -0.0
    return np.array(bits, dtype=signed).view(v.dtype)[()]


_L2_LOW = {  # sqrt(smallest normal): a sum of squares below its square may have underflowed
    np.dtype(np.float64): math.sqrt(float(np.finfo(np.float64).smallest_normal)),
    np.dtype(np.float32): math.sqrt(float(np.finfo(np.float32).smallest_normal)),
}


def norm_all(a: Array, p: float) -> Any:
    """``vector_norm(a, p)`` over every element: the kernel and, for L2, a range check,
    without the generic path's steps. NumPy float32/float64 and p 1, 2 or inf only; None
    for anything else, or an L2 whose sum of squares left the normal range (rescale).
    """
    lo = _L2_LOW.get(a.dtype)
    if lo is None or a.size == 0:
        return None
    if p == 2:
        v = a.reshape(-1)
        # vdot: dot's BLAS kernel (the same value) without dot's check of the floating-point
        # flags, whose warning np.errstate would have to silence (1.4 us, more than the dot
        # of 1,000 elements); an overflow or underflow shows in the range check instead
        r = np.sqrt(np.vdot(v, v))
        return r if lo <= r < math.inf else None  # else: NaN, or out of range (rescale)
    if p == 1:
        return sum_abs_all(a)
    if p == math.inf:
        return max_abs_all(a)
    return None


class Kernels(_generic.Kernels):
    """NumPy's reductions: the full ones above, NumPy's own along axes (no Array API layer)."""

    @staticmethod
    def sum_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        if len(axes) == a.ndim and not keepdims:
            return sum_abs_all(a)
        return np.sum(np.abs(a), axis=axes, keepdims=keepdims)

    @staticmethod
    def max_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        if len(axes) == a.ndim and not keepdims and a.dtype in _FAST_FLOATS:
            return max_abs_all(a)
        return np.max(np.abs(a), axis=axes, keepdims=keepdims)  # NaN propagates

    @staticmethod
    def sqrt_sum_squares(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        with np.errstate(over="ignore", under="ignore"):  # the caller checks the range
            if len(axes) == a.ndim and a.ndim > 0:
                v = a.reshape(-1)
                r = np.sqrt(np.dot(v, v))
                return np.reshape(r, (1,) * a.ndim) if keepdims else r
            return np.sqrt(np.sum(a * a, axis=axes, keepdims=keepdims))

    @staticmethod
    def p_norm_unscaled(xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
        with np.errstate(over="ignore", under="ignore"):  # the caller scales first
            return np.sum(np.abs(a) ** p, axis=axes, keepdims=keepdims) ** (1.0 / p)

    @staticmethod
    def count_nonzero(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        n = np.asarray(np.count_nonzero(a, axis=axes, keepdims=keepdims), dtype=a.dtype)
        return _generic.nan_where_nan(xp, a, axes, keepdims, n)

    @staticmethod
    def singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
        return np.linalg.norm(a, ord, axis=(-2, -1), keepdims=keepdims)  # type: ignore[arg-type]


def vector_norm(xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
    if len(axes) == a.ndim and not keepdims:  # over every element: the kernel alone
        r = norm_all(a, p)
        if r is not None:
            return r
    return _generic.vector_norm(xp, a, p, axes, keepdims, Kernels)


def matrix_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
    return _generic.matrix_norm(xp, a, ord, keepdims, Kernels)


def l1_penalty(xp: Namespace, ps: list[Array]) -> Array:
    return _generic.l1_penalty(xp, ps, Kernels)
