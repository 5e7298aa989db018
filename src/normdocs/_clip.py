"""``clip_grad_norm_``'s torch implementation: torch's own total norm and clipping, with an
overflow-safe total norm where torch's leaves the floating range, and a process group's norm.

Torch's ``get_total_norm`` and ``clip_grads_with_norm_`` run first, so that the results are
torch's to the bit. Their total norm is then read on the host (one synchronization, as with
torch's ``error_if_nonfinite=True``): when it is inf or NaN, or so small that a power of the
entries may have underflowed, each gradient's norm out of that range is recomputed in
float64 with ``vector_norm`` (scaled: neither overflow nor underflow), and the total taken
from those. This module imports torch: ``training`` imports it at the first call.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import numpy as np
import torch
from torch.nn.utils import clip_grads_with_norm_, get_total_norm

from normdocs.norms import vector_norm

Tensor = Any

# below this total the p-th powers of float32 (or narrower, accumulated in float32) or float64
# entries may have underflowed: tiny ** (1 / p), per accumulation dtype
_TINY = {True: float(np.finfo(np.float64).smallest_normal), False: 1.1754943508222875e-38}


def clip_grad_norm(
    params: list[Tensor],
    max_norm: float,
    p: float,
    error_if_nonfinite: bool,
    foreach: bool | None,
    group: Any,
) -> Tensor:
    grads = [q.grad for q in params if q.grad is not None]
    try:
        total = get_total_norm(grads, p, False, foreach)  # torch's: tensor(0.) without grads
    except NotImplementedError:  # "Cannot copy out of meta tensor": say why
        _check_devices(grads)
        raise
    if total.device.type == "meta":
        _check_devices(grads)  # (g.device costs 0.7 us a tensor: only here)
    wide = torch.float32 if total.device.type == "mps" else torch.float64  # mps: no float64
    clip_by = total
    if grads and total.device.type != "meta" and not _in_range(float(total), p, total.dtype):
        clip_by = torch.tensor(_safe_total(grads, p), dtype=wide, device=total.device)
        total = _fit(clip_by, total.dtype)
    if group is not None:
        distributed = importlib.import_module("normdocs.distributed")  # torch.distributed
        local = clip_by.to(wide).reshape(1)
        clip_by = distributed.vector_norm(local, p, group=group).reshape(())
        total = _fit(clip_by, total.dtype)
    if error_if_nonfinite and clip_by.device.type != "meta" and not math.isfinite(float(clip_by)):
        raise RuntimeError(_nonfinite_message(params, p, float(clip_by), group is not None))
    clip_grads_with_norm_(params, max_norm, clip_by, foreach)
    return total


def _check_devices(grads: list[Tensor]) -> None:
    meta = [g for g in grads if g.device.type == "meta"]
    if meta and len(meta) < len(grads):
        other = next(g.device for g in grads if g.device.type != "meta")
        raise ValueError(
            "`parameters` have gradients on the meta device (shapes only, no data) and on "
            f"{other}: their total norm is unknown, so the gradients on {other} cannot be "
            "clipped; materialize the meta parameters first (e.g. module.to_empty(device=...))"
        )


def _in_range(v: float, p: float, dtype: Any) -> bool:
    """Torch's total norm ``v`` is right: finite, and (for 1 < p < inf) above underflow."""
    if not math.isfinite(v):
        return False
    if p == 1 or p == math.inf:  # no powers that could underflow before the result does
        return True
    return bool(v >= _TINY[dtype == torch.float64] ** (1.0 / p))


def _safe_total(grads: list[Tensor], p: float) -> float:
    """The total norm in float64, from each gradient's norm, recomputed where out of range."""
    first = grads[0].device
    norms = [torch.linalg.vector_norm(g, p) for g in grads]
    values = torch.stack([n.to(first, torch.float64) for n in norms]).cpu().tolist()
    for i, (g, v) in enumerate(zip(grads, values, strict=True)):
        if not _in_range(v, p, g.dtype):  # overflowed or underflowed: scaled, in float64
            values[i] = float(vector_norm(g.to(torch.float64), p))
    return float(vector_norm(np.asarray(values, dtype=np.float64), p))


def _fit(total: Tensor, dtype: Any) -> Tensor:
    """``total`` in ``dtype`` (torch's), or in the narrowest of float32 and float64 that holds
    it when ``dtype`` does not (a float16 gradient's norm may exceed 65504); a true inf or
    NaN stays in ``dtype``, as torch gives it."""
    if total.device.type == "meta":
        return total.to(dtype)
    finite = math.isfinite(float(total))
    for d in (dtype, torch.float32, torch.float64):
        if d.itemsize >= dtype.itemsize:
            t = total.to(d)
            if not finite or math.isfinite(float(t)):
                return t
    return total


def _nonfinite_message(params: list[Tensor], p: float, value: float, grouped: bool) -> str:
    bad = [
        f"parameters[{i}] (shape {tuple(q.shape)}, {q.grad.dtype})"
        for i, q in enumerate(params)
        if q.grad is not None and not bool(torch.isfinite(q.grad).all())
    ]
    where = (
        "the gradients of " + ", ".join(bad[:3]) + (" and more" if len(bad) > 3 else "")
        if bad
        else "no gradient of this rank's `parameters`"
        if grouped
        else "no single gradient (their norms overflow only together)"
    )
    return (
        f"The total norm of order {p} of the gradients of `parameters` is {value}, so they "
        f"cannot be clipped: {where} holds inf or NaN. Set error_if_nonfinite=False to "
        "scale them by the non-finite norm anyway (they become 0 or NaN)"
    )
