r"""Euclidean projections onto norm balls: the nearest point of the ball."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from normdocs._namespace import detach, device, finalize, kind, size, to_float
from normdocs._scaling import back, divisor_norms, ratio, widened
from normdocs._validation import as_array, check_axis, check_nonnegative
from normdocs.norms import Axis

Array = Any


def project_l2_ball(x: Any, radius: float = 1.0, *, axis: Axis = None) -> Array:
    r"""The Euclidean projection onto the L2 ball of radius $r$: $x \min(1, r / \lVert x \rVert_2)$.

    $$
    P(x) = \arg\min_{\lVert z \rVert_2 \le r} \lVert z - x \rVert_2
    = \begin{cases}
      x & \lVert x \rVert_2 \le r \\
      r \, x / \lVert x \rVert_2 & \text{otherwise,}
    \end{cases}
    $$

    of each vector along `axis`, or of the whole array (`axis=None`). The
    projected-gradient step of a norm constraint; along the rows of a weight matrix
    it is the max-norm constraint (see [`max_norm_`][normdocs.max_norm_], its in-place
    form). The norm is overflow-safe; through PyTorch the gradient is finite.

    Args:
        x: NumPy array, PyTorch tensor (autograd kept), Array API array, nested
            list or scalar; integers are promoted to the default float; complex
            vectors are projected as vectors of $\mathbb{R}^{2n}$.
        radius: $r$, a finite real number `>= 0`.
        axis: `None` (the whole array is one vector), an int, or a tuple of ints.

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError: `x` is not numeric, or `axis` is not an int or a tuple of ints.
        ValueError: `radius` is negative or not finite; `axis` is out of range or repeated.

    Examples:
        >>> from normdocs import project_l2_ball
        >>> project_l2_ball([3.0, 4.0])
        array([0.6, 0.8])
        >>> project_l2_ball([[3.0, 4.0], [0.3, 0.4]], 1.0, axis=1)  # each row
        array([[0.6, 0.8],
               [0.3, 0.4]])
    """
    xp, a, r, axes = _arguments(x, radius, axis)
    w, n = divisor_norms(xp, a, 2, axes)
    outside = n > r
    scale = xp.where(outside, ratio(xp, r, xp.where(outside, n, xp.ones_like(n))), xp.ones_like(n))
    return finalize(xp, back(xp, w * scale, a))


def project_linf_ball(x: Any, radius: float = 1.0, *, axis: Axis = None) -> Array:
    r"""The Euclidean projection onto the L-infinity ball: each entry clipped to $[-r, r]$.

    $$
    P(x)_i = \operatorname{clip}(x_i, -r, r) ,
    $$

    the same for every `axis`: the ball of the max norm is a box, so the vectors
    along any axis are projected by clipping their entries (`axis` is accepted, and
    checked, for the signature shared with the other balls). Complex entries keep
    their phase: $x_i \min(1, r / |x_i|)$. Through PyTorch the gradient is 1 inside
    the box and 0 outside.

    Args:
        x: as in [`project_l2_ball`][normdocs.project_l2_ball].
        radius: $r$, a finite real number `>= 0`.
        axis: `None`, an int, or a tuple of ints (the result does not depend on it).

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError, ValueError: as in [`project_l2_ball`][normdocs.project_l2_ball].

    Examples:
        >>> from normdocs import project_linf_ball
        >>> project_linf_ball([-3.0, 0.5, 2.0])
        array([-1. ,  0.5,  1. ])
    """
    xp, a, r, _ = _arguments(x, radius, axis)
    if kind(xp, a) == "c":
        mag = xp.abs(a)
        outside = mag > r
        safe = xp.where(outside, mag, xp.ones_like(mag))
        scale = xp.where(outside, ratio(xp, r, safe), xp.ones_like(mag))
        return finalize(xp, a * scale)
    return finalize(xp, xp.clip(a, -r, r))


def project_l1_ball(x: Any, radius: float = 1.0, *, axis: Axis = None) -> Array:
    r"""The Euclidean projection onto the L1 ball of radius $r$, by sorting.

    $$
    P(x) = \arg\min_{\lVert z \rVert_1 \le r} \lVert z - x \rVert_2
    = \operatorname{sign}(x) \max(|x| - \theta, 0) ,
    $$

    soft-thresholding by the $\theta \ge 0$ that puts the result on the sphere
    $\lVert z \rVert_1 = r$ when $x$ lies outside the ball ($\theta = 0$ inside).
    With $u$ the moduli $|x_i|$ sorted in decreasing order,
    $\theta = \max\big(0, \max_k \tfrac1k (\sum_{i \le k} u_i - r)\big)$: the
    sort-based algorithm of Duchi, Shalev-Shwartz, Singer and Chandra (2008),
    $O(n \log n)$, vectorized over the vectors along `axis` (or the whole array,
    `axis=None`). The result is sparse: entries with $|x_i| \le \theta$ become 0.
    $\theta$ is computed on $x / \max_i |x_i|$, so the sums do not overflow (float16
    is computed in float32); like any floating-point $|x_i| - \theta$, the result is
    exact up to about the rounding unit times $\max_i |x_i|$.
    Complex entries keep their phase. Through PyTorch the gradient flows through
    the sort (the projection is piecewise linear).

    Args:
        x: as in [`project_l2_ball`][normdocs.project_l2_ball].
        radius: $r$, a finite real number `>= 0`.
        axis: `None` (the whole array is one vector), an int, or a tuple of ints.

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError, ValueError: as in [`project_l2_ball`][normdocs.project_l2_ball].

    Examples:
        >>> from normdocs import project_l1_ball
        >>> project_l1_ball([3.0, 1.0])
        array([1., 0.])
        >>> project_l1_ball([0.8, -0.6, 0.1])  # theta = 0.2
        array([ 0.6, -0.4,  0. ])
    """
    xp, a, r, axes = _arguments(x, radius, axis)
    w = widened(xp, a)  # float16's sums of moduli overflow at 65504
    if size(w) == 0 or not axes:  # nothing, or vectors of one entry
        mag = xp.abs(w)
        theta = xp.maximum(mag - r, xp.zeros_like(mag))
    else:
        theta = _l1_threshold(xp, xp.abs(w), r, axes)
    return finalize(xp, back(xp, _shrink(xp, w, theta), a))


def _arguments(x: Any, radius: object, axis: object) -> tuple[Any, Array, float, tuple[int, ...]]:
    xp, a = as_array(x, "x")
    r = check_nonnegative(radius, "radius")
    axes = check_axis(axis, a.ndim)
    return xp, to_float(xp, a), r, axes


def _l1_threshold(xp: Any, mag: Array, r: float, axes: tuple[int, ...]) -> Array:
    """Duchi et al.'s theta for each vector of ``mag`` (>= 0) along ``axes``, keepdims.

    Computed as ``m * theta(mag / m, r / m)`` with ``m`` the largest modulus of each vector
    (theta is homogeneous): the cumulative sums of ``mag / m`` do not overflow.
    """
    m = detach(xp, xp.max(mag, axis=axes, keepdims=True))
    m = xp.where((m > 0) & (m < math.inf), m, xp.ones_like(m))
    with np.errstate(over="ignore"):  # r / m = inf for a tiny m: theta 0, as it should
        r_m = ratio(xp, r, m)
    return m * _unscaled_l1_threshold(xp, mag / m, r_m, axes)


def _unscaled_l1_threshold(xp: Any, mag: Array, r: Array, axes: tuple[int, ...]) -> Array:
    ndim = mag.ndim
    others = [i for i in range(ndim) if i not in axes]
    perm = (*others, *axes)
    lead = tuple(mag.shape[i] for i in others)
    n = math.prod(mag.shape[i] for i in axes)
    rows = xp.reshape(xp.permute_dims(mag, perm), (*lead, n))  # one vector per row
    u = xp.flip(xp.sort(rows, axis=-1), axis=-1)  # decreasing
    k = xp.arange(1, n + 1, dtype=u.dtype, device=device(u))
    r_rows = xp.reshape(xp.permute_dims(r, perm), (*lead, 1))
    theta = xp.max((xp.cumulative_sum(u, axis=-1) - r_rows) / k, axis=-1)
    theta = xp.maximum(theta, xp.zeros_like(theta))
    # back to the shape of mag, with size 1 along the axes
    kept = xp.reshape(theta, (*lead, *(1 for _ in axes)))
    inverse = tuple(perm.index(i) for i in range(ndim))
    return xp.permute_dims(kept, inverse)


def _shrink(xp: Any, a: Array, theta: Array) -> Array:
    """``sign(a) * max(|a| - theta, 0)`` (``a / |a|`` for the sign of complex entries)."""
    mag = xp.abs(a)
    shrunk = xp.maximum(mag - theta, xp.zeros_like(mag))
    if kind(xp, a) == "c":
        return a * (shrunk / xp.where(mag > 0, mag, xp.ones_like(mag)))
    return xp.sign(a) * shrunk
