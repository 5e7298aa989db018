r"""Unit vectors and angles: `normalize` and `cosine_similarity`, overflow-safe."""

from __future__ import annotations

from typing import Any

from normdocs._namespace import device, finalize, kind, to_float
from normdocs._scaling import back, divisor_norms
from normdocs._validation import as_array, as_arrays, check_axis, check_nonnegative, check_norm_ord
from normdocs.norms import Axis

Array = Any


def normalize(x: Any, ord: float = 2, *, axis: Axis = -1, eps: float = 1e-12) -> Array:
    r"""Each vector along `axis` divided by its norm, as `torch.nn.functional.normalize`.

    $$
    \operatorname{normalize}(x) = \frac{x}{\max(\lVert x \rVert_p, \varepsilon)} ,
    $$

    the same definition as `torch.nn.functional.normalize(x, p=ord, dim=axis, eps=eps)`;
    $\varepsilon$ keeps a zero vector at 0 (instead of 0 / 0). Unlike torch's, the norm
    does not overflow or underflow: `normalize([1e200, 1e200])` is
    $[0.7071, 0.7071]$, where torch gives $[0, 0]$ (its norm overflows to inf).
    Through PyTorch the gradient is finite everywhere, also at $x = 0$ (there it is
    $1 / \varepsilon$ times the identity, the derivative of $x / \varepsilon$).

    Args:
        x: NumPy array, PyTorch tensor (autograd kept), Array API array, nested
            list or scalar; integers are promoted to the default float.
        ord: $p$, a real number `>= 1` or `math.inf`.
        axis: the axis (an int, or a tuple of ints) of each vector; `None` normalizes
            the whole array as one vector.
        eps: $\varepsilon$, a finite real number `>= 0`.

    Returns:
        An array of `x`'s library, shape and floating dtype.

    Raises:
        TypeError: `x` is not numeric, or `axis` is not an int or a tuple of ints.
        ValueError: `ord` is not `>= 1` or inf (0 is not a norm), `eps` is negative or
            not finite, `axis` is out of range or repeated.

    Examples:
        >>> from normdocs import normalize
        >>> normalize([[3.0, 4.0], [0.0, 0.0]])
        array([[0.6, 0.8],
               [0. , 0. ]])
        >>> normalize([3.0, -4.0], ord=1)
        array([ 0.42857143, -0.57142857])
    """
    xp, a = as_array(x, "x")
    p = check_norm_ord(ord)
    axes = check_axis(axis, a.ndim)
    e = check_nonnegative(eps, "eps")
    a = to_float(xp, a)
    return finalize(xp, back(xp, _normalized(xp, a, p, axes, e), a))


def _normalized(xp: Any, a: Array, p: float, axes: tuple[int, ...], eps: float) -> Array:
    """``a / max(||a||, eps)``, widened where the norms would overflow (``_scaling``)."""
    w, n = divisor_norms(xp, a, p, axes)
    return w / xp.maximum(n, xp.asarray(eps, dtype=n.dtype, device=device(n)))


def cosine_similarity(x1: Any, x2: Any, *, axis: int = -1, eps: float = 1e-8) -> Array:
    r"""The cosine of the angle between the vectors along `axis`, as in `torch.nn.functional`.

    $$
    \cos(x_1, x_2) = \frac{x_1 \cdot x_2}{\max(\lVert x_1 \rVert_2, \varepsilon)\,
    \max(\lVert x_2 \rVert_2, \varepsilon)}
    = \sum_i \frac{x_{1,i}}{\max(\lVert x_1 \rVert_2, \varepsilon)}
    \frac{x_{2,i}}{\max(\lVert x_2 \rVert_2, \varepsilon)} ,
    $$

    each norm clamped to $\varepsilon$ on its own, as torch 2.x does (torch 1.x
    clamped the product of the norms, which gives other values for short vectors).
    The inputs broadcast against each other, as in torch, and `axis` refers to the
    broadcast shape. Computed as the dot product of the two normalized vectors, with
    overflow-safe norms: `cosine_similarity([1e200, 1e200], [1e200, 1e200])` is 1,
    where torch gives 0. The values equal torch's up to rounding; so do the
    gradients wherever both norms exceed $\varepsilon$. Where a norm is below
    $\varepsilon$, ours is the derivative of the value returned (torch's, with the
    clamp applied in place outside autograd, is not).

    Args:
        x1: NumPy array, PyTorch tensor (autograd kept), Array API array, nested
            list or scalar; real, integers promoted to the default float.
        x2: the same, of one library with `x1`, broadcastable against it.
        axis: the axis of the vectors, in the broadcast shape.
        eps: $\varepsilon$, a finite real number `>= 0`.

    Returns:
        An array of the inputs' library and floating dtype, of the broadcast shape
        without `axis` (a NumPy scalar for two NumPy vectors).

    Raises:
        TypeError: an input is not numeric or is complex, the inputs come from two
            libraries, or `axis` is not an int.
        ValueError: the shapes do not broadcast, `axis` is out of range, `eps` is
            negative or not finite.

    Examples:
        >>> from normdocs import cosine_similarity
        >>> cosine_similarity([1.0, 0.0], [1.0, 1.0])
        np.float64(0.7071067811865475)
        >>> cosine_similarity([[1.0, 0.0], [0.0, 2.0]], [0.0, 1.0])  # broadcast
        array([0., 1.])
    """
    xp, (a, b) = as_arrays([(x1, "x1"), (x2, "x2")])
    for arr, name in ((a, "x1"), (b, "x2")):
        if kind(xp, arr) == "c":
            raise TypeError(
                f"`{name}` must be real for cosine_similarity; got dtype {arr.dtype} "
                "(for complex vectors, take the real part of vdot(x1, x2) / norms yourself)"
            )
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise TypeError(f"`axis` must be an int; got {axis!r}")
    e = check_nonnegative(eps, "eps")
    a, b = to_float(xp, a), to_float(xp, b)
    dtype = xp.result_type(a.dtype, b.dtype)
    a, b = xp.astype(a, dtype, copy=False), xp.astype(b, dtype, copy=False)
    try:
        a, b = xp.broadcast_arrays(a, b)
    except (ValueError, RuntimeError):
        raise ValueError(
            f"`x1` and `x2` must broadcast to one shape; got {tuple(a.shape)} and {tuple(b.shape)}"
        ) from None
    axes = check_axis(axis, a.ndim)
    na, nb = _normalized(xp, a, 2, axes, e), _normalized(xp, b, 2, axes, e)
    if na.dtype != nb.dtype:  # one of them was widened
        wide = xp.result_type(na.dtype, nb.dtype)
        na, nb = xp.astype(na, wide), xp.astype(nb, wide)
    return finalize(xp, back(xp, xp.sum(na * nb, axis=axes), a))
