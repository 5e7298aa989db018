"""Which array library an array comes from, its dtypes, device and size.

Small helpers that every other module uses; no computation on the data here.
"""

from __future__ import annotations

import importlib
import math
import sys
from typing import Any

import array_api_compat
import array_api_compat.numpy as compat_numpy
import numpy as np

Array = Any
Namespace = Any


def is_numpy(xp: Namespace) -> bool:
    """``xp`` is NumPy (NumPy itself, or array-api-compat's wrapper of it)."""
    return xp is compat_numpy or bool(array_api_compat.is_numpy_namespace(xp))


def is_torch(xp: Namespace) -> bool:
    """``xp`` is PyTorch (array-api-compat's wrapper of it, once a tensor has loaded it)."""
    return xp is sys.modules.get("array_api_compat.torch") or bool(
        array_api_compat.is_torch_namespace(xp)
    )


def is_dask(xp: Namespace) -> bool:
    """``xp`` is Dask's array namespace (array-api-compat's wrapper of ``dask.array``)."""
    return bool(array_api_compat.is_dask_namespace(xp))


def device(a: Array) -> Any:
    return array_api_compat.device(a)


def size(a: Array) -> int:
    """The number of elements of ``a``."""
    return math.prod(int(s) for s in a.shape)


def default_float(xp: Namespace, a: Array) -> Any:
    """The library's default real floating dtype (float64 for NumPy, torch's default)."""
    if is_torch(xp):
        import torch

        return torch.get_default_dtype()
    if is_numpy(xp):
        return np.float64
    return xp.__array_namespace_info__().default_dtypes(device=device(a))["real floating"]


def kind(xp: Namespace, a: Array) -> str:
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
    if kind(xp, a):
        return a
    return xp.astype(a, default_float(xp, a))


def to_real_float(xp: Namespace, a: Array) -> Array:
    """Like :func:`to_float`, and complex arrays become their modulus."""
    k = kind(xp, a)
    if k == "f":
        return a
    if k == "c":
        return xp.abs(a)
    return xp.astype(a, default_float(xp, a))


def finalize(xp: Namespace, r: Array) -> Array:
    """NumPy reductions over every axis return a NumPy scalar, as NumPy's own do."""
    if is_numpy(xp) and isinstance(r, np.ndarray) and r.ndim == 0:
        return r[()]
    return r


def detach(xp: Namespace, a: Array) -> Array:
    """Cut ``a`` from the autograd graph (torch); other libraries have no graph."""
    return a.detach() if is_torch(xp) else a


def requires_grad(xp: Namespace, a: Array) -> bool:
    """``a`` is a torch tensor that autograd records; other libraries have no graph."""
    return is_torch(xp) and bool(a.requires_grad)


class _LazyModule:
    """Stands for a module not imported yet: the first read of an attribute imports it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:  # only for attributes not read before
        value = getattr(importlib.import_module(self._name), attr)  # thread-safe import
        setattr(self, attr, value)  # the next read is a plain attribute
        return value


_lazy: dict[str, Any] = {}


def lazy_module(name: str) -> Any:
    """A stand-in for the module ``name``, imported at the first read of one of its attributes.

    For ``normdocs._torch``, which imports torch: torch is optional, and a second to import,
    so that it loads at the first call with a tensor, not at ``import normdocs``. Each
    attribute is then read once from the module and kept, so that ``_torch.f`` costs what a
    module's attribute costs, where an ``import`` statement in every function would cost
    0.1 to 0.6 us a call. (Replacing an attribute of the module later does not reach it.)
    """
    if name not in _lazy:
        _lazy[name] = _LazyModule(name)
    return _lazy[name]
