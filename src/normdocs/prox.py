r"""Proximal operators of norm penalties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normdocs import _generic
from normdocs._namespace import is_torch, lazy_module, to_float
from normdocs._validation import as_array, check_nonnegative

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
