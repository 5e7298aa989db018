"""Argument checking for every public function, in one place.

Each checker raises with a message that names the argument, the value given
and what is allowed; computations never re-check.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import array_api_compat
import numpy as np

Array = Any
Namespace = Any

REDUCTIONS = ("mean", "sum", "none")
MATRIX_ORDS = ("fro", "nuc", 1, 2, math.inf)


def _is_real_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def as_array(x: object, name: str) -> tuple[Namespace, Array]:
    """Return ``(xp, array)`` for an array, a nested list or a Python scalar.

    Lists, tuples and Python or NumPy scalars become NumPy arrays. Anything that
    is not numeric raises ``TypeError`` naming ``name``.
    """
    if isinstance(x, (list, tuple, numbers.Number, np.generic)):
        try:
            x = np.asarray(x)
        except ValueError as exc:  # ragged nested lists
            raise TypeError(
                f"`{name}` must be a numeric array, nested list or scalar; got a ragged "
                f"{type(x).__name__} ({exc})"
            ) from None
    if not array_api_compat.is_array_api_obj(x):
        raise TypeError(
            f"`{name}` must be a numeric array (NumPy, PyTorch or Array API), a nested list "
            f"or a scalar; got {type(x).__name__} {_short_repr(x)}"
        )
    if array_api_compat.is_numpy_array(x) and x.dtype.kind not in "biufc":
        raise TypeError(
            f"`{name}` must have a boolean, integer, floating or complex dtype; got dtype "
            f"{x.dtype}: {_short_repr(x)}"
        )
    return array_api_compat.array_namespace(x), x


def as_arrays(pairs: Sequence[tuple[object, str]]) -> tuple[Namespace, list[Array]]:
    """Like :func:`as_array` for several arguments that must share one library.

    Nested lists and scalars join the library of the other arguments.
    """
    native = [
        (x, n)
        for x, n in pairs
        if array_api_compat.is_array_api_obj(x) and not isinstance(x, np.generic)
    ]
    if native:
        x0, n0 = native[0]
        xp = array_api_compat.array_namespace(x0)
        for x, n in native[1:]:
            if array_api_compat.array_namespace(x) is not xp:
                raise TypeError(
                    f"`{n0}` and `{n}` must come from the same array library; got "
                    f"{type(x0).__module__}.{type(x0).__name__} and "
                    f"{type(x).__module__}.{type(x).__name__}"
                )
    out = []
    for x, n in pairs:
        _, arr = as_array(x, n)
        if native and array_api_compat.array_namespace(arr) is not xp:
            arr = xp.asarray(arr, device=array_api_compat.device(native[0][0]))
            if isinstance(x, (list, tuple, numbers.Number)) and not isinstance(x, np.generic):
                arr = _python_floats_to_default(xp, arr)
        out.append(arr)
    return (xp if native else np), out


def _python_floats_to_default(xp: Namespace, a: Array) -> Array:
    """Python floats become ``xp``'s default float, as ``xp.asarray`` of the list would do.

    NumPy reads them as float64 (complex128); torch's default is float32 (complex64).
    """
    kind = {np.float64: "real floating", np.complex128: "complex floating"}
    for np_dtype, name in kind.items():
        if a.dtype == xp.asarray(np.zeros((), dtype=np_dtype)).dtype:
            info = xp.__array_namespace_info__()
            return xp.astype(a, info.default_dtypes(device=array_api_compat.device(a))[name])
    return a


def _short_repr(x: object) -> str:
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."


def check_vector_ord(ord: object) -> float:
    """``ord`` of a vector norm: 0, a real ``p >= 1`` or ``inf``."""
    if _is_real_number(ord):
        p = float(ord)  # type: ignore[arg-type]
        if p == 0 or p >= 1:  # rejects nan, negatives, (0, 1) and -inf
            return p
    raise ValueError(
        f"`ord` must be 0, a real number p >= 1, or math.inf for a vector norm; got {ord!r}"
    )


def check_matrix_ord(ord: object) -> str | float:
    """``ord`` of a matrix norm: 'fro', 'nuc', 1, 2 or inf."""
    if isinstance(ord, str) and ord in ("fro", "nuc"):
        return ord
    if _is_real_number(ord) and float(ord) in (1.0, 2.0, math.inf):  # type: ignore[arg-type]
        return float(ord)  # type: ignore[arg-type]
    raise ValueError(
        f"`ord` must be one of 'fro', 'nuc', 1, 2 or math.inf for a matrix norm; got {ord!r}"
    )


def check_axis(axis: object, ndim: int) -> tuple[int, ...]:
    """Normalize ``axis`` (None, an int or a tuple of ints) to sorted non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    items = axis if isinstance(axis, tuple) else (axis,)
    if not all(isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in items):
        raise TypeError(f"`axis` must be None, an int or a tuple of ints; got {axis!r}")
    out = []
    for a in items:
        if not -ndim <= a < ndim:
            raise ValueError(
                f"`axis` {axis!r} is out of range for an array with ndim={ndim}; "
                f"allowed are {-ndim} .. {ndim - 1}"
                if ndim
                else f"`axis` {axis!r} is out of range for a 0-D array; only axis=None is allowed"
            )
        out.append(int(a) % ndim)
    if len(set(out)) != len(out):
        raise ValueError(f"`axis` must not repeat an axis; got {axis!r}")
    return tuple(sorted(out))


