"""The norms that the scaling functions divide by, in a dtype where they do not overflow.

``x / ||x||`` is representable even when ``||x||`` is not: float16 ``[6e4, 6e4]`` has norm
84853, beyond float16's 65504, and a float32 vector's norm may pass 3.4e38. ``normalize``,
``cosine_similarity``, the projections, ``group_soft_threshold`` and ``max_norm_`` compute
with the array widened (2-byte floats to float32 always; float32 to float64 only where a
norm overflowed) and cast their result back to the input's dtype.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from normdocs._namespace import device, kind, size
from normdocs.norms import norm_of

Array = Any
Namespace = Any


def widened(xp: Namespace, a: Array) -> Array:
    """``a`` in float32 when it is a real 2-byte float (float16, bfloat16), else ``a``."""
    if kind(xp, a) == "f" and getattr(a.dtype, "itemsize", 0) == 2:
        return xp.astype(a, xp.float32)
    return a


def divisor_norms(xp: Namespace, a: Array, p: float, axes: tuple[int, ...]) -> tuple[Array, Array]:
    """``(w, n)``: ``a`` widened as needed, and the norms of ``w`` along ``axes`` (kept with
    size 1), finite wherever the true norm is finite in float64."""
    w = widened(xp, a)
    with np.errstate(over="ignore"):  # NumPy warns on the overflow that is redone below
        n = norm_of(xp, w, p, axes, True)
    if kind(xp, w) == "f" and w.dtype == xp.float32 and size(n) and bool(xp.any(xp.isinf(n))):
        w = xp.astype(w, xp.float64)  # a float32 norm beyond 3.4e38 (or a true inf)
        n = norm_of(xp, w, p, axes, True)
    return w, n


def ratio(xp: Namespace, c: float, n: Array) -> Array:
    """``c / n`` for a Python number ``c``, as a true division: torch computes ``c / tensor``
    as ``tensor.reciprocal() * c``, inf (and NaN for ``c = 0``) for a subnormal ``n``."""
    return xp.asarray(c, dtype=n.dtype, device=device(n)) / n


def back(xp: Namespace, r: Array, a: Array) -> Array:
    """The result ``r``, computed widened, in the dtype of the input ``a``."""
    return r if r.dtype == a.dtype else xp.astype(r, a.dtype)
