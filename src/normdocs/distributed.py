r"""Norms of vectors sharded across the processes of a `torch.distributed` group.

Data-parallel and FSDP training keep one logical vector (the gradients, the weights) in
shards, one per rank. `vector_norm` computes the norm of the whole vector from each rank's
shard with one small collective, and returns it on every rank. This module imports torch.
"""

from __future__ import annotations

import math
from typing import Any

import torch
import torch.distributed as dist

from normdocs._validation import check_process_group, check_torch_shard, check_vector_ord
from normdocs.norms import vector_norm as _local_norm

__all__ = ["vector_norm"]

Tensor = Any

# the p-th power of a nonzero local norm below this has lost digits (float64, and float32
# where float64 is missing): the rank sends inf, so that every rank takes the scaled fallback
_SMALLEST_NORMAL = {
    torch.float64: torch.finfo(torch.float64).smallest_normal,
    torch.float32: torch.finfo(torch.float32).smallest_normal,
}


def vector_norm(local: Tensor, ord: float = 2, *, group: Any = None) -> Tensor:
    r"""The norm of the vector whose shards are every rank's `local`, on every rank.

    Rank $r$ of the group holds a shard $x^{(r)}$ of one vector
    $x = (x^{(0)}, \dots, x^{(R-1)})$, of any shape and size (it may be empty). The
    norm of $x$ follows from the norms of the shards, since a $p$-norm is a sum of
    $p$-th powers and the max norm is a maximum:

    $$
    \lVert x \rVert_p = \Big(\sum_{r} \lVert x^{(r)} \rVert_p^{\,p}\Big)^{1/p}
    \quad (p \ge 1), \qquad
    \lVert x \rVert_\infty = \max_r \lVert x^{(r)} \rVert_\infty, \qquad
    \lVert x \rVert_0 = \sum_r \lVert x^{(r)} \rVert_0 .
    $$

    So each rank computes its local norm $n_r = \lVert x^{(r)} \rVert_p$ with
    [`normdocs.vector_norm`][normdocs.vector_norm] (overflow-safe), and one
    `all_reduce` of a single number combines them: a SUM of $n_r$ for $p = 1$, of the
    counts for `ord=0`, a MAX for `ord=inf` (with a NaN flag: a MAX reduction need not
    propagate NaN), and for other $p$ a SUM of $s_r = n_r^{\,p}$ computed in float64.

    **Overflow and underflow.** $n_r^{\,p}$ can leave float64's range although
    $\lVert x \rVert_p$ does not (two shards `[1e200]` give $10^{400}$). A rank whose
    $s_r$ overflows is inf already; a rank whose nonzero $n_r$ has a $p$-th power below
    float64's smallest normal number (digits lost) sends inf too. The reduced sum
    $S = \sum_r s_r$ is the same number on every rank, so every rank takes the same
    branch: $S$ finite (the common case) gives $\lVert x \rVert_p = S^{1/p}$ after that
    **one** collective; $S = \infty$ sends every rank to the scaled fallback, a second
    collective, an `all_gather` of the $R$ local norms, after which every rank
    computes the overflow-safe norm $\lVert (n_0, \dots, n_{R-1}) \rVert_p$ of that
    short vector itself (scaled by its maximum, as `normdocs.vector_norm` does). A NaN
    anywhere makes $S$ NaN and the result NaN; a true inf gives inf through the fallback.
    The branch reads $S$ on the host (a device synchronization on a GPU, as
    `clip_grad_norm_`'s range check does).

    **Gradients.** When `local` requires a gradient, the result is in its autograd
    graph with the exact partial derivative of the global norm with respect to this
    rank's shard,
    $\partial \lVert x \rVert_p / \partial x^{(r)} =
    (n_r / \lVert x \rVert_p)^{p-1} \, \partial n_r / \partial x^{(r)}$,
    the other ranks' shards held constant: the backward pass needs no collective, and a
    rank may call `backward()` alone. Every rank that back-propagates the same global
    norm gets the gradient of that one objective on its own shard, the corresponding
    slice of `torch.linalg.vector_norm`'s gradient of the whole vector (0 when the whole
    vector is 0; for `ord=inf` it splits ties between ranks by their number of maximal
    entries, as torch does, which costs one more collective, only when a gradient is
    needed). `torch.distributed.nn.functional.all_reduce` would instead sum the
    gradients of every rank's objective in a backward `all_reduce`.

    Every rank of `group` must call this function with the same `ord` and a `local` of
    the same dtype, in the same order as its other collectives.

    Args:
        local: this rank's shard, a torch tensor of any shape (empty allowed), real or
            complex (the modulus is used); integer and boolean shards are promoted to
            torch's default float.
        ord: 0 (count of nonzeros, not a norm), any real $p \ge 1$, or `math.inf`.
        group: a `torch.distributed` process group, or `None` for the default (world)
            group. The process group must be initialized (`init_process_group`).

    Returns:
        A 0-D tensor on `local`'s device, in `local`'s real floating dtype, the same
        value on every rank. The empty vector has norm 0.

    Raises:
        TypeError: `local` is not a torch tensor of a numeric dtype, or `group` is
            not a process group.
        ValueError: `ord` is not 0, a real $p \ge 1$ or inf.
        RuntimeError: `torch.distributed` is unavailable or its default process group
            is not initialized.

    Examples:
        A group of one process (a real run has one process per rank; see the page
        "Norms across processes"):

        >>> import os, tempfile, torch
        >>> import torch.distributed as dist
        >>> from normdocs.distributed import vector_norm
        >>> store = os.path.join(tempfile.mkdtemp(), "store")
        >>> dist.init_process_group("gloo", init_method=f"file://{store}", rank=0, world_size=1)
        >>> vector_norm(torch.tensor([3.0, -4.0]))
        tensor(5.)
        >>> vector_norm(torch.tensor([1e200, 1e200], dtype=torch.float64))
        tensor(1.4142e+200, dtype=torch.float64)
        >>> vector_norm(torch.tensor([3.0, -4.0]), 1), vector_norm(torch.tensor([3.0, -4.0]), 0)
        (tensor(7.), tensor(2.))
        >>> dist.destroy_process_group()
    """
    x = check_torch_shard(local)
    p = check_vector_ord(ord)
    check_process_group(group)
    n = _local_norm(x, p)  # this rank's norm: overflow-safe, in the autograd graph
    wide = torch.float32 if n.device.type == "mps" else torch.float64  # mps: no float64
    n_wide = n.detach().to(wide)
    if p == math.inf:
        total = _max(n_wide, group)
    elif p in (0.0, 1.0):
        total = _all_reduce(n_wide.reshape(1).clone(), dist.ReduceOp.SUM, group)[0]
    else:
        total = _sum_of_powers(n_wide, p, group)
    weight = _weight(x, n, n_wide, total, p, group) if _needs_grad(n) else None
    result = total.to(n.dtype)
    if weight is not None:  # + 0 with the gradient (weight * dn / dx): the value stays `total`
        result = result + (n - n.detach()) * weight.to(n.dtype)
    return result


