r"""Norm penalties on model parameters: L1, L2 (weight decay) and elastic net."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any

from normdocs import _generic, _numpy
from normdocs._namespace import finalize, is_numpy, is_torch, lazy_module
from normdocs._validation import check_data_loss, check_nonnegative, check_params, check_ratio

if TYPE_CHECKING:
    from normdocs import _torch
else:
    _torch = lazy_module("normdocs._torch")  # it imports torch: at the first call with a tensor

Array = Any


def l1_penalty(params: Any) -> Array:
    r"""The L1 penalty $R_1(w) = \lVert w \rVert_1 = \sum_i |w_i|$ over all parameters.

    The penalty behind the lasso and sparse models: the *minimizer* of a loss plus
    $\lambda R_1$ has exact zeros, for every weight whose data gradient at the
    optimum is at most $\lambda$ in size (the kink of $|w_i|$ at 0 absorbs it).
    Gradient descent on this penalty does not find those zeros: its subgradient
    step $\lambda \operatorname{sign}(w_i)$ jumps over 0, so the weights end near
    zero, not at it. Proximal methods reach them (a gradient step on the data loss,
    then [`soft_threshold`][normdocs.soft_threshold]; ISTA), as does coordinate
    descent (scikit-learn's `Lasso`). At $w_i = 0$ the gradient through PyTorch is 0.

    Args:
        params: one array, an iterable of arrays (all of one library), or a
            `torch.nn.Module` (its `.parameters()`). Nested lists count as NumPy.

    Returns:
        A 0-D array (NumPy scalar or torch scalar tensor, autograd kept).

    Raises:
        TypeError: a parameter is not numeric, or parameters mix libraries.
        ValueError: `params` is empty.

    Examples:
        >>> from normdocs import l1_penalty
        >>> l1_penalty([[1.0, -2.0], [0.5]])
        np.float64(3.5)
    """
    xp, ps = check_params(params)
    return _l1_penalty(xp, ps)


def _l1_penalty(xp: Any, ps: list[Array]) -> Array:
    """The choice of implementation, for validated ``params`` (also of the elastic net)."""
    if is_numpy(xp):
        return _numpy.l1_penalty(xp, ps)
    if is_torch(xp):
        return _torch.l1_penalty(xp, ps)
    return _generic.l1_penalty(xp, ps)


def l2_penalty(params: Any) -> Array:
    r"""Half the squared L2 norm of all parameters, $R_2(w) = \tfrac12 \lVert w \rVert_2^2$.

    The factor $\tfrac12$ makes $\nabla_w \, \lambda R_2(w) = \lambda w$, so
    adding `lam * l2_penalty(model)` to the loss and stepping with plain SGD
    gives exactly the update of `torch.optim.SGD(..., weight_decay=lam)`:
    $w \leftarrow w - \eta(\nabla L(w) + \lambda w)$. It shrinks weights
    proportionally and never sets them exactly to zero.

    Args:
        params: as in [`l1_penalty`][normdocs.l1_penalty].

    Raises:
        TypeError, ValueError: as in [`l1_penalty`][normdocs.l1_penalty].

    Examples:
        >>> from normdocs import l2_penalty
        >>> l2_penalty([3.0, -4.0])
        np.float64(12.5)
    """
    xp, ps = check_params(params)
    return _l2_penalty(xp, ps)


def _l2_penalty(xp: Any, ps: list[Array]) -> Array:
    """The choice of implementation, for validated ``params`` (also of the elastic net)."""
    if is_torch(xp):
        return _torch.l2_penalty(xp, ps)
    return _generic.l2_penalty(xp, ps)  # NumPy's too: xp.sum(p * p) is NumPy's fastest


def elastic_net_penalty(params: Any, *, l1_ratio: float = 0.5) -> Array:
    r"""The elastic-net penalty, scikit-learn's convention:

    $$
    R(w) = \rho \lVert w \rVert_1 + (1 - \rho) \tfrac12 \lVert w \rVert_2^2,
    \qquad \rho = \texttt{l1\_ratio} \in [0, 1].
    $$

    Args:
        params: as in [`l1_penalty`][normdocs.l1_penalty].
        l1_ratio: $\rho$; 1 gives the L1 penalty, 0 the L2 penalty.

    Raises:
        ValueError: `l1_ratio` outside [0, 1]; and as in `l1_penalty`.

    Examples:
        >>> from normdocs import elastic_net_penalty
        >>> elastic_net_penalty([3.0, -4.0], l1_ratio=0.5)
        np.float64(9.75)
    """
    rho = check_ratio(l1_ratio, "l1_ratio")
    xp, ps = check_params(params)  # once: a generator can be iterated only once
    return rho * _l1_penalty(xp, ps) + (1.0 - rho) * _l2_penalty(xp, ps)


def regularized_loss(data_loss: Any, params: Any, *, l1: float = 0.0, l2: float = 0.0) -> Array:
    r"""A data loss plus norm penalties: $L(w) = L_\text{data}(w) + \lambda_1 \lVert w \rVert_1
    + \lambda_2 \tfrac12 \lVert w \rVert_2^2$.

    With `l2=lam` and plain SGD the trajectory is exactly that of
    `torch.optim.SGD(..., weight_decay=lam)`.

    Args:
        data_loss: the unregularized loss (a scalar array or tensor, or a number).
        params: as in [`l1_penalty`][normdocs.l1_penalty].
        l1: $\lambda_1 \ge 0$.
        l2: $\lambda_2 \ge 0$.

    Raises:
        ValueError: `l1` or `l2` negative or not finite; and as in `l1_penalty`.
        TypeError: `data_loss` is not numeric; and as in `l1_penalty`.

    Examples:
        >>> from normdocs import regularized_loss
        >>> regularized_loss(1.0, [3.0, -4.0], l1=0.5, l2=0.25)  # 1 + 0.5 * 7 + 0.25 * 12.5
        np.float64(7.625)
    """
    lam1 = check_nonnegative(l1, "l1")
    lam2 = check_nonnegative(l2, "l2")
    xp, ps = check_params(params)
    check_data_loss(data_loss, ps[0])
    total = data_loss
    if lam1:
        total = total + lam1 * _l1_penalty(xp, ps)
    if lam2:
        total = total + lam2 * _l2_penalty(xp, ps)
    if isinstance(total, numbers.Real):
        total = finalize(xp, xp.asarray(float(total), dtype=ps[0].dtype))
    return total
