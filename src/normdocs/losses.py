r"""Regression losses as norms of the residual $r = \text{input} - \text{target}$."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from normdocs import _generic
from normdocs._namespace import is_torch, lazy_module
from normdocs._validation import check_loss_arrays, check_nonnegative

if TYPE_CHECKING:
    from normdocs import _torch
else:
    _torch = lazy_module("normdocs._torch")  # it imports torch: at the first call with a tensor

Array = Any


def mse_loss(input: Any, target: Any, *, reduction: str = "mean") -> Array:
    r"""Mean squared error, the squared L2 norm of the residual divided by its size.

    $$
    \operatorname{MSE} = \frac{1}{n} \lVert \text{input} - \text{target} \rVert_2^2
    = \frac{1}{n} \sum_i (\text{input}_i - \text{target}_i)^2 .
    $$

    Same values as `torch.nn.functional.mse_loss`, but shapes must match exactly:
    a `(N, 1)` input against a `(N,)` target is an error, not a silent `(N, N)`
    broadcast.

    Args:
        input: predictions (NumPy, PyTorch, Array API array, nested list or scalar).
        target: targets of the same shape; nested lists join `input`'s library.
        reduction: `"mean"` (divide by the number of elements), `"sum"`, or
            `"none"` (the elementwise squared residuals).

    Raises:
        TypeError: non-numeric input, or `input` and `target` from different libraries.
        ValueError: shapes differ, `reduction` is unknown, or `"mean"` of an empty input.

    Examples:
        >>> from normdocs import mse_loss
        >>> mse_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
        np.float64(4.333333333333333)
    """
    xp, a, b, red = check_loss_arrays(input, target, reduction)
    if is_torch(xp):
        return _torch.mse_loss(xp, a, b, red)
    return _generic.mse_loss(xp, a, b, red)


def l1_loss(input: Any, target: Any, *, reduction: str = "mean") -> Array:
    r"""Mean absolute error, the L1 norm of the residual divided by its size.

    $$
    \operatorname{MAE} = \frac{1}{n} \lVert \text{input} - \text{target} \rVert_1
    = \frac{1}{n} \sum_i |\text{input}_i - \text{target}_i| .
    $$

    Robust to outliers (each residual counts linearly). Not to be confused with
    the L1 *penalty* on weights ([`l1_penalty`][normdocs.l1_penalty]). Arguments,
    shape rule and errors as in [`mse_loss`][normdocs.mse_loss].

    Examples:
        >>> from normdocs import l1_loss
        >>> l1_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0])
        np.float64(1.6666666666666667)
    """
    xp, a, b, red = check_loss_arrays(input, target, reduction)
    if is_torch(xp):
        return _torch.l1_loss(xp, a, b, red)
    return _generic.l1_loss(xp, a, b, red)


def huber_loss(input: Any, target: Any, *, delta: float = 1.0, reduction: str = "mean") -> Array:
    r"""Huber loss: quadratic for small residuals, linear (robust) for large ones.

    $$
    \ell_\delta(r) =
    \begin{cases}
      \tfrac12 r^2 & |r| < \delta \\
      \delta \big(|r| - \tfrac12 \delta\big) & \text{otherwise}
    \end{cases}
    $$

    averaged or summed over $r = \text{input} - \text{target}$; the same
    definition as `torch.nn.functional.huber_loss`. PyTorch's `smooth_l1_loss`
    with `beta=delta` equals this divided by $\delta$.

    Args:
        input: predictions, as in [`mse_loss`][normdocs.mse_loss].
        target: targets of the same shape.
        reduction: `"mean"`, `"sum"` or `"none"`, as in `mse_loss`.
        delta: the threshold between the quadratic and the linear part, `> 0`.

    Raises:
        ValueError: `delta` is not a finite number `> 0`; and as in `mse_loss`.

    Examples:
        >>> from normdocs import huber_loss
        >>> huber_loss([0.5, 3.0], [0.0, 0.0], reduction="none")
        array([0.125, 2.5  ])
    """
    xp, a, b, red = check_loss_arrays(input, target, reduction)
    d = check_nonnegative(delta, "delta", positive=True)
    if is_torch(xp):
        return _torch.huber_loss(xp, a, b, d, red)
    return _generic.huber_loss(xp, a, b, d, red)


def smooth_l1_loss(input: Any, target: Any, *, beta: float = 1.0, reduction: str = "mean") -> Array:
    r"""Smooth L1 loss: quadratic below `beta`, then the L1 loss shifted by $\beta / 2$.

    $$
    \ell_\beta(r) =
    \begin{cases}
      \tfrac12 r^2 / \beta & |r| < \beta \\
      |r| - \tfrac12 \beta & \text{otherwise}
    \end{cases}
    $$

    averaged or summed over $r = \text{input} - \text{target}$; the same definition
    as `torch.nn.functional.smooth_l1_loss` (Fast R-CNN's box loss). It is the Huber
    loss divided by its threshold: for $\beta > 0$,
    `smooth_l1_loss(x, y, beta=b) == huber_loss(x, y, delta=b) / b`, so its slope
    for large residuals is 1 whatever `beta` (Huber's is `delta`). `beta=0` is the
    L1 loss ([`l1_loss`][normdocs.l1_loss]), as in torch.

    Args:
        input: predictions, as in [`mse_loss`][normdocs.mse_loss].
        target: targets of the same shape (no broadcasting).
        beta: the threshold between the quadratic and the linear part, a finite
            real number `>= 0`.
        reduction: `"mean"`, `"sum"` or `"none"`, as in `mse_loss`.

    Raises:
        ValueError: `beta` is negative or not finite; and as in `mse_loss`.
        TypeError: as in `mse_loss`.

    Examples:
        >>> from normdocs import smooth_l1_loss
        >>> smooth_l1_loss([0.5, 3.0], [0.0, 0.0], reduction="none")
        array([0.125, 2.5  ])
        >>> smooth_l1_loss([0.5, 3.0], [0.0, 0.0], beta=2.0, reduction="none")
        array([0.0625, 2.    ])
    """
    xp, a, b, red = check_loss_arrays(input, target, reduction)
    bt = check_nonnegative(beta, "beta")
    if is_torch(xp):
        return _torch.smooth_l1_loss(xp, a, b, bt, red)
    return _generic.smooth_l1_loss(xp, a, b, bt, red)
