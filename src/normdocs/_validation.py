"""Argument checking for every public function, in one place.

Each checker raises with a message that names the argument, the value given
and what is allowed; computations never re-check. Each returns the argument
normalized (arrays with their namespace, numbers as floats), and takes the
common case (a NumPy array or a torch tensor, a float) first, at the cost of
a few attribute reads: the fast paths that run after it exist for speed.
"""

from __future__ import annotations

import math
import numbers
import sys
import types
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import array_api_compat
import array_api_compat.numpy as compat_numpy
import numpy as np

from normdocs._namespace import to_float

Array = Any
Namespace = Any

REDUCTIONS = ("mean", "sum", "none")
MATRIX_ORDS = ("fro", "nuc", 1, 2, math.inf)

# array type -> its namespace, for the types that need no conversion: np.ndarray (its dtype
# still checked) and torch tensors (added on first sight; torch is optional). A lookup here
# replaces array_api_compat's (2 us a call).
_NATIVE: dict[type, Namespace] = {np.ndarray: compat_numpy}
# real floating dtypes of those types (torch's added with the first tensor)
_REAL_FLOATS: set[Any] = {np.dtype(t) for t in (np.float16, np.float32, np.float64)}


def _remember_torch(x: object, xp: Namespace) -> None:
    """Add the type of the torch tensor ``x`` (and torch's float dtypes) to the caches."""
    import torch

    _REAL_FLOATS.update((torch.float16, torch.bfloat16, torch.float32, torch.float64))
    _NATIVE[type(x)] = xp


def _is_real_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def as_array(x: Any, name: str) -> tuple[Namespace, Array]:
    """Return ``(xp, array)`` for an array, a nested list or a Python scalar.

    Lists, tuples and Python or NumPy scalars become NumPy arrays. Anything that
    is not numeric raises ``TypeError`` naming ``name``.
    """
    xp = _NATIVE.get(type(x))
    if xp is not None and (xp is not compat_numpy or x.dtype.kind in "biufc"):
        return xp, x  # the common case: a NumPy array or a torch tensor, as it is
    if isinstance(x, np.matrix):  # not an Array API object; read it as numpy.linalg does
        x = np.asarray(x)
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
    xp = array_api_compat.array_namespace(x)
    if array_api_compat.is_torch_namespace(xp):
        _remember_torch(x, xp)
    return xp, x


def as_arrays(pairs: Sequence[tuple[object, str]]) -> tuple[Namespace, list[Array]]:
    """Like :func:`as_array` for several arguments that must share one library.

    Nested lists and scalars join the library of the other arguments; an ``np.matrix``
    is a NumPy array.
    """
    pairs = [(np.asarray(x) if isinstance(x, np.matrix) else x, n) for x, n in pairs]
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
    if type(ord) in (int, float) or _is_real_number(ord):
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
        return _ALL_AXES[ndim] if ndim < len(_ALL_AXES) else tuple(range(ndim))
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


_ALL_AXES = [tuple(range(n)) for n in range(33)]  # axis=None, made once (NumPy: ndim <= 64)


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


def check_loss_arrays(
    input: Any, target: Any, reduction: object
) -> tuple[Namespace, Array, Array, str]:
    """``input`` and ``target`` of a loss: arrays of one library and one shape (no
    broadcasting), converted to one floating dtype; and ``reduction``.

    Returns ``(xp, input, target, reduction)``.
    """
    xp = _NATIVE.get(type(input))
    if xp is not None and type(target) is type(input) and type(reduction) is str:
        dtype, shape = input.dtype, input.shape  # a tensor's attribute: ~0.1 us a read
        if (
            dtype is target.dtype
            and dtype in _REAL_FLOATS
            and reduction in REDUCTIONS
            and shape == target.shape
            and (reduction != "mean" or 0 not in shape)
        ):
            return xp, input, target, reduction  # the common case: nothing to convert
    xp, (a, b) = as_arrays([(input, "input"), (target, "target")])
    red = check_reduction(reduction)
    check_same_shape(a, b)
    if red == "mean":
        check_mean_nonempty(a)
    dtype = xp.result_type(to_float(xp, a).dtype, to_float(xp, b).dtype)
    # copy=False: astype copies by default, two extra passes over the inputs for nothing
    return xp, xp.astype(a, dtype, copy=False), xp.astype(b, dtype, copy=False), red


def check_params(params: object) -> tuple[Namespace, list[Array]]:
    """A penalty's ``params``: one array, an iterable of arrays of one library, or a
    ``torch.nn.Module``'s parameters; not empty. Returned as floating arrays.
    """
    items: list[Any] = []
    if hasattr(params, "parameters") and callable(params.parameters):
        items = list(params.parameters())
    elif (
        array_api_compat.is_array_api_obj(params)
        or isinstance(params, (numbers.Number, np.generic, np.matrix))
        or (
            isinstance(params, (list, tuple))
            and all(isinstance(p, numbers.Number) for p in params)
            and params
        )
    ):
        xp, a = as_array(params, "params")
        return xp, [to_float(xp, a)]
    elif isinstance(params, Iterable) and not isinstance(params, (str, bytes)):
        items = list(params)
    else:
        as_array(params, "params")  # raises the TypeError
    if not items:
        raise ValueError(
            "`params` must hold at least one array; got an empty iterable (or a module with "
            "no parameters)"
        )
    torch = sys.modules.get("torch")
    if torch is not None and all(isinstance(p, torch.Tensor) for p in items):
        # a model's tensors: one library, nothing to convert; skip as_arrays (20 us a tensor)
        import array_api_compat.torch as xp_torch

        return xp_torch, [to_float(xp_torch, p) for p in items]
    xp, arrays = as_arrays([(p, f"params[{i}]") for i, p in enumerate(items)])
    return xp, [to_float(xp, a) for a in arrays]