def _all_reduce(t: Tensor, op: Any, group: Any) -> Tensor:
    dist.all_reduce(t, op=op, group=group)
    return t


def _max(n: Tensor, group: Any) -> Tensor:
    """MAX of the local norms; NaN as a flag beside it (MAX kernels may drop NaN)."""
    nan = torch.isnan(n)
    pair = torch.stack([torch.where(nan, torch.zeros_like(n), n), nan.to(n.dtype)])
    _all_reduce(pair, dist.ReduceOp.MAX, group)
    return torch.where(pair[1] > 0, torch.full_like(pair[0], math.nan), pair[0])


def _sum_of_powers(n: Tensor, p: float, group: Any) -> Tensor:
    """``(sum_r n_r ** p) ** (1 / p)``: one all_reduce when the sum is finite, else the
    scaled norm of the all-gathered local norms (a second collective)."""
    s = n**p
    if float(n) > 0 and float(s) < _SMALLEST_NORMAL[n.dtype]:
        s = torch.full_like(s, math.inf)  # digits lost to underflow: everyone falls back
    total_s = _all_reduce(s.reshape(1), dist.ReduceOp.SUM, group)[0]
    if not math.isinf(float(total_s)):  # finite, or NaN (a NaN shard): the answer
        return total_s ** (1.0 / p)
    size = dist.get_world_size(group)
    norms = [torch.empty_like(n.reshape(1)) for _ in range(size)]
    dist.all_gather(norms, n.reshape(1), group=group)
    result: Tensor = _local_norm(torch.cat(norms), p)
    return result


def _needs_grad(n: Tensor) -> bool:
    return bool(n.requires_grad and torch.is_grad_enabled())


def _weight(x: Tensor, n: Tensor, n_wide: Tensor, total: Tensor, p: float, group: Any) -> Tensor:
    """d total / d n (this rank's norm), the other ranks' norms held constant."""
    if p == 0:
        return torch.zeros_like(total)  # a count: gradient 0, graph kept
    if p == 1:
        return torch.ones_like(total)
    if p == math.inf:
        # ties: each maximal entry of the whole vector gets an equal share, as in torch
        top = bool(n_wide == total) and float(total) > 0
        ties = torch.count_nonzero(x.detach().abs() == n.detach()) if top else 0
        count = torch.tensor([float(ties)], dtype=total.dtype, device=total.device)
        _all_reduce(count, dist.ReduceOp.SUM, group)
        return count[0].new_tensor(float(ties) / float(count[0]) if top else 0.0)
    if not float(total) > 0 or math.isinf(float(total)):
        return torch.zeros_like(total)  # 0 (a subgradient), inf or NaN: no finite slope
    return (n_wide / total) ** (p - 1)
