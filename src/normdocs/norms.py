r"""Vector and matrix norms that neither overflow nor underflow, with finite gradients."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from normdocs import _generic, _numpy
from normdocs._namespace import is_numpy, is_torch, lazy_module
from normdocs._validation import (
    as_array,
    check_axis,
    check_matrix_ndim,
    check_matrix_ord,
    check_vector_ord,
)

if TYPE_CHECKING:
    from normdocs import _torch
else:
    _torch = lazy_module("normdocs._torch")  # it imports torch: at the first call with a tensor

Array = Any
Axis = int | tuple[int, ...] | None


def vector_norm(x: Any, ord: float = 2, *, axis: Axis = None, keepdims: bool = False) -> Array:
    r"""The vector $p$-norm of `x`, over all elements or along `axis`.

    $$
    \lVert x \rVert_p = \Big(\sum_i |x_i|^p\Big)^{1/p} \quad (p \ge 1), \qquad
    \lVert x \rVert_\infty = \max_i |x_i|, \qquad
    \lVert x \rVert_0 = \#\{i : x_i \ne 0\}.
    $$

    $\lVert x \rVert_0$ counts nonzeros; it is **not a norm**, since
    $\lVert 2x \rVert_0 = \lVert x \rVert_0 \ne 2 \lVert x \rVert_0$.

    Unlike `numpy.linalg.norm` and `torch.linalg.vector_norm`, the result neither
    overflows nor underflows when the true value is representable: a fast
    unscaled pass is checked and, only when its sum of powers left the normal
    range, redone as $m \, \lVert x / m \rVert_p$ with $m = \max_i |x_i|$.
    Through PyTorch the gradient equals `torch.linalg.vector_norm`'s, and is 0
    (a valid subgradient) at $x = 0$. For a Dask array the result is a lazy Dask
    array that reads each chunk once: the norm of the chunks' norms, each overflow-safe.

    Args:
        x: NumPy array, PyTorch tensor, any Array API array, nested list or scalar.
            Integer and boolean inputs are promoted to the library's default float;
            complex inputs use the modulus $|x_i|$.
        ord: 0, any real $p \ge 1$, or `math.inf`.
        axis: `None` (all elements), an int, or a tuple of ints.
        keepdims: keep the reduced axes with size one.

    Returns:
        An array of the input's library and real floating dtype (a NumPy scalar
        for a NumPy reduction over every axis). The empty vector has norm 0 for
        every `ord`; NaN propagates.

    Raises:
        TypeError: `x` is not numeric, or `axis` is not an int or a tuple of ints.
        ValueError: `ord` is not 0, $\ge 1$ or inf; `axis` is out of range or repeated.

    Examples:
        >>> import numpy as np
        >>> from normdocs import vector_norm
        >>> vector_norm([3.0, -4.0])
        np.float64(5.0)
        >>> vector_norm(np.array([1e200, 1e200]))  # numpy.linalg.norm gives inf
        np.float64(1.414213562373095e+200)
        >>> vector_norm([[1, -2], [3, 4]], ord=1, axis=1)
        array([3., 7.])
    """
    xp, a = as_array(x, "x")
    p = check_vector_ord(ord)
    axes = check_axis(axis, a.ndim)
    if is_numpy(xp):
        return _numpy.vector_norm(xp, a, p, axes, keepdims)
    if is_torch(xp):
        return _torch.vector_norm(xp, a, p, axes, keepdims)
    return _generic.vector_norm(xp, a, p, axes, keepdims)


def l1_norm(x: Any, *, axis: Axis = None, keepdims: bool = False) -> Array:
    r"""The L1 (Manhattan) norm $\lVert x \rVert_1 = \sum_i |x_i|$.

    Same as `vector_norm(x, 1, axis=axis, keepdims=keepdims)`; see
    [`vector_norm`][normdocs.vector_norm] for arguments and errors.

    Examples:
        >>> from normdocs import l1_norm
        >>> l1_norm([3.0, -4.0])
        np.float64(7.0)
    """
    return vector_norm(x, 1, axis=axis, keepdims=keepdims)


def l2_norm(x: Any, *, axis: Axis = None, keepdims: bool = False) -> Array:
    r"""The L2 (Euclidean) norm $\lVert x \rVert_2 = \sqrt{\sum_i x_i^2}$, overflow-safe.

    Same as `vector_norm(x, 2, axis=axis, keepdims=keepdims)`; see
    [`vector_norm`][normdocs.vector_norm] for arguments and errors.

    Examples:
        >>> import numpy as np
        >>> from normdocs import l2_norm
        >>> l2_norm([3.0, -4.0])
        np.float64(5.0)
        >>> l2_norm(np.array([3e20, 4e20], dtype=np.float32))  # float32 squares overflow
        np.float32(5e+20)
    """
    return vector_norm(x, 2, axis=axis, keepdims=keepdims)


def linf_norm(x: Any, *, axis: Axis = None, keepdims: bool = False) -> Array:
    r"""The L-infinity (max) norm $\lVert x \rVert_\infty = \max_i |x_i|$.

    Same as `vector_norm(x, math.inf, axis=axis, keepdims=keepdims)`; see
    [`vector_norm`][normdocs.vector_norm] for arguments and errors. The empty
    vector has norm 0 (NumPy and PyTorch raise).

    Examples:
        >>> from normdocs import linf_norm
        >>> linf_norm([3.0, -4.0])
        np.float64(4.0)
    """
    return vector_norm(x, math.inf, axis=axis, keepdims=keepdims)


def l0_norm(x: Any, *, axis: Axis = None, keepdims: bool = False) -> Array:
    r"""The number of nonzero entries, $\lVert x \rVert_0 = \#\{i : x_i \ne 0\}$.

    Not a norm: it is not homogeneous ($\lVert 2x \rVert_0 = \lVert x \rVert_0$).
    Returned in the input's floating dtype. A NaN entry makes the count NaN.
    Same as `vector_norm(x, 0, axis=axis, keepdims=keepdims)`.

    Examples:
        >>> from normdocs import l0_norm
        >>> l0_norm([0.0, 3.0, 0.0, -4.0])
        np.float64(2.0)
    """
    return vector_norm(x, 0, axis=axis, keepdims=keepdims)


def matrix_norm(A: Any, ord: str | float = "fro", *, keepdims: bool = False) -> Array:
    r"""A matrix norm over the last two axes of `A` (batched over the others).

    $$
    \lVert A \rVert_F = \sqrt{\textstyle\sum_{ij} |a_{ij}|^2}, \quad
    \lVert A \rVert_* = \textstyle\sum_k \sigma_k, \quad
    \lVert A \rVert_2 = \sigma_{\max}, \quad
    \lVert A \rVert_1 = \max_j \textstyle\sum_i |a_{ij}|, \quad
    \lVert A \rVert_\infty = \max_i \textstyle\sum_j |a_{ij}|,
    $$

    where $\sigma_k$ are the singular values. `ord=1` is the **maximum column sum**
    (the operator norm induced by $\lVert\cdot\rVert_1$), not the sum of all $|a_{ij}|$.
    Matches `numpy.linalg.norm(A, ord)` for matrices, without its overflow and
    underflow (the input is scaled by $\max |a_{ij}|$ before the SVD). For a Dask
    array the result is lazy; `"fro"`, `1` and `inf` work on any chunks.

    Args:
        A: an array with at least 2 dimensions, of any library `vector_norm` accepts.
        ord: `"fro"`, `"nuc"`, `1`, `2` (spectral) or `math.inf`.
        keepdims: keep the last two axes with size one.

    Returns:
        An array of the input's library and real floating dtype; NaN propagates,
        an empty matrix has norm 0.

    Raises:
        TypeError: `A` is not numeric.
        ValueError: `ord` is not allowed, or `A` has fewer than 2 dimensions; or `ord`
            is 2 or `"nuc"` and `A` is a Dask array chunked along both of its last two
            axes (the message says how to rechunk it).

    Examples:
        >>> import math
        >>> from normdocs import matrix_norm
        >>> A = [[1.0, -2.0], [3.0, 4.0]]
        >>> float(matrix_norm(A, 1)), float(matrix_norm(A, math.inf))
        (6.0, 7.0)
        >>> round(float(matrix_norm(A, 2)), 4), round(float(matrix_norm(A)), 4)
        (5.1167, 5.4772)
    """
    xp, a = as_array(A, "A")
    o = check_matrix_ord(ord)
    check_matrix_ndim(a, "A")
    if is_numpy(xp):
        return _numpy.matrix_norm(xp, a, o, keepdims)
    if is_torch(xp):
        return _torch.matrix_norm(xp, a, o, keepdims)
    return _generic.matrix_norm(xp, a, o, keepdims)


def norm_of(xp: Any, a: Array, p: float, axes: tuple[int, ...], keepdims: bool) -> Array:
    """``vector_norm`` of a validated array (for the functions built on it)."""
    if is_numpy(xp):
        return _numpy.vector_norm(xp, a, p, axes, keepdims)
    if is_torch(xp):
        return _torch.vector_norm(xp, a, p, axes, keepdims)
    return _generic.vector_norm(xp, a, p, axes, keepdims)


def l21_norm(x: Any, *, axis: Axis = -1) -> Array:
    r"""The $\ell_{2,1}$ norm: the sum of the L2 norms of the vectors along `axis`.

    $$
    \lVert X \rVert_{2,1} = \sum_g \lVert x_g \rVert_2 ,
    $$

    where $x_g$ runs over the vectors along `axis` (for a matrix and `axis=-1`, its
    rows). As a penalty it is the group lasso: it sets whole groups (rows) to zero,
    where the L1 norm zeroes single entries. Its proximal operator is
    [`group_soft_threshold`][normdocs.group_soft_threshold]. Each group norm is
    overflow-safe as in [`vector_norm`][normdocs.vector_norm]; through PyTorch the
    gradient of a zero group is 0 (a subgradient).

    Args:
        x: NumPy array, PyTorch tensor, Array API array, nested list or scalar.
        axis: the axis (an int, or a tuple of ints) of each group's vector; `None`
            makes the whole array one group (the L2 norm).

    Returns:
        A 0-D array of `x`'s library and real floating dtype (a NumPy scalar for NumPy).

    Raises:
        TypeError: `x` is not numeric, or `axis` is not an int or a tuple of ints.
        ValueError: `axis` is out of range or repeated.

    Examples:
        >>> from normdocs import l21_norm
        >>> l21_norm([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]])  # 5 + 0 + 1
        np.float64(6.0)
        >>> l21_norm([[3.0, 4.0], [0.0, 0.0]], axis=0)  # columns: 3 + 4
        np.float64(7.0)
    """
    xp, a = as_array(x, "x")
    axes = check_axis(axis, a.ndim)
    groups = norm_of(xp, a, 2, axes, False)
    return norm_of(xp, groups, 1, tuple(range(groups.ndim)), False)
