"""PyTorch's fast paths: torch's own kernels wherever they are right, and one-node penalties.

- norms over every element without the generic path's steps: two-level sums (accurate L1),
  ``aminmax`` for the max norm (10x faster than ``vector_norm(inf)`` on CPU), torch's L2;
- the losses through ``torch.nn.functional`` and soft-thresholding through ``softshrink``
  (fused kernels; torch has none for complex tensors, which take the generic path);
- the L1 and L2 penalties of many parameters as one autograd node.

Every other case runs the generic algorithms of ``_generic`` with torch's reductions
(:class:`Kernels`). This module imports torch; torch is optional, so the public modules load
it lazily (``_namespace.lazy_module``), at their first call with a tensor.
"""

from __future__ import annotations

import math
from typing import Any

import torch
import torch.nn.functional as F

from normdocs import _generic
from normdocs._generic import Axes

Array = Any
Namespace = Any


def _dims(axes: Axes, ndim: int) -> Axes | None:
    """torch's ``dim``: ``None`` for a reduction over every axis (0-D inputs included)."""
    return None if len(axes) == ndim else axes


# --- norms ---

_ROW = 4096  # row length of the two-level reduction


def two_level(a: Array, ord: float) -> Array:
    """``vector_norm(a, ord)`` over every element, as the norm of the norms of rows.

    torch's CPU ``vector_norm(a, 1)`` accumulates a float32 vector in one running sum: for
    10^7 elements it is off by 1e-3 (relative). Norms of rows of 4096 elements, then the
    norm of those, cost the same single pass and are off by less than 1e-6; the gradient is
    the same (``sign(a)``, 0 at 0). (L2 keeps torch's own: its full reduction runs on one
    thread, as fast as the rows on all of them and steadier on a busy machine; off by 4e-4
    at 10^7 in float32.)
    """
    n = a.numel()
    if n < 4 * _ROW or a.is_complex():
        return torch.linalg.vector_norm(a, ord)
    if not a.is_contiguous():
        # a view with the smallest stride last (the norm ignores the order of the elements):
        # a transpose becomes contiguous; otherwise norms along the last axis come first
        a = a.permute(sorted(range(a.ndim), key=lambda d: -a.stride(d)))
        if not a.is_contiguous():
            if a.ndim < 2 or a.shape[-1] < 64:
                return torch.linalg.vector_norm(a, ord)
            return two_level(torch.linalg.vector_norm(a, ord, dim=-1), ord)
    flat = a.reshape(-1)
    m = n - n % _ROW
    rows = torch.linalg.vector_norm(flat[:m].view(-1, _ROW), ord, dim=1)
    if m < n:
        rows = torch.cat([rows, torch.linalg.vector_norm(flat[m:], ord).reshape(1)])
    return torch.linalg.vector_norm(rows, ord)


_L2_LOW: dict[Any, float] = {}  # torch dtype -> sqrt(smallest normal)


def norm_all(xp: Namespace, a: Array, p: float) -> Any:
    """``vector_norm(a, p)`` over every element of a real floating tensor, p 1, 2 or inf:
    the kernel and a range check, without the generic path's steps. Its Python runs right
    after a pass over ``a`` has emptied the caches, where each line costs ten times more:
    7 % of the time of a 10^7-element L2 norm through the generic path. None for anything
    else, or an L2 whose sum of squares left the normal range (rescale).
    """
    if not a.dtype.is_floating_point or a.numel() == 0:
        return None
    if p == 2:
        lo = _L2_LOW.get(a.dtype)
        if lo is None:
            lo = _L2_LOW[a.dtype] = math.sqrt(torch.finfo(a.dtype).smallest_normal)
        r = torch.linalg.vector_norm(a)
        return r if lo <= float(r.detach()) < math.inf else None  # else NaN or rescale
    if p == 1:
        return two_level(a, 1)
    if p == math.inf:
        return Kernels.max_abs(xp, a, tuple(range(a.ndim)), False)
    return None


