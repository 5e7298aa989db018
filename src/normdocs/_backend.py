"""Which array library an array comes from, dtype promotion, and the native kernels.

NumPy and PyTorch get their own fast kernels; every other Array API library
gets a generic kernel written against its namespace ``xp``.
"""

from __future__ import annotations

import importlib
import math
import threading
from collections.abc import Callable
from typing import Any

import array_api_compat
import numpy as np

from normdocs._options import SCIPY_BLAS

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


def _kind(xp: Namespace, a: Array) -> str:
    """'f' (real floating), 'c' (complex floating) or '' (anything else), without the
    Array API's ``isdtype`` (5 us a call, a cost paid per tensor of a model) where possible."""
    dt = a.dtype
    if isinstance(dt, np.dtype):
        return dt.kind if dt.kind in "fc" else ""
    if hasattr(dt, "is_floating_point") and hasattr(dt, "is_complex"):  # torch
        return "c" if dt.is_complex else "f" if dt.is_floating_point else ""
    return (
        "f"
        if xp.isdtype(dt, "real floating")
        else "c"
        if xp.isdtype(dt, "complex floating")
        else ""
    )


def to_float(xp: Namespace, a: Array) -> Array:
    """Promote boolean and integer arrays to the default float; leave float and complex."""
    if _kind(xp, a):
        return a
    return xp.astype(a, default_float(xp, a))


def to_real_float(xp: Namespace, a: Array) -> Array:
    """Like :func:`to_float`, and complex arrays become their modulus."""
    kind = _kind(xp, a)
    if kind == "f":
        return a
    if kind == "c":
        return xp.abs(a)
    return xp.astype(a, default_float(xp, a))


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


# --- NumPy reductions over every element, at memory speed ---
#
# ``np.sum(np.abs(x))`` and ``np.max(np.abs(x))`` write a temporary as large as ``x`` and
# read it back: 5 to 7 times one read of ``x``. Over a contiguous array these read ``x``
# once: in cache-sized chunks (|chunk| goes to a per-thread buffer that stays in cache),
# or, for float64 sums, through BLAS ``dasum`` when SciPy is installed (optional).

