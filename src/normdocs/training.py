r"""Training tools that change weights or gradients in place: `clip_grad_norm_`, `max_norm_`."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from normdocs._namespace import is_torch, lazy_module
from normdocs._scaling import back, divisor_norms, ratio
from normdocs._validation import (
    check_axis,
    check_bool,
    check_foreach,
    check_grad_parameters,
    check_inplace_array,
    check_max_norm,
    check_nonnegative,
    check_norm_ord,
)
from normdocs.norms import Axis

if TYPE_CHECKING:
    from normdocs import _clip
else:
    _clip = lazy_module("normdocs._clip")  # it imports torch: at the first call

Array = Any


def clip_grad_norm_(
    parameters: Any,
    max_norm: float,
    *,
    ord: float = 2.0,
    error_if_nonfinite: bool = False,
    foreach: bool | None = None,
    group: Any = None,
) -> Array:
    r"""Scale the gradients in place so that their total norm is at most `max_norm`.

    $$
    g \leftarrow g \cdot \min\Big(\frac{\texttt{max\_norm}}{\lVert g \rVert_p + 10^{-6}}, 1\Big),
    \qquad
    \lVert g \rVert_p = \big\lVert (\lVert g_1 \rVert_p, \dots, \lVert g_k \rVert_p) \big\rVert_p ,
    $$

    the norm of all the gradients $g_1, \dots, g_k$ seen as one vector. The same
    result, in place on each `.grad`, and the same returned total norm as
    `torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=ord, ...)`, to the
    bit: torch's own kernels run first (parameters grouped by device and dtype,
    `foreach` kernels where supported, parameters without a gradient skipped).

    Where torch's total norm leaves the floating range, ours does not: torch returns
    inf for float16 gradients whose norm exceeds 65504, or float32 ones such as
    `[3e20, 4e20]`, and its clipping then sets every gradient to 0. Here the norm of
    each gradient out of range is recomputed in float64 without overflow or
    underflow, the gradients are clipped by the true total, and the total is
    returned in torch's dtype, or in float32 (float64) when it does not fit there.
    This reads the total norm on the host once (a device synchronization on a GPU,
    as torch's `error_if_nonfinite=True` does).

    With `group` (a `torch.distributed` process group), the gradients of all its
    ranks are shards of one vector (FSDP, tensor parallelism): each rank computes
    its local total norm, `normdocs.distributed.vector_norm` combines them, and
    every rank returns the global norm and clips by it. Every rank of the group
    must call this (it is a collective).

    Args:
        parameters: a torch tensor, an iterable of tensors, or a `torch.nn.Module`
            (its `.parameters()`). NumPy and other arrays have no `.grad`: `TypeError`.
        max_norm: a real number `>= 0`; `math.inf` only computes the norm.
        ord: $p$, a real number `>= 1` or `math.inf`. 0 is rejected: it counts
            nonzeros, and clipping by a count does not bound the gradients
            (torch's `norm_type=0` returns the number of nonzero gradient tensors).
        error_if_nonfinite: raise `RuntimeError` if the total norm is inf or NaN
            (after the overflow-safe recomputation: a true inf or NaN in a gradient).
        foreach: as in torch: `None` uses the foreach kernels where the device
            supports them, `True` requires them, `False` loops over the tensors.
        group: `None`, or a `torch.distributed` process group.

    Returns:
        The total norm, a 0-D tensor on the device of the first gradient
        (`tensor(0.)` when no parameter has a gradient).

    Raises:
        TypeError: `parameters` are not torch tensors, `foreach` or
            `error_if_nonfinite` is not a bool.
        ValueError: `max_norm` is negative or NaN; `ord` is not `>= 1` or inf; some
            gradients are on the meta device and others are not.
        RuntimeError: `error_if_nonfinite=True` and the total norm is inf or NaN
            (the message names the parameters whose gradients hold inf or NaN).

    Examples:
        >>> import torch
        >>> from normdocs import clip_grad_norm_
        >>> w = torch.zeros(2, requires_grad=True)
        >>> w.grad = torch.tensor([3.0, 4.0])
        >>> clip_grad_norm_(w, 1.0)
        tensor(5.)
        >>> w.grad
        tensor([0.6000, 0.8000])
        >>> h = torch.zeros(2, dtype=torch.float16, requires_grad=True)
        >>> h.grad = torch.tensor([48000.0, 64000.0], dtype=torch.float16)  # torch: inf, 0
        >>> clip_grad_norm_(h, 1.0)
        tensor(80000.)
        >>> h.grad
        tensor([0.6001, 0.7998], dtype=torch.float16)
    """
    params = check_grad_parameters(parameters)
    c = check_max_norm(max_norm)
    p = check_norm_ord(ord)
    fail = check_bool(error_if_nonfinite, "error_if_nonfinite")
    fe = check_foreach(foreach)
    import torch

    with torch.no_grad():
        return _clip.clip_grad_norm(params, c, p, fail, fe, group)


def max_norm_(weight: Any, max_norm: float, *, ord: float = 2.0, axis: Axis = -1) -> Array:
    r"""Rescale in place each vector along `axis` whose norm exceeds `max_norm`.

    $$
    w_g \leftarrow w_g \cdot \min\Big(1, \frac{c}{\lVert w_g \rVert_p}\Big) ,
    $$

    the max-norm constraint of Srivastava et al. (2014, dropout), applied after each
    optimizer step: the projection of each vector $w_g$ onto the ball of radius $c$
    for $p = 2$ ([`project_l2_ball`][normdocs.project_l2_ball] is the out-of-place
    form). Vectors inside the ball are left exactly as they are. The norms are
    overflow-safe.

    Which vectors: those along `axis`. For a `torch.nn.Linear` weight, of shape
    `(out, in)`, the incoming weights of each unit are the rows: `axis=1`. Keras'
    `MaxNorm(c, axis=0)` on a Dense kernel of shape `(in, out)` constrains the same
    vectors (its columns): `max_norm_(kernel, c, axis=0)`.

    `torch.renorm(w, p, dim, maxnorm)` names the other axes: it rescales each
    sub-tensor `w.select(dim, i)`, so its norms run over every axis **except**
    `dim`. For a 2-D weight, `torch.renorm(w, 2, 0, c)` is `max_norm_(w, c, axis=1)`,
    and Keras' `MaxNorm(c, axis=0)` on a `(in, out)` kernel is
    `torch.renorm(kernel, 2, 1, c)`. torch.renorm and Keras also divide by
    $\lVert w_g \rVert + 10^{-7}$, not by the norm: the rescaled norm is then a little
    below $c$, by $10^{-7} / (\lVert w_g \rVert + 10^{-7})$ relative (negligible for
    norms near 1, 5 % for a norm of $2 \cdot 10^{-6}$);
    here it is $c$ up to rounding. Keras rescales every vector by that factor, also
    those inside the ball.

    Args:
        weight: a floating (or complex) NumPy array or torch tensor, changed in
            place (a torch tensor under `torch.no_grad()`, so a parameter's
            autograd history is not touched).
        max_norm: $c$, a finite real number `>= 0`.
        ord: $p$, a real number `>= 1` or `math.inf`.
        axis: the axis (an int, or a tuple of ints) of each vector; `None` treats the
            whole array as one vector.

    Returns:
        `weight` itself.

    Raises:
        TypeError: `weight` is not a NumPy array or torch tensor, or is not floating;
            `axis` is not an int or a tuple of ints.
        ValueError: `max_norm` is negative or not finite, `ord` is not `>= 1` or inf,
            `axis` is out of range or repeated, `weight` is read-only.

    Examples:
        >>> import numpy as np
        >>> from normdocs import max_norm_
        >>> w = np.array([[3.0, 4.0], [0.3, 0.4]])
        >>> max_norm_(w, 1.0, axis=1)  # row norms 5 and 0.5
        array([[0.6, 0.8],
               [0.3, 0.4]])
        >>> w[0]  # in place
        array([0.6, 0.8])
    """
    xp, w = check_inplace_array(weight, "weight")
    c = check_nonnegative(max_norm, "max_norm")
    p = check_norm_ord(ord)
    axes = check_axis(axis, w.ndim)
    if is_torch(xp):
        import torch

        guard: Any = torch.no_grad()
    else:
        guard = contextlib.nullcontext()
    with guard:
        wide, n = divisor_norms(xp, w, p, axes)  # float16 norms overflow at 65504
        outside = n > c  # NaN norms: False, left as they are
        if not bool(xp.any(outside)):
            return weight
        scale = xp.where(
            outside, ratio(xp, c, xp.where(outside, n, xp.ones_like(n))), xp.ones_like(n)
        )
        if wide.dtype != w.dtype:  # the product in the wide dtype, then written back
            scaled = back(xp, wide * scale, w)
            if is_torch(xp):
                w.copy_(scaled)
            else:
                w[...] = scaled
        elif is_torch(xp):
            w.mul_(scale)
        else:
            w *= scale
    return weight