def check_data_loss(data_loss: object, param: Array) -> None:
    """``data_loss``: a real number, or an array of the library of the parameters."""
    if not isinstance(data_loss, numbers.Real) or isinstance(data_loss, bool):
        as_arrays([(data_loss, "data_loss"), (param, "params")])


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


def check_norm_ord(ord: object) -> float:
    """``ord`` of a true norm: a real ``p >= 1`` or ``inf`` (not 0, which counts nonzeros)."""
    if type(ord) in (int, float) or _is_real_number(ord):
        p = float(ord)  # type: ignore[arg-type]
        if p >= 1:  # rejects nan, 0, negatives, (0, 1) and -inf
            return p
        if p == 0:
            raise ValueError(
                "`ord` must be a real number p >= 1 or math.inf here; got 0: ord=0 counts "
                "nonzeros, which is not a norm (it does not scale with x)"
            )
    raise ValueError(f"`ord` must be a real number p >= 1 or math.inf here; got {ord!r}")


def check_max_norm(value: object) -> float:
    """``max_norm`` of gradient clipping: a real number ``>= 0``; ``inf`` clips nothing."""
    if _is_real_number(value) and float(value) >= 0:  # type: ignore[arg-type]  # rejects nan
        return float(value)  # type: ignore[arg-type]
    raise ValueError(
        f"`max_norm` must be a real number >= 0 (math.inf: no clipping); got {value!r}"
    )


def check_foreach(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise TypeError(f"`foreach` must be None, True or False; got {value!r}")


def _type_name(x: object) -> str:
    t = type(x)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__name__}"


def check_grad_parameters(parameters: object) -> list[Any]:
    """``parameters`` of gradient clipping: a torch tensor, an iterable of them, or a
    ``torch.nn.Module``; returned as a list (an empty generator warns, as in torch)."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(parameters, torch.Tensor):
        return [parameters]
    if hasattr(parameters, "parameters") and callable(parameters.parameters):
        items = list(parameters.parameters())
    elif (
        isinstance(parameters, (np.ndarray, np.generic, numbers.Number, str, bytes))
        or array_api_compat.is_array_api_obj(parameters)
        or not isinstance(parameters, Iterable)
    ):
        raise TypeError(
            "`parameters` must be a torch tensor, an iterable of torch tensors or a "
            f"torch.nn.Module (their .grad is changed in place); got {_type_name(parameters)} "
            f"{_short_repr(parameters)}, which has no .grad. To clip a gradient array g "
            "yourself: g * min(1, max_norm / (vector_norm(g) + 1e-6))"
        )
    else:
        is_generator = isinstance(parameters, types.GeneratorType)
        items = list(parameters)
        if is_generator and not items:
            warnings.warn(
                "`parameters` is an empty generator, no gradient clipping will occur "
                "(was it used up before, e.g. by a first call with model.parameters()?)",
                stacklevel=3,
            )
    for i, p in enumerate(items):
        if torch is None or not isinstance(p, torch.Tensor):
            raise TypeError(
                f"`parameters[{i}]` must be a torch tensor (its .grad is changed in place); "
                f"got {_type_name(p)} {_short_repr(p)}"
            )
    return items


def check_inplace_array(x: Any, name: str) -> tuple[Namespace, Array]:
    """An array changed in place: a floating (or complex) NumPy array or torch tensor."""
    xp = _NATIVE.get(type(x))
    if xp is None:
        torch = sys.modules.get("torch")
        if torch is not None and isinstance(x, torch.Tensor):  # a Parameter, a subclass
            xp, _ = as_array(x.detach(), name)
    if xp is None:
        raise TypeError(
            f"`{name}` must be a NumPy array or a torch tensor (it is changed in place); "
            f"got {_type_name(x)} {_short_repr(x)}"
        )
    if to_float(xp, x) is not x:
        raise TypeError(
            f"`{name}` must have a floating or complex dtype to be rescaled in place; got "
            f"dtype {x.dtype}"
        )
    if xp is compat_numpy and not x.flags.writeable:
        raise ValueError(f"`{name}` is a read-only NumPy array; it is changed in place")
    return xp, x


def check_torch_shard(local: object) -> Any:
    """``local`` of ``normdocs.distributed.vector_norm``: a torch tensor of a boolean,
    integer, floating or complex dtype (the shard of this rank)."""
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(local, torch.Tensor):
        raise TypeError(
            "`local` must be a torch tensor (this rank's shard; torch.distributed reduces "
            f"tensors); got {_type_name(local)} {_short_repr(local)}. Convert it first, e.g. "
            "torch.as_tensor(local)"
        )
    _, x = as_array(local, "local")
    return x


def check_process_group(group: object) -> None:
    """``group`` of a collective: None (the default group, which must be initialized) or a
    ``torch.distributed`` process group."""
    import torch.distributed as dist

    if not dist.is_available():
        raise RuntimeError(
            "torch.distributed is not available in this build of torch, so there is no "
            "process group to reduce over"
        )
    if group is not None and not isinstance(group, dist.ProcessGroup):
        raise TypeError(
            "`group` must be None (the default process group) or a torch.distributed "
            f"ProcessGroup (e.g. from dist.new_group); got {_type_name(group)} "
            f"{_short_repr(group)}"
        )
    if not dist.is_initialized():
        raise RuntimeError(
            "the default process group is not initialized: call "
            "torch.distributed.init_process_group(...) on every rank first (group="
            f"{group!r})"
        )
