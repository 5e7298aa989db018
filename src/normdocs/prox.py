r"""Proximal operators of norm penalties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normdocs import _generic
from normdocs._namespace import finalize, is_torch, lazy_module, to_float
from normdocs._scaling import back, divisor_norms
from normdocs._validation import as_array, check_axis, check_nonnegative
from normdocs.norms import Axis

if TYPE_CHECKING:
    from normdocs import _torch
else:
    _torch = lazy_module("normdocs._torch")  # it imports torch: at the first call with a tensor

Array = Any


def soft_threshold(x: Any, threshold: float) -> Array:
    r"""Soft-thresholding, the proximal operator of $t \lVert x \rVert_1$:

    $$
    \operatorname{prox}_{t\lVert\cdot\rVert_1}(x)
    = \arg\min_z \tfrac12 \lVert z - x \rVert_2^2 + t \lVert z \rVert_1
    = \operatorname{sign}(x) \max(|x| - t, 0).
    $$

    Entries with $|x_i| \le t$ become exactly 0; the others move $t$ towards 0.
    This is the step that makes ISTA and coordinate descent produce sparse
    lasso solutions. For complex input, $\operatorname{sign}(x) = x / |x|$.

    Args:
        x: NumPy array, PyTorch tensor (autograd kept), Array API array, nested
            list or scalar; integers are promoted to the default float.
        threshold: $t$, a finite real number `>= 0`.

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError: `x` is not numeric.
        ValueError: `threshold` is negative, not finite or not a real number.

    Examples:
        >>> from normdocs import soft_threshold
        >>> soft_threshold([-3.0, -0.5, 0.0, 0.8, 2.0], 1.0)
        array([-2., -0.,  0.,  0.,  1.])
    """
    xp, a = as_array(x, "x")
    t = check_nonnegative(threshold, "threshold")
    a = to_float(xp, a)
    if is_torch(xp):
        return _torch.soft_threshold(xp, a, t)
    return _generic.soft_threshold(xp, a, t)


def group_soft_threshold(x: Any, threshold: float, *, axis: Axis = -1) -> Array:
    r"""Group soft-thresholding, the proximal operator of $t \lVert X \rVert_{2,1}$:

    $$
    \operatorname{prox}_{t\lVert\cdot\rVert_{2,1}}(X)_g
    = \max\Big(1 - \frac{t}{\lVert x_g \rVert_2}, 0\Big) \, x_g ,
    $$

    for each vector $x_g$ along `axis` (see [`l21_norm`][normdocs.l21_norm]). A group
    whose norm is at most $t$ becomes exactly 0; the others shrink towards 0 by $t$
    in norm, keeping their direction. The step of proximal gradient methods for the
    group lasso. With one element per group it is
    [`soft_threshold`][normdocs.soft_threshold]. The group norms are overflow-safe,
    and through PyTorch the gradient is finite everywhere (0 on the groups set to 0).

    Args:
        x: NumPy array, PyTorch tensor (autograd kept), Array API array, nested
            list or scalar; integers are promoted to the default float.
        threshold: $t$, a finite real number `>= 0`.
        axis: the axis (an int, or a tuple of ints) of each group's vector; `None`
            makes the whole array one group.

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError: `x` is not numeric, or `axis` is not an int or a tuple of ints.
        ValueError: `threshold` is negative, not finite or not a real number; `axis`
            is out of range or repeated.

    Examples:
        >>> from normdocs import group_soft_threshold
        >>> group_soft_threshold([[3.0, 4.0], [0.3, 0.4]], 1.0)  # norms 5 and 0.5
        array([[2.4, 3.2],
               [0. , 0. ]])
    """
    xp, a = as_array(x, "x")
    t = check_nonnegative(threshold, "threshold")
    axes = check_axis(axis, a.ndim)
    a = to_float(xp, a)
    w, n = divisor_norms(xp, a, 2, axes)
    keep = n > t
    scale = xp.where(keep, (n - t) / xp.where(keep, n, xp.ones_like(n)), xp.zeros_like(n))
    return finalize(xp, back(xp, w * scale, a))