def check_matrix_ndim(a: Array, name: str) -> None:
    if a.ndim < 2:
        raise ValueError(
            f"`{name}` must have at least 2 dimensions for a matrix norm (the norm is taken "
            f"over the last two); got ndim={a.ndim} with shape {tuple(a.shape)}. "
            "Use vector_norm for a vector."
        )


def check_reduction(reduction: object) -> str:
    if isinstance(reduction, str) and reduction in REDUCTIONS:
        return reduction
    raise ValueError(f"`reduction` must be one of 'mean', 'sum' or 'none'; got {reduction!r}")


def check_nonnegative(value: object, name: str, *, positive: bool = False) -> float:
    """A finite real scalar ``>= 0`` (``> 0`` when ``positive``)."""
    if type(value) is float and (0.0 < value < math.inf or (value == 0.0 and not positive)):
        return value  # the common case, without the isinstance checks (a loss's hot path)
    allowed = "a finite real number > 0" if positive else "a finite real number >= 0"
    if not _is_real_number(value):
        raise ValueError(f"`{name}` must be {allowed}; got {value!r}")
    v = float(value)  # type: ignore[arg-type]
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        raise ValueError(f"`{name}` must be {allowed}; got {value!r}")
    return v


def check_bool(value: object, name: str) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"`{name}` must be True or False; got {value!r}")


def check_ratio(value: object, name: str) -> float:
    if _is_real_number(value) and 0.0 <= float(value) <= 1.0:  # type: ignore[arg-type]
        return float(value)  # type: ignore[arg-type]
    raise ValueError(f"`{name}` must be a real number in [0, 1]; got {value!r}")


def check_same_shape(input: Array, target: Array) -> None:
    if tuple(input.shape) != tuple(target.shape):
        raise ValueError(
            f"`input` and `target` must have the same shape; got {tuple(input.shape)} and "
            f"{tuple(target.shape)}. normdocs does not broadcast them (broadcasting (N, 1) "
            "against (N,) silently builds an (N, N) residual); reshape one of them first."
        )


def check_mean_nonempty(x: Array) -> None:
    if _size(x) == 0:
        raise ValueError(
            "reduction='mean' of an empty `input` is undefined (0 / 0); "
            "use reduction='sum' (gives 0) or 'none'"
        )


def _size(x: Array) -> int:
    n = 1
    for s in x.shape:
        n *= int(s)
    return n