class Kernels(_generic.Kernels):
    """torch's reductions: ``torch.linalg``'s, whose gradients are finite (0 at 0)."""

    @staticmethod
    def sum_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        if len(axes) == a.ndim and not keepdims:
            return two_level(a, 1)
        return torch.linalg.vector_norm(a, 1, dim=_dims(axes, a.ndim), keepdim=keepdims)

    @staticmethod
    def max_abs(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
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

    @staticmethod
    def sqrt_sum_squares(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        return torch.linalg.vector_norm(a, 2, dim=_dims(axes, a.ndim), keepdim=keepdims)

    @staticmethod
    def p_norm_unscaled(xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
        return torch.linalg.vector_norm(a, p, dim=_dims(axes, a.ndim), keepdim=keepdims)

    @staticmethod
    def count_nonzero(xp: Namespace, a: Array, axes: Axes, keepdims: bool) -> Array:
        n = torch.linalg.vector_norm(a, 0, dim=_dims(axes, a.ndim), keepdim=keepdims)
        return _generic.nan_where_nan(xp, a, axes, keepdims, n)

    @staticmethod
    def singular_value_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
        return torch.linalg.matrix_norm(a, ord, keepdim=keepdims)

    @staticmethod
    def total(xp: Namespace, parts: list[Array]) -> Array:
        dtype = parts[0].dtype
        for p in parts[1:]:
            dtype = torch.promote_types(dtype, p.dtype)
        return total(parts, dtype)


def total(parts: list[Array] | tuple[Array, ...], dtype: Any) -> Array:
    """The sum of 0-D tensors in ``dtype``, on the device of the first (meta if one is on meta).

    Tensors on several devices (a model split over GPUs, or partly on the meta device) are
    summed per device, and those sums moved to the first tensor's device, as
    ``torch.nn.utils.clip_grad_norm_`` moves its per-device norms. A tensor on the meta device
    has no data, so a sum that includes one is a meta tensor (its value is unknown).
    """
    try:
        return torch.stack([p.to(dtype) for p in parts]).sum()  # one device: the common case
    except RuntimeError:
        devices = {p.device: None for p in parts}  # in the order of first appearance
        if len(devices) == 1:
            raise
    target = next(iter(devices))
    if any(d.type == "meta" for d in devices):
        target = torch.device("meta")  # data cannot be copied out of a meta tensor
    sums = [
        torch.stack([p.to(dtype) for p in parts if p.device == d]).sum().to(target) for d in devices
    ]
    return torch.stack(sums).sum()


def vector_norm(xp: Namespace, a: Array, p: float, axes: Axes, keepdims: bool) -> Array:
    if len(axes) == a.ndim and not keepdims:  # over every element: the kernel alone
        r = norm_all(xp, a, p)
        if r is not None:
            return r
    return _generic.vector_norm(xp, a, p, axes, keepdims, Kernels)


def matrix_norm(xp: Namespace, a: Array, ord: str | float, keepdims: bool) -> Array:
    return _generic.matrix_norm(xp, a, ord, keepdims, Kernels)


# --- losses and soft-thresholding: torch.nn.functional's fused kernels, for real tensors ---


def mse_loss(xp: Namespace, a: Array, b: Array, reduction: str) -> Array:
    if a.is_complex():
        return _generic.mse_loss(xp, a, b, reduction)
    return F.mse_loss(a, b, reduction=reduction)


def l1_loss(xp: Namespace, a: Array, b: Array, reduction: str) -> Array:
    if a.is_complex():
        return _generic.l1_loss(xp, a, b, reduction)
    return F.l1_loss(a, b, reduction=reduction)


def huber_loss(xp: Namespace, a: Array, b: Array, delta: float, reduction: str) -> Array:
    if a.is_complex():
        return _generic.huber_loss(xp, a, b, delta, reduction)
    return F.huber_loss(a, b, reduction=reduction, delta=delta)


def smooth_l1_loss(xp: Namespace, a: Array, b: Array, beta: float, reduction: str) -> Array:
    if a.is_complex():
        return _generic.smooth_l1_loss(xp, a, b, beta, reduction)
    return F.smooth_l1_loss(a, b, reduction=reduction, beta=beta)


def soft_threshold(xp: Namespace, a: Array, threshold: float) -> Array:
    if a.is_complex():
        return _generic.soft_threshold(xp, a, threshold)
    return F.softshrink(a, threshold)


# --- penalties: the penalty of many parameters as one autograd node ---


def l1_penalty(xp: Namespace, ps: list[Array]) -> Array:
    node = penalty_node("l1", ps)  # one node: sgn(p) * grad written once in backward
    return node if node is not None else _generic.l1_penalty(xp, ps, Kernels)


def l2_penalty(xp: Namespace, ps: list[Array]) -> Array:
    node = penalty_node("l2", ps)  # one node: a third of the memory traffic in backward
    return node if node is not None else _generic.l2_penalty(xp, ps, Kernels)


_penalty_nodes: dict[str, Any] = {}  # autograd.Functions, made on first use


def penalty_node(kind: str, ps: list[Array]) -> Array | None:
    """The L1 penalty ``sum |p|`` (``kind="l1"``) or the L2 penalty ``0.5 * sum(p * p)``
    (``"l2"``) of real floating tensors, as one autograd node; None when no tensor needs a
    gradient or one is complex (the plain path is then as fast).

    Autograd through ``(p * p).sum()`` computes ``grad * p`` twice and adds the two, and
    through ``p.abs().sum()`` writes ``sgn(p)`` and then ``grad * sgn(p)``: two or three
    tensors the size of the parameters per step. One node writes one: ``grad * p`` (exactly
    ``p`` for a gradient of 1, so SGD's ``weight_decay`` is matched to the bit) or
    ``sgn(p) * grad`` (0 at 0).
    """
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
        return torch.abs(p).sum() if p.numel() <= 1 << 22 else two_level(p, 1)

    class Penalty(torch.autograd.Function):
        generate_vmap_rule = True  # torch.func.vmap / grad work through it

        @staticmethod
        def forward(*ps: Array) -> Array:
            dtype = promoted(ps)
            parts = [l1_part(p) if l1 else torch.sum(p * p) for p in ps]
            t = total(parts, dtype)
            return t if l1 else 0.5 * t

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
                    s, g = torch.sgn(p), grad.to(device=p.device, dtype=p.dtype)
                    try:
                        out.append(s.mul_(g))  # in place: one tensor written, not two
                    except RuntimeError:  # under vmap: an unbatched s, a batched g
                        out.append(s * g)
                else:
                    out.append(p * grad.to(device=p.device, dtype=p.dtype))
            return tuple(out)

        @staticmethod
        def jvp(ctx: Any, *tangents: Array | None) -> Array:  # forward-mode AD
            ps = ctx.saved_tensors
            dtype = promoted(ps)
            pairs = zip(ps, tangents, strict=True)
            dots = [torch.sum(derivative(p) * t) for p, t in pairs if t is not None]
            return total(dots, dtype)

    Penalty.__name__ = Penalty.__qualname__ = "L1Penalty" if l1 else "L2Penalty"
    return Penalty