_CHUNK_BYTES = 1 << 18  # 256 KiB: stays in the L2 cache of current x86 and ARM cores
_MAX_CHUNK_BYTES = 1 << 20  # max|x| reads each chunk twice and needs no buffer: 1 MiB
_SMALL = 1 << 14  # below this many elements the plain temporary is in cache anyway
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
        buf = np.empty(_CHUNK_BYTES // dtype.itemsize, dtype=dtype)
        setattr(_local, dtype.char, buf)
    return buf[:n]


def numpy_sum_abs_all(a: Array) -> Any:
    """``sum(|a|)`` over every element of a real NumPy array, as a NumPy scalar."""
    v = _contiguous_flat(a)
    if v is None or v.size < _SMALL:  # in cache anyway; and the same rounding as np.sum's
        return np.add.reduce(np.abs(a), axis=None)
    if (
        v.dtype == np.float64
        and v.size < 2**31
        and SCIPY_BLAS.get()
        and (dasum := _blas_dasum()) is not None
    ):
        return np.float64(dasum(v))
    step = _CHUNK_BYTES // v.itemsize
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


def numpy_max_abs_all(a: Array) -> Any:
    """``max(|a|)`` over every element of a non-empty real NumPy array; NaN propagates.

    Float32/64, contiguous and large: two integer max-reductions of the bits, chunk by chunk
    so that the second read hits the cache. The largest non-negative value is the largest
    signed integer; the most negative, the largest unsigned one (sign bit set). The larger of
    their magnitudes is the answer, a NaN when there was one (a NaN's bits are above inf's).
    """
    v = _contiguous_flat(a)
    if v is None or v.size < _SMALL:  # v: float32 or float64, the keys of _BIT_VIEWS
        return np.maximum.reduce(np.abs(a), axis=None)
    signed, unsigned = _BIT_VIEWS[v.dtype]
    as_signed, as_unsigned = v.view(signed), v.view(unsigned)
    sign = 1 << (8 * v.itemsize - 1)
    step = _MAX_CHUNK_BYTES // v.itemsize
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


def numpy_norm_all(a: Array, ord: object) -> Any:
    """Fast path of ``vector_norm(a, ord)`` over every element: NumPy float32/float64, ord
    1, 2 or inf. None when anything else (the general path then handles it, errors included).
    """
    lo = _L2_LOW.get(a.dtype)
    if lo is None or a.size == 0 or type(ord) not in (int, float):
        return None
    if ord == 2:
        v = a.reshape(-1)
        with np.errstate(over="ignore", under="ignore"):
            r = np.sqrt(np.dot(v, v))
        return r if lo <= r < math.inf else None  # else: NaN, or out of range (rescale)
    if ord == 1:
        return numpy_sum_abs_all(a)
    if ord == math.inf:
        return numpy_max_abs_all(a)
    return None


_TORCH_L2_LOW: dict[Any, float] = {}  # torch dtype -> sqrt(smallest normal)


def torch_norm_all(a: Array, ord: object) -> Any:
    """Fast path of ``vector_norm(a, ord)`` over every element of a real floating tensor, ord
    1, 2 or inf: the kernel and a range check, without the dispatch. Its Python runs right
    after a pass over ``a`` has emptied the caches, where each line costs ten times more:
    7 % of the time of a 10^7-element L2 norm through the general path. None when anything
    else (the general path then handles it, errors included).
    """
    import torch

    if type(ord) not in (int, float) or not a.dtype.is_floating_point or a.numel() == 0:
        return None
    if ord == 2:
        lo = _TORCH_L2_LOW.get(a.dtype)
        if lo is None:
            lo = _TORCH_L2_LOW[a.dtype] = math.sqrt(torch.finfo(a.dtype).smallest_normal)
        r = torch.linalg.vector_norm(a)
        return r if lo <= float(r.detach()) < math.inf else None  # else NaN or rescale
    if ord == 1:
        return _torch_two_level(a, 1)
    if ord == math.inf:
        return max_abs(array_api_compat.array_namespace(a), a, tuple(range(a.ndim)), False)
    return None


# --- kernels: ``a`` is a real floating array, ``axes`` a normalized non-empty-or-full tuple ---


def sum_abs(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    if is_torch(xp):
        import torch

        if len(axes) == a.ndim and not keepdims:
            return _torch_two_level(a, 1)
        return torch.linalg.vector_norm(a, 1, dim=_dims(axes, a.ndim), keepdim=keepdims)
    if is_numpy(xp):
        if len(axes) == a.ndim and not keepdims:
            return numpy_sum_abs_all(a)
        return np.sum(np.abs(a), axis=axes, keepdims=keepdims)
    return xp.sum(xp.abs(a), axis=axes, keepdims=keepdims)


def max_abs(xp: Namespace, a: Array, axes: tuple[int, ...], keepdims: bool) -> Array:
    """Max of ``|a|`` (real, also for complex ``a``); NaN propagates. Not empty along ``axes``."""
    if is_torch(xp):
        import torch

        dims = _dims(axes, a.ndim)
        if not a.is_complex() and not (a.requires_grad and torch.is_grad_enabled()):
            # vector_norm(inf) is 10x slower on CPU than one aminmax (same value, NaN included);
            # with autograd keep vector_norm, whose gradient splits ties as documented
            if dims is None and not keepdims:
                lo, hi = torch.aminmax(a)
            else:
                d = () if dims is None else dims  # amin/amax: () is every axis
                lo, hi = torch.amin(a, d, keepdims), torch.amax(a, d, keepdims)
            return torch.maximum(hi, -lo)
        return torch.linalg.vector_norm(a, math.inf, dim=dims, keepdim=keepdims)
    if is_numpy(xp):
        if len(axes) == a.ndim and not keepdims and a.dtype in _FAST_FLOATS:
            return numpy_max_abs_all(a)
        return np.max(np.abs(a), axis=axes, keepdims=keepdims)
    m = xp.max(xp.abs(a), axis=axes, keepdims=keepdims)
    nan = xp.any(xp.isnan(a), axis=axes, keepdims=keepdims)
    return xp.where(nan, xp.asarray(math.nan, dtype=m.dtype), m)  # m is real for complex a


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


_TORCH_ROW = 4096  # torch: row length of the two-level reduction


def _torch_two_level(a: Array, ord: float) -> Array:
    """``vector_norm(a, ord)`` over every element, as the norm of the norms of rows.

    torch's CPU ``vector_norm(a, 1)`` accumulates a float32 vector in one running sum: for
    10^7 elements it is off by 1e-3 (relative). Norms of rows of 4096 elements, then the
    norm of those, cost the same single pass and are off by less than 1e-6; the gradient is
    the same (``sign(a)``, 0 at 0). (L2 keeps torch's own: its full reduction runs on one
    thread, as fast as the rows on all of them and steadier on a busy machine; off by 4e-4
    at 10^7 in float32.)
    """
    import torch

    n = a.numel()
    if n < 4 * _TORCH_ROW or a.is_complex():
        return torch.linalg.vector_norm(a, ord)
    if not a.is_contiguous():
        # a view with the smallest stride last (the norm ignores the order of the elements):
        # a transpose becomes contiguous; otherwise norms along the last axis come first
        a = a.permute(sorted(range(a.ndim), key=lambda d: -a.stride(d)))
        if not a.is_contiguous():
            if a.ndim < 2 or a.shape[-1] < 64:
                return torch.linalg.vector_norm(a, ord)
            return _torch_two_level(torch.linalg.vector_norm(a, ord, dim=-1), ord)
    flat = a.reshape(-1)
    m = n - n % _TORCH_ROW
    rows = torch.linalg.vector_norm(flat[:m].view(-1, _TORCH_ROW), ord, dim=1)
    if m < n:
        rows = torch.cat([rows, torch.linalg.vector_norm(flat[m:], ord).reshape(1)])
    return torch.linalg.vector_norm(rows, ord)


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


# --- torch: the penalty of many parameters as one autograd node ---

_penalty_nodes: dict[str, Any] = {}  # autograd.Functions, made on first use (torch is optional)


def torch_penalty_node(kind: str, ps: list[Array]) -> Array | None:
    """The L1 penalty ``sum |p|`` (``kind="l1"``) or the L2 penalty ``0.5 * sum(p * p)``
    (``"l2"``) of real floating tensors, as one autograd node; None when no tensor needs a
    gradient or one is complex (the plain path is then as fast).

    Autograd through ``(p * p).sum()`` computes ``grad * p`` twice and adds the two, and
    through ``p.abs().sum()`` writes ``sgn(p)`` and then ``grad * sgn(p)``: two or three
    tensors the size of the parameters per step. One node writes one: ``grad * p`` (exactly
    ``p`` for a gradient of 1, so SGD's ``weight_decay`` is matched to the bit) or
    ``sgn(p) * grad`` (0 at 0).
    """
    import torch

    if (
        not torch.is_grad_enabled()
        or not any(p.requires_grad for p in ps)
        or any(p.is_complex() for p in ps)
    ):
        return None
    if kind not in _penalty_nodes:
        _penalty_nodes[kind] = _make_penalty_node(kind == "l1")
    return _penalty_nodes[kind].apply(*ps)


def _make_penalty_node(l1: bool) -> Any:
    import torch

    def promoted(ps: tuple[Array, ...]) -> Any:
        dtype = ps[0].dtype
        for p in ps[1:]:
            dtype = torch.promote_types(dtype, p.dtype)
        return dtype

    def derivative(p: Array) -> Array:  # of the penalty's term of p, without the gradient
        return torch.sgn(p) if l1 else p

    def l1_part(p: Array) -> Array:
        # abs() then sum() (accurate, vectorized) runs faster than vector_norm(p, 1) while the
        # temporary is small enough for the allocator to reuse; past 16 MiB, two-level sums
        return torch.abs(p).sum() if p.numel() <= 1 << 22 else _torch_two_level(p, 1)

    class Penalty(torch.autograd.Function):
        generate_vmap_rule = True  # torch.func.vmap / grad work through it

        @staticmethod
        def forward(*ps: Array) -> Array:
            dtype = promoted(ps)
            parts = [(l1_part(p) if l1 else torch.sum(p * p)).to(dtype) for p in ps]
            total = torch.stack(parts).sum()
            return total if l1 else 0.5 * total

        @staticmethod
        def setup_context(ctx: Any, inputs: tuple[Array, ...], output: Array) -> None:
            ctx.save_for_backward(*inputs)
            ctx.save_for_forward(*inputs)

        @staticmethod
        def backward(ctx: Any, grad: Array) -> tuple[Array | None, ...]:
            out: list[Array | None] = []
            for p, need in zip(ctx.saved_tensors, ctx.needs_input_grad, strict=True):
                if not need:
                    out.append(None)
                elif l1:
                    s, g = torch.sgn(p), grad.to(p.dtype)
                    try:
                        out.append(s.mul_(g))  # in place: one tensor written, not two
                    except RuntimeError:  # under vmap: an unbatched s, a batched g
                        out.append(s * g)
                else:
                    out.append(p * grad.to(p.dtype))
            return tuple(out)

        @staticmethod
        def jvp(ctx: Any, *tangents: Array | None) -> Array:  # forward-mode AD
            ps = ctx.saved_tensors
            dtype = promoted(ps)
            pairs = zip(ps, tangents, strict=True)
            dots = [torch.sum(derivative(p) * t).to(dtype) for p, t in pairs if t is not None]
            return torch.stack(dots).sum()

    Penalty.__name__ = Penalty.__qualname__ = "L1Penalty" if l1 else "L2Penalty"
    return Penalty
